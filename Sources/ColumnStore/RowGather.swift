/// Parallel gather of whole tables by 32-bit row numbers: output row i is
/// input row `rows[i]`. The row numbers are checked once for the table, and
/// every column is filled in parallel slices of the output (fixed-width
/// values directly, strings in two passes: lengths, then bytes): the one-part
/// case of ``Table/gatherReleasing(from:rowSets:)`` (`PartsGather.swift`).
extension Table {
    /// Rows at `rows`, in that order.
    /// - Precondition: every entry is a valid row of the table.
    public func gather(rows: [Int32]) -> Table {
        // A copy shares the buffers, so gathering it lets nothing go.
        Table(columns: columns).gatherReleasing(rowSets: [rows])[0]
    }

    /// The rows of each of `rowSets`, in order, from a table this call takes over: the columns are
    /// gathered one after the other and each input column is let go as soon as it is gathered, so
    /// when nothing else holds the table, at most one column is in memory twice instead of the
    /// whole table (what normalising a large source costs at its peak).
    /// - Precondition: every entry is a valid row of the table.
    public consuming func gatherReleasing(rowSets: [[Int32]]) -> [Table] {
        Table.gatherReleasing(from: [consume self], rowSets: rowSets)
    }
}

/// Copies a short string: a byte loop beats a `memmove` call for the ids and codes a table
/// holds; long strings still go to `memmove`.
@inline(__always)
func copyBytes(_ dst: UnsafeMutablePointer<UInt8>, _ src: UnsafePointer<UInt8>, _ n: Int) {
    if n > 32 {
        dst.update(from: src, count: n)
        return
    }
    var i = 0
    while i < n { dst[i] = src[i]; i &+= 1 }
}

/// A read-only buffer handed to parallel workers.
struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<T>
    init(_ b: UnsafeBufferPointer<T>) { buffer = b }
}
