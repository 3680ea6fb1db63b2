import ColumnStore
import Foundation

/// Every delivery of one source up to the reporting month, as entries of the delivery cache
/// (``SourceExtractor/cachedExtract(_:deliveries:progress:)``); no delivery is refused.
public struct CachedSourceExtract: Sendable {
    /// One per delivery, in delivery order: delivery i's rows have `_delivery` i.
    public var entries: [DeliveryCacheEntry]
    /// One entry per delivery file, in delivery order.
    public var deliveries: [DeliveryInfo]
    /// Bad records, in delivery order and line order within a delivery.
    public var rejects: [Reject]

    /// Rows of the extract table.
    public var rowCount: Int { entries.reduce(0) { $0 + $1.rows } }
}
