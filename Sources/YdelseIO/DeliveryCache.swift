import ColumnStore

/// Keeps the parsed form of delivery files between runs: a delivery never
/// changes once delivered, so every later month can reuse its columns instead
/// of inflating and parsing it again (issue 11). ``SourceExtractor`` asks the
/// cache before parsing a delivery and offers it every delivery it parsed and
/// did not refuse. The implementation (files under `OUT/.cache/extract`, keyed
/// by the file's identity and content) lives with the extract stage.
public protocol DeliveryCache: Sendable {
    /// The cached parse of `delivery`, or a miss with the key under which its
    /// parse may be kept. A cache entry that cannot be trusted is a miss.
    func lookup(_ delivery: Delivery) -> DeliveryCacheLookup
    /// Keeps the parse of `delivery`, made after a miss with `key`. The cache
    /// must not keep it when the file no longer matches `key` (it changed
    /// while it was parsed). Never called for a refused delivery.
    func keep(_ parse: CachedDelivery, of delivery: Delivery, key: String)
}

/// What ``DeliveryCache/lookup(_:)`` found.
public enum DeliveryCacheLookup: Sendable {
    case hit(CachedDelivery)
    /// Not cached (or not trustworthy); `key` identifies the file as it is now.
    case miss(key: String)
    /// The file cannot be identified (cannot be read or stat'ed): parse it, keep nothing.
    case uncachable
}

/// One delivery as parsed: everything ``SourceExtractor`` needs from it.
public struct CachedDelivery: Sendable {
    /// Its rows, schema `layout.extractSchema`; the `_delivery` values are
    /// ignored (the extractor sets the delivery's index of the month).
    public var table: Table
    /// Its bad records, in line order.
    public var rejects: [Reject]
    /// Data lines read, rejected ones included.
    public var dataLines: Int
    public var totals: GzipReader.Totals

    public init(table: Table, rejects: [Reject], dataLines: Int, totals: GzipReader.Totals) {
        self.table = table
        self.rejects = rejects
        self.dataLines = dataLines
        self.totals = totals
    }
}
