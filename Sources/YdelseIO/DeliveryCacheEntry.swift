import Foundation

/// A delivery's entry in a ``DeliveryCache``: the file that holds its parsed rows (an Arrow IPC
/// file of `layout.extractSchema`, one or more record batches, `_delivery` values to be set by
/// the reader) and what parsing it gave besides its rows.
public struct DeliveryCacheEntry: Sendable, Equatable {
    public var url: URL
    public var rows: Int
    public var rejects: [Reject]
    /// Data lines read, rejected ones included.
    public var dataLines: Int
    public var totals: GzipReader.Totals

    public init(url: URL, rows: Int, rejects: [Reject], dataLines: Int, totals: GzipReader.Totals) {
        self.url = url
        self.rows = rows
        self.rejects = rejects
        self.dataLines = dataLines
        self.totals = totals
    }
}

/// What ``DeliveryCache/entry(_:)`` found.
public enum DeliveryCacheEntryLookup: Sendable {
    case hit(DeliveryCacheEntry)
    /// Not cached (or not trustworthy); `key` identifies the file as it is now.
    case miss(key: String)
    /// The file cannot be identified: parse it, keep nothing.
    case uncachable
}
