import ColumnStore

/// Every delivery of one source up to the reporting month, as one table.
public struct SourceExtract: Sendable {
    public var source: String
    /// Rows of every delivery, in delivery order, schema exactly `layout.extractSchema`.
    /// Includes the rows read from refused deliveries (see ``DeliveryInfo/refusal``).
    public var table: Table
    /// One entry per delivery file, in delivery order.
    public var deliveries: [DeliveryInfo]
    /// Bad records, in delivery order and line order within a delivery.
    public var rejects: [Reject]
    /// Deliveries refused whole, in delivery order.
    public var refusals: [Refusal]

    /// True when no delivery was refused: the table is safe to measure from.
    public var isComplete: Bool { refusals.isEmpty }
}
