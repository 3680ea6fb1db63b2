import ColumnStore

/// Small helpers to build output columns from Swift values.
enum ColumnBuilder {
    /// A table whose columns `makers` build, in parallel (one column per task, in the order
    /// given): a stage's output table of millions of rows (`spells/forloeb`) is then no longer a
    /// stretch of one core at the end of the stage.
    static func table(_ makers: [@Sendable () -> Column]) -> Table {
        Table(columns: Parallel.map(makers.count) { makers[$0]() })
    }

    /// Tables whose columns `makers` build, all columns of all tables in parallel (a table of
    /// millions of rows beside two small ones then keeps both cores busy to the end).
    static func tables(_ makers: [[@Sendable () -> Column]]) -> [Table] {
        let all = makers.flatMap { $0 }
        let columns = Parallel.map(all.count) { all[$0]() }
        var first = 0
        return makers.map { m in
            defer { first += m.count }
            return Table(columns: Array(columns[first..<first + m.count]))
        }
    }

    /// The compact pnr key back as the 10-digit string of the deliveries.
    static func pnrText(_ pnr: Int64) -> String { PnrText.of(pnr) }

    /// The utf8 column of the 10-digit texts of `keys` (``pnrText(_:)``), written without a
    /// `String` per row.
    static func pnr(_ name: String, _ keys: [Int64]) -> Column {
        var s = StringStorage()
        s.offsets.reserveCapacity(keys.count + 1)
        s.bytes.reserveCapacity(10 * keys.count)
        for k in keys { PnrText.append(k, to: &s) }
        return Column(name: name, data: .utf8(s), validity: nil)
    }

    /// A utf8 column of labels: row i holds `labels[codes[i]]`, or null for a negative code
    /// (nullable when `nullable` is set or a code is negative). For columns of a few distinct
    /// values (group labels and codes), built from each label's bytes without a `String` per row.
    static func labels(_ name: String, _ codes: [Int], _ labels: [String], nullable: Bool = false) -> Column {
        let bytes = labels.map { Array($0.utf8) }
        var total = 0, hasNull = nullable
        for c in codes {
            if c >= 0 { total += bytes[c].count } else { hasNull = true }
        }
        // Every offset and byte written once into arrays of the final size.
        var at = 0
        let offsets = [Int32](unsafeUninitializedCapacity: codes.count + 1) { o, n in
            o[0] = 0
            for (i, c) in codes.enumerated() {
                if c >= 0 { at += bytes[c].count }
                o[i + 1] = Int32(truncatingIfNeeded: at)
            }
            n = codes.count + 1
        }
        let data = [UInt8](unsafeUninitializedCapacity: total) { out, n in
            var to = 0
            for c in codes where c >= 0 {
                bytes[c].withUnsafeBufferPointer { b in
                    if b.count > 0 { (out.baseAddress! + to).update(from: b.baseAddress!, count: b.count) }
                    to += b.count
                }
            }
            n = total
        }
        return Column(name: name, data: .utf8(StringStorage(offsets: offsets, bytes: data)),
                      validity: hasNull ? Validity(codes.map { $0 >= 0 }) : nil)
    }

    /// A utf8 column; nullable when `nullable` is set (a schema that does not depend on the
    /// data) or when a value is nil.
    static func utf8(_ name: String, _ values: [String?], nullable: Bool = false) -> Column {
        var s = StringStorage()
        s.offsets.reserveCapacity(values.count + 1)
        for v in values { s.append(v ?? "") }
        let hasNull = nullable || values.contains { $0 == nil }
        return Column(name: name, data: .utf8(s), validity: hasNull ? Validity(values.map { $0 != nil }) : nil)
    }

    static func date(_ name: String, _ values: [Day?], nullable: Bool = false) -> Column {
        let hasNull = nullable || values.contains { $0 == nil }
        return Column(name: name, data: .date32(values.map { $0?.rawValue ?? 0 }),
                      validity: hasNull ? Validity(values.map { $0 != nil }) : nil)
    }

    static func int32(_ name: String, _ values: [Int32?], nullable: Bool = false) -> Column {
        let hasNull = nullable || values.contains { $0 == nil }
        return Column(name: name, data: .int32(values.map { $0 ?? 0 }), validity: hasNull ? Validity(values.map { $0 != nil }) : nil)
    }

    static func float64(_ name: String, _ values: [Double?], nullable: Bool = false) -> Column {
        let hasNull = nullable || values.contains { $0 == nil }
        return Column(name: name, data: .float64(values.map { $0 ?? 0 }), validity: hasNull ? Validity(values.map { $0 != nil }) : nil)
    }
}

extension ColumnBuilder {
    static func bool(_ name: String, _ values: [Bool]) -> Column {
        Column(name: name, data: .bool(values), validity: nil)
    }
}
