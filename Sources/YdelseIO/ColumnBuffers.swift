import ColumnStore

/// The growing columns of one delivery, grouped by physical type so the
/// parser appends to plain arrays. A field's values are appended as it is
/// parsed; when a later field or a record check rejects the record,
/// ``rollback()`` cuts every buffer back to the committed rows.
struct ColumnBuffers {
    var int64: [[Int64]]
    /// Dates (days since 1970) and dictionary indices.
    var int32: [[Int32]]
    /// Arrow-style offsets per text column (count + 1 entries).
    var textOffsets: [[Int32]]
    var textBytes: [[UInt8]]
    /// One byte per row per optional column: 1 valid, 0 null.
    var validity: [[UInt8]]
    /// The physical line of each row (`_line`).
    var lines: [Int32] = []
    /// Committed rows.
    private(set) var rows = 0

    init(plan: RecordPlan, reservingRows capacity: Int) {
        func reserved<T>(_ count: Int, _: T.Type) -> [[T]] {
            (0..<count).map { _ in var a: [T] = []; a.reserveCapacity(capacity); return a }
        }
        int64 = reserved(plan.int64Count, Int64.self)
        int32 = reserved(plan.int32Count, Int32.self)
        textOffsets = (0..<plan.textCount).map { _ in var a: [Int32] = [0]; a.reserveCapacity(capacity + 1); return a }
        textBytes = reserved(plan.textCount, UInt8.self)
        validity = reserved(plan.validityCount, UInt8.self)
        lines.reserveCapacity(capacity)
    }

    /// Ends the current record: its values become row `rows`.
    @inline(__always)
    mutating func commit(line: Int) {
        lines.append(Int32(truncatingIfNeeded: line))
        rows += 1
    }

    /// Drops whatever the current (rejected) record appended.
    mutating func rollback() {
        for i in int64.indices where int64[i].count > rows { int64[i].removeSubrange(rows...) }
        for i in int32.indices where int32[i].count > rows { int32[i].removeSubrange(rows...) }
        for i in validity.indices where validity[i].count > rows { validity[i].removeSubrange(rows...) }
        for i in textOffsets.indices where textOffsets[i].count > rows + 1 {
            textOffsets[i].removeSubrange((rows + 1)...)
            textBytes[i].removeSubrange(Int(textOffsets[i][rows])...)
        }
    }

    /// The columns in the order of `plan.fields` (literals skipped), then
    /// `_delivery` (all `delivery`) and `_line`: exactly `layout.extractSchema`.
    func table(plan: RecordPlan, delivery: Int32) -> Table {
        var columns: [Column] = []
        columns.reserveCapacity(plan.fields.count + 2)
        for field in plan.fields {
            let data: ColumnData
            switch field.storage {
            case .none:
                continue
            case .int64(let slot):
                data = .int64(int64[slot])
            case .int32(let slot):
                if let lookup = field.lookup {
                    data = .dictionary(DictionaryStorage(indices: int32[slot], values: lookup.values))
                } else {
                    data = .date32(int32[slot])
                }
            case .text(let slot):
                data = .utf8(StringStorage(offsets: textOffsets[slot], bytes: textBytes[slot]))
            }
            let valid = field.validitySlot >= 0 ? Self.bitmap(validity[field.validitySlot]) : nil
            columns.append(Column(name: field.name, data: data, validity: valid))
        }
        columns.append(Column(name: "_delivery", data: .int32([Int32](repeating: delivery, count: rows))))
        columns.append(Column(name: "_line", data: .int32(lines)))
        return Table(columns: columns)
    }

    /// Packs one byte per row into an Arrow validity bitmap.
    static func bitmap(_ flags: [UInt8]) -> Validity {
        var bytes = [UInt8](repeating: 0, count: (flags.count + 7) / 8)
        flags.withUnsafeBufferPointer { f in
            for i in 0..<f.count where f[i] != 0 { bytes[i >> 3] |= 1 << UInt8(i & 7) }
        }
        return Validity(bytes: bytes, count: flags.count)
    }
}
