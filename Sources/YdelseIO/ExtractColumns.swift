import ColumnStore
#if canImport(Glibc)
import Glibc
#endif

/// The columns of a source's extract table while deliveries are appended to
/// it one after the other, in delivery order.
///
/// Each delivery is parsed into its own ``ColumnBuffers``; appending copies
/// its rows here, after which those buffers can parse the next delivery. The
/// arrays reserve room for the expected rows up front (reserved memory that is
/// never written costs no pages), so they rarely grow.
struct ExtractColumns {
    private var int64: [[Int64]]
    /// Dates and dictionary indices, then every row's line number at the last slot (stored as
    /// ``ExtractLines`` says).
    private var int32: [[Int32]]
    /// Arrow bitmaps (least significant bit first) of the optional columns.
    private var validity: [[UInt8]]
    private var textOffsets: [[Int32]]
    private var textBytes: [[UInt8]]
    private var delivery: [Int32] = []
    private(set) var rows = 0

    init(plan: RecordPlan, reservingRows capacity: Int) {
        func reserved<T>(_ count: Int, _ rows: Int, _ first: [T] = []) -> [[T]] {
            (0..<count).map { _ in var a = first; a.reserveCapacity(rows); adviseHugePages(&a); return a }
        }
        int64 = reserved(plan.int64Count, capacity)
        int32 = reserved(plan.int32Count + 1, capacity)
        validity = reserved(plan.validityCount, capacity / 8 + 1)
        textOffsets = reserved(plan.textCount, capacity + 1, [0])
        textBytes = reserved(plan.textCount, capacity * 16)
        delivery.reserveCapacity(capacity)
    }

    /// Appends every row of `buffers`, which came from delivery `index`.
    mutating func append(_ buffers: ColumnBuffers, delivery index: Int32) {
        let n = buffers.rows
        guard n > 0 else { return }
        let memory = buffers.memory
        for s in int64.indices { int64[s].append(contentsOf: UnsafeBufferPointer(start: memory.int64[s], count: n)) }
        for s in int32.indices { int32[s].append(contentsOf: UnsafeBufferPointer(start: memory.int32[s], count: n)) }
        for s in validity.indices { Self.appendBits(&validity[s], from: memory.validity[s], count: n, at: rows) }
        for s in textOffsets.indices {
            let base = textOffsets[s].last!
            let offsets = memory.textOffsets[s]
            textOffsets[s].append(contentsOf: UnsafeBufferPointer(start: offsets + 1, count: n).lazy.map { $0 &+ base })
            textBytes[s].append(contentsOf: UnsafeBufferPointer(start: memory.textBytes[s], count: Int(offsets[n])))
        }
        delivery.append(contentsOf: repeatElement(index, count: n))
        rows += n
    }

    /// Appends every row of `table` (schema `layout.extractSchema` of `plan`'s
    /// layout, e.g. a cached delivery) as rows of delivery `index`; its own
    /// `_delivery` values are ignored. The inverse of ``table(plan:)``.
    mutating func append(_ table: Table, plan: RecordPlan, delivery index: Int32) {
        let n = table.rowCount
        guard n > 0 else { return }
        var c = 0
        for field in plan.fields {
            let column: Column
            switch field.storage {
            case .none:
                continue
            case .int64(let slot):
                column = table.columns[c]
                int64[slot].append(contentsOf: column.int64Values)
            case .int32(let slot):
                column = table.columns[c]
                if field.lookup == nil {
                    int32[slot].append(contentsOf: column.int32Values)
                } else {
                    int32[slot].append(contentsOf: column.dictionary.indices.lazy.map { Int32($0) })
                }
            case .text(let slot):
                column = table.columns[c]
                let s = column.strings
                let base = textOffsets[slot].last!
                textOffsets[slot].append(contentsOf: s.offsets.dropFirst().lazy.map { $0 &+ base })
                textBytes[slot].append(contentsOf: s.bytes)
            }
            if field.validitySlot >= 0 {
                Self.appendBits(&validity[field.validitySlot], from: column.validity, count: n, at: rows)
            }
            c += 1
        }
        int32[int32.count - 1].append(contentsOf: ExtractLines.decode(table.columns[c + 1]))   // `_line`
        delivery.append(contentsOf: repeatElement(index, count: n))
        rows += n
    }

    /// Appends the bits of `source` (all valid when nil) to a bitmap that holds `existing` bits.
    private static func appendBits(_ bitmap: inout [UInt8], from source: Validity?, count: Int, at existing: Int) {
        let needed = (existing + count + 7) / 8
        if bitmap.count < needed { bitmap.append(contentsOf: repeatElement(0, count: needed - bitmap.count)) }
        bitmap.withUnsafeMutableBufferPointer { out in
            for i in 0..<count where source?[i] ?? true {
                let row = existing + i
                out[row >> 3] |= 1 << UInt8(row & 7)
            }
        }
    }

    /// Appends `count` one-byte flags as bits to a bitmap that holds `existing` bits.
    private static func appendBits(_ bitmap: inout [UInt8], from flags: UnsafePointer<UInt8>, count: Int, at existing: Int) {
        let total = existing + count
        let needed = (total + 7) / 8
        if bitmap.count < needed { bitmap.append(contentsOf: repeatElement(0, count: needed - bitmap.count)) }
        bitmap.withUnsafeMutableBufferPointer { out in
            for i in 0..<count where flags[i] != 0 {
                let row = existing + i
                out[row >> 3] |= 1 << UInt8(row & 7)
            }
        }
    }

    /// The table: the columns in the order of `plan.fields` (literals skipped),
    /// then `_delivery` and `_line`. Exactly `layout.extractSchema`.
    func table(plan: RecordPlan) -> Table {
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
                // Codes are parsed into 32-bit slots and stored with the dictionary's narrower index.
                if let lookup = field.lookup {
                    data = .dictionary(DictionaryStorage(indices: int32[slot].map { DictionaryStorage.Index($0) }, values: lookup.values))
                } else if field.parser == .decimalHours || field.parser == .fixedHours {
                    data = .int32(int32[slot])
                } else {
                    data = .date32(int32[slot])
                }
            case .text(let slot):
                data = .utf8(StringStorage(offsets: textOffsets[slot], bytes: textBytes[slot]))
            }
            let valid = field.validitySlot >= 0 ? Validity(bytes: validity[field.validitySlot], count: rows) : nil
            columns.append(Column(name: field.name, data: data, validity: valid))
        }
        columns.append(Column(name: "_delivery", data: .int32(delivery)))
        columns.append(ExtractLines.encode(int32[int32.count - 1], delivery: delivery))
        return Table(columns: columns)
    }
}

/// Asks the kernel to back the whole 2 MiB pages of the reserved storage of
/// `array` with huge pages (`MADV_HUGEPAGE`; transparent huge pages are in
/// `madvise` mode here): the column is then mapped 2 MiB at a time as rows
/// are appended instead of 4 KiB, which cut the extract's system time by
/// about a fifth (`ydelse bench extract`). Only a hint that reads and writes
/// nothing; arrays under 4 MiB are left alone. (Tried on the normalise
/// gather's outputs too: no gain there.)
private func adviseHugePages<T>(_ array: inout [T]) {
    #if os(Linux)
    let huge = 2 << 20
    let bytes = array.capacity * MemoryLayout<T>.stride
    guard bytes >= 2 * huge else { return }
    array.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        let start = (UInt(bitPattern: base) + UInt(huge - 1)) & ~UInt(huge - 1)
        let end = (UInt(bitPattern: base) + UInt(bytes)) & ~UInt(huge - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_HUGEPAGE) }
    }
    #endif
}
