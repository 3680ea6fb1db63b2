/// Parallel gather of whole tables by 32-bit row numbers: output row i is
/// input row `rows[i]`. The row numbers are checked once for the table, and
/// every column is filled in parallel slices of the output (fixed-width
/// values directly, strings in two passes: lengths, then bytes).
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
        let n = rowCount
        var columns = (consume self).columns
        for rows in rowSets { precondition(rows.allSatisfy { $0 >= 0 && Int($0) < n }, "gather row out of range") }
        let slices = rowSets.map { rows in
            Parallel.ranges(rows.count, chunks: Parallel.width * 4).map { r in
                // Slice bounds on multiples of 8 rows so validity bytes are never shared.
                (r.lowerBound & ~7)..<(r.upperBound == rows.count ? r.upperBound : r.upperBound & ~7)
            }.filter { !$0.isEmpty }
        }
        var out = rowSets.map { _ in [Column]() }
        for c in columns.indices {
            let column = columns[c]
            for (k, rows) in rowSets.enumerated() {
                out[k].append(rows.isEmpty ? column.gather([Int]())
                    : Column(name: column.name, data: column.data.gather(rows: rows, slices: slices[k]),
                             validity: column.validity.map { $0.gather(rows: rows, slices: slices[k]) }))
            }
            columns[c] = Column(name: column.name, data: .int32([]))
        }
        return out.map { Table(columns: $0) }
    }
}

extension ColumnData {
    /// The values at `rows` (checked by the caller), filled slice by slice in parallel.
    func gather(rows: [Int32], slices: [Range<Int>]) -> ColumnData {
        switch self {
        case .int32(let v): .int32(parallelGather(v, rows, slices))
        case .int64(let v): .int64(parallelGather(v, rows, slices))
        case .float64(let v): .float64(parallelGather(v, rows, slices))
        case .date32(let v): .date32(parallelGather(v, rows, slices))
        case .bool(let v): .bool(parallelGather(v, rows, slices))
        case .utf8(let s): .utf8(s.gather(rows: rows, slices: slices))
        case .dictionary(let d):
            .dictionary(DictionaryStorage(indices: parallelGather(d.indices, rows, slices), values: d.values))
        }
    }
}

/// `values[rows[i]]` for every i; each slice of the output filled by one worker.
private func parallelGather<T: BitwiseCopyable>(_ values: [T], _ rows: [Int32], _ slices: [Range<Int>]) -> [T] {
    [T](unsafeUninitializedCapacity: rows.count) { out, count in
        let dst = SendablePointer(out.baseAddress!)
        values.withUnsafeBufferPointer { src in
            rows.withUnsafeBufferPointer { idx in
                let s = SendableBuffer(src), x = SendableBuffer(idx)
                _ = Parallel.map(slices.count) { c in
                    for i in slices[c] { (dst.pointer + i).initialize(to: s.buffer[Int(x.buffer[i])]) }
                    return 0
                }
            }
        }
        count = rows.count
    }
}

extension StringStorage {
    /// The strings at `rows`, in two parallel passes over the slices: each
    /// slice writes its strings' lengths as offsets relative to the slice and
    /// sums them; then, with the slice starts known, it rebases its offsets and
    /// copies its bytes.
    func gather(rows: [Int32], slices: [Range<Int>]) -> StringStorage {
        let n = rows.count
        var newOffsets = [Int32](repeating: 0, count: n + 1)
        let totals: [Int] = offsets.withUnsafeBufferPointer { off in
            rows.withUnsafeBufferPointer { idx in
                newOffsets.withUnsafeMutableBufferPointer { out in
                    let o = SendableBuffer(off), x = SendableBuffer(idx), dst = SendablePointer(out.baseAddress!)
                    return Parallel.map(slices.count) { c in
                        var at = 0
                        for i in slices[c] {
                            let r = Int(x.buffer[i])
                            at += Int(o.buffer[r + 1] &- o.buffer[r])
                            dst.pointer[i + 1] = Int32(truncatingIfNeeded: at)
                        }
                        return at
                    }
                }
            }
        }
        var starts = [Int](repeating: 0, count: slices.count)
        var total = 0
        for c in slices.indices { starts[c] = total; total += totals[c] }
        precondition(total <= Int(Int32.max), "gathered strings exceed 2 GiB")
        let sliceStart = starts
        if total == 0 { return StringStorage(offsets: newOffsets, bytes: []) }   // every offset is already 0
        let newBytes = offsets.withUnsafeBufferPointer { off in
            bytes.withUnsafeBufferPointer { b in
                rows.withUnsafeBufferPointer { idx in
                    newOffsets.withUnsafeMutableBufferPointer { out in
                        let o = SendableBuffer(off), src = SendableBuffer(b), x = SendableBuffer(idx)
                        let offs = SendablePointer(out.baseAddress!)
                        return [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
                            let dst = SendablePointer(buffer.baseAddress!)
                            _ = Parallel.map(slices.count) { c in
                                var at = sliceStart[c]
                                for i in slices[c] {
                                    let r = Int(x.buffer[i])
                                    let s = Int(o.buffer[r]), len = Int(o.buffer[r + 1]) - s
                                    copyBytes(dst.pointer + at, src.buffer.baseAddress! + s, len)
                                    at += len
                                    offs.pointer[i + 1] = Int32(truncatingIfNeeded: at)
                                }
                                return 0
                            }
                            count = total
                        }
                    }
                }
            }
        }
        return StringStorage(offsets: newOffsets, bytes: newBytes)
    }
}

/// Copies a short string: a byte loop beats a `memmove` call for the ids and
/// codes a table holds; long strings still go to `memmove`.
@inline(__always)
private func copyBytes(_ dst: UnsafeMutablePointer<UInt8>, _ src: UnsafePointer<UInt8>, _ n: Int) {
    if n > 32 {
        dst.update(from: src, count: n)
        return
    }
    var i = 0
    while i < n { dst[i] = src[i]; i &+= 1 }
}

extension Validity {
    /// The bits at `rows`; slices start on multiples of 8 so no byte is written by two workers.
    func gather(rows: [Int32], slices: [Range<Int>]) -> Validity {
        var out = [UInt8](repeating: 0, count: (rows.count + 7) / 8)
        bytes.withUnsafeBufferPointer { srcBuffer in
            rows.withUnsafeBufferPointer { idx in
                out.withUnsafeMutableBufferPointer { dstBuffer in
                    let src = SendableBuffer(srcBuffer), x = SendableBuffer(idx)
                    let dst = SendablePointer(dstBuffer.baseAddress!)
                    _ = Parallel.map(slices.count) { c in
                        for j in slices[c] {
                            let i = Int(x.buffer[j])
                            if src.buffer[i >> 3] & (1 << UInt8(i & 7)) != 0 {
                                dst.pointer[j >> 3] |= 1 << UInt8(j & 7)
                            }
                        }
                        return 0
                    }
                }
            }
        }
        return Validity(bytes: out, count: rows.count)
    }
}

/// A read-only buffer handed to parallel workers.
struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<T>
    init(_ b: UnsafeBufferPointer<T>) { buffer = b }
}
