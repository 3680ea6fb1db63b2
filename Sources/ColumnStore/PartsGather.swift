/// Gather from several tables at once, as if they were concatenated: row numbers count the rows
/// of the first table, then those of the second, and so on. Used to merge sorted runs (a month's
/// normalised table from the previous month's and the new rows) without building the
/// concatenation first.
extension Table {
    /// For each of `rowSets`, the rows it lists of the concatenation of `parts`, in order. The
    /// parts are taken over and let go column by column, as ``gatherReleasing(rowSets:)`` does.
    ///
    /// Columns are matched by position and must have the same names and types. A dictionary
    /// column whose parts have different dictionaries gets the union of their values (in order
    /// of first appearance, part by part). A column is nullable in the result when it is in any
    /// part.
    /// - Precondition: every row number is below the parts' total row count.
    public static func gatherReleasing(from parts: consuming [Table], rowSets: [[Int32]]) -> [Table] {
        var parts = parts
        guard let first = parts.first else { return rowSets.map { _ in Table(columns: []) } }
        var bases = [0]
        for p in parts { bases.append(bases[bases.count - 1] + p.rowCount) }
        let total = bases[bases.count - 1]
        for p in parts {
            precondition(p.columns.count == first.columns.count, "gathering parts of \(p.columns.count) and \(first.columns.count) columns")
        }
        for rows in rowSets { precondition(rows.allSatisfy { $0 >= 0 && Int($0) < total }, "gather row out of range") }
        let slices = rowSets.map { gatherSlices($0.count) }
        let locate = PartLocator(bases: bases)
        var out = rowSets.map { _ in [Column]() }
        for c in first.columns.indices {
            let columns = parts.map { $0.columns[c] }
            for col in columns {
                precondition(col.name == columns[0].name && col.type == columns[0].type,
                             "cannot gather column \(col.name): \(col.type) with \(columns[0].name): \(columns[0].type)")
            }
            for (k, rows) in rowSets.enumerated() {
                let data = ColumnData.gather(columns, locate, rows: rows, slices: slices[k])
                let validity: Validity? = columns.contains { $0.validity != nil }
                    ? Validity.gather(columns.map(\.validity), locate, rows: rows, slices: slices[k]) : nil
                out[k].append(Column(name: columns[0].name, data: data, validity: validity))
            }
            for p in parts.indices { parts[p].columns[c] = Column(name: columns[0].name, data: .int32([])) }
        }
        return out.map { Table(columns: $0) }
    }
}

/// The slices of `count` output rows that a gather fills side by side, bounded on multiples of
/// 8 rows so that no two share a validity byte.
func gatherSlices(_ count: Int) -> [Range<Int>] {
    Parallel.ranges(count, chunks: Parallel.width * 4).map { r in
        (r.lowerBound & ~7)..<(r.upperBound == count ? r.upperBound : r.upperBound & ~7)
    }.filter { !$0.isEmpty }
}

/// Which part a row of the concatenation lies in, and its row there.
struct PartLocator: Sendable {
    /// `bases[p]` is the first row of part p; the last entry is the total.
    let bases: [Int]

    @inline(__always) func callAsFunction(_ row: Int) -> (part: Int, row: Int) {
        if bases.count == 2 { return (0, row) }
        var p = 0
        while row >= bases[p + 1] { p += 1 }
        return (p, row - bases[p])
    }
}

extension ColumnData {
    /// The values at `rows` of the concatenation of `parts` (all of one type).
    static func gather(_ parts: [Column], _ locate: PartLocator, rows: [Int32], slices: [Range<Int>]) -> ColumnData {
        switch parts[0].data {
        case .int32: return .int32(partsGather(parts.map(\.int32Values), locate, rows, slices))
        case .int64: return .int64(partsGather(parts.map(\.int64Values), locate, rows, slices))
        case .float64: return .float64(partsGather(parts.map(\.float64Values), locate, rows, slices))
        case .date32: return .date32(partsGather(parts.map(\.dateValues), locate, rows, slices))
        case .bool: return .bool(partsGather(parts.map(\.boolValues), locate, rows, slices))
        case .utf8:
            return .utf8(StringStorage.gather(parts.map(\.strings), locate, rows: rows, slices: slices))
        case .dictionary:
            let (values, indices) = DictionaryStorage.union(parts.map(\.dictionary), column: parts[0].name)
            return .dictionary(DictionaryStorage(indices: partsGather(indices, locate, rows, slices), values: values))
        }
    }
}

/// `parts`' concatenation at `rows[i]` for every i; each slice of the output filled by one worker.
/// (The parts' buffers are read through pointers taken before the workers start: the arrays are
/// neither mutated nor released until the gather returns.)
private func partsGather<T: BitwiseCopyable>(_ parts: [[T]], _ locate: PartLocator, _ rows: [Int32], _ slices: [Range<Int>]) -> [T] {
    let buffers = parts.map { p in p.withUnsafeBufferPointer { SendableBuffer($0) } }
    return withExtendedLifetime(parts) {
        [T](unsafeUninitializedCapacity: rows.count) { out, count in
            let dst = SendablePointer(out.baseAddress!)
            rows.withUnsafeBufferPointer { idx in
                let x = SendableBuffer(idx)
                _ = Parallel.map(slices.count) { c in
                    if buffers.count == 1 {   // one table (a plain gather): no part to find
                        let src = buffers[0].buffer
                        for i in slices[c] { (dst.pointer + i).initialize(to: src[Int(x.buffer[i])]) }
                        return 0
                    }
                    for i in slices[c] {
                        let (p, r) = locate(Int(x.buffer[i]))
                        (dst.pointer + i).initialize(to: buffers[p].buffer[r])
                    }
                    return 0
                }
            }
            count = rows.count
        }
    }
}

extension StringStorage {
    /// The strings at `rows` of the concatenation of `parts`, in two parallel passes over the
    /// slices: each slice writes its strings' lengths as offsets relative to the slice and sums
    /// them; then, with the slice starts known, it rebases its offsets and copies its bytes.
    static func gather(_ parts: [StringStorage], _ locate: PartLocator, rows: [Int32], slices: [Range<Int>]) -> StringStorage {
        let offsets = parts.map { p in p.offsets.withUnsafeBufferPointer { SendableBuffer($0) } }
        let bytes = parts.map { p in p.bytes.withUnsafeBufferPointer { SendableBuffer($0) } }
        return withExtendedLifetime(parts) {
            let n = rows.count
            var newOffsets = [Int32](repeating: 0, count: n + 1)
            let totals: [Int] = rows.withUnsafeBufferPointer { idx in
                newOffsets.withUnsafeMutableBufferPointer { out in
                    let x = SendableBuffer(idx), dst = SendablePointer(out.baseAddress!)
                    return Parallel.map(slices.count) { c in
                        var at = 0
                        for i in slices[c] {
                            let (p, r) = locate(Int(x.buffer[i]))
                            at += Int(offsets[p].buffer[r + 1] &- offsets[p].buffer[r])
                            dst.pointer[i + 1] = Int32(truncatingIfNeeded: at)
                        }
                        return at
                    }
                }
            }
            var starts = [Int](repeating: 0, count: slices.count)
            var total = 0
            for c in slices.indices { starts[c] = total; total += totals[c] }
            precondition(total <= Int(Int32.max), "gathered strings exceed 2 GiB")
            if total == 0 { return StringStorage(offsets: newOffsets, bytes: []) }
            let sliceStart = starts
            let newBytes = rows.withUnsafeBufferPointer { idx in
                newOffsets.withUnsafeMutableBufferPointer { out in
                    let x = SendableBuffer(idx), offs = SendablePointer(out.baseAddress!)
                    return [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
                        let dst = SendablePointer(buffer.baseAddress!)
                        _ = Parallel.map(slices.count) { c in
                            var at = sliceStart[c]
                            for i in slices[c] {
                                let (p, r) = locate(Int(x.buffer[i]))
                                let s = Int(offsets[p].buffer[r]), len = Int(offsets[p].buffer[r + 1]) - s
                                if len > 0 { copyBytes(dst.pointer + at, bytes[p].buffer.baseAddress! + s, len) }
                                at += len
                                offs.pointer[i + 1] = Int32(truncatingIfNeeded: at)
                            }
                            return 0
                        }
                        count = total
                    }
                }
            }
            return StringStorage(offsets: newOffsets, bytes: newBytes)
        }
    }
}

extension Validity {
    /// The bits at `rows` of the concatenation of `parts` (a part without a bitmap is all valid).
    static func gather(_ parts: [Validity?], _ locate: PartLocator, rows: [Int32], slices: [Range<Int>]) -> Validity {
        let buffers = parts.map { p in p.map { v in v.bytes.withUnsafeBufferPointer { SendableBuffer($0) } } }
        return withExtendedLifetime(parts) {
            var out = [UInt8](repeating: 0, count: (rows.count + 7) / 8)
            rows.withUnsafeBufferPointer { idx in
                out.withUnsafeMutableBufferPointer { dstBuffer in
                    let x = SendableBuffer(idx), dst = SendablePointer(dstBuffer.baseAddress!)
                    _ = Parallel.map(slices.count) { c in
                        for j in slices[c] {
                            let (p, r) = locate(Int(x.buffer[j]))
                            let valid: Bool
                            if let bits = buffers[p] { valid = bits.buffer[r >> 3] & (1 << UInt8(r & 7)) != 0 } else { valid = true }
                            if valid { dst.pointer[j >> 3] |= 1 << UInt8(j & 7) }
                        }
                        return 0
                    }
                }
            }
            return Validity(bytes: out, count: rows.count)
        }
    }
}
