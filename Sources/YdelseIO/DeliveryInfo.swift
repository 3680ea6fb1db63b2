import ColumnStore
import Foundation

/// What one delivery contributed to a ``SourceExtract``.
public struct DeliveryInfo: Sendable, Equatable {
    /// Position in ascending month order: the `_delivery` value of its rows.
    public var index: Int
    public var file: String
    public var path: String
    public var month: YearMonth
    /// Data lines read, rejected ones included.
    public var dataLines: Int
    /// The rows of the extract's table that came from this delivery.
    public var rows: Range<Int>
    /// Number of its records that were rejected.
    public var rejects: Int
    /// File size (compressed bytes).
    public var compressedBytes: Int
    /// Bytes inflated; 0 for a refused delivery.
    public var inflatedBytes: Int
    /// Set when the delivery is refused whole; its rows are then partial.
    public var refusal: Refusal?
    /// Whether its rows came from the ``DeliveryCache`` instead of being parsed.
    public var cached = false
}
