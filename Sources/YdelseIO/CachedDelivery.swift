import ColumnStore

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
