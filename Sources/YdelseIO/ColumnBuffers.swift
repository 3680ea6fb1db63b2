import ColumnStore

/// The growing columns of one delivery, in raw memory grouped by physical
/// type, so the parse loop stores values without bounds or uniqueness checks.
///
/// Every fixed-size buffer has room for ``capacity`` rows; ``beginRecord()``
/// makes room for one more before a record is parsed. A field's value is
/// written at index ``rows`` (the row being built); ``commit(line:)`` makes it
/// a row, and a rejected record is simply not committed (``rollback()`` only
/// has to cut back the text bytes).
struct ColumnBuffers {
    private let memory: ColumnMemory
    /// Committed rows; the record being parsed is written at this index.
    private(set) var rows = 0
    /// Rows every fixed-size buffer has room for.
    private var capacity: Int

    init(plan: RecordPlan, reservingRows capacity: Int) {
        self.capacity = max(capacity, 16)
        memory = ColumnMemory(plan: plan, capacity: self.capacity)
    }

    /// Makes room for the record about to be parsed.
    @inline(__always)
    mutating func beginRecord() {
        if rows == capacity {
            capacity *= 2
            memory.grow(to: capacity, keeping: rows)
        }
    }

    @inline(__always) func setInt64(_ slot: Int, _ value: Int64) { memory.int64[slot][rows] = value }
    @inline(__always) func setInt32(_ slot: Int, _ value: Int32) { memory.int32[slot][rows] = value }
    @inline(__always) func setValid(_ slot: Int, _ valid: Bool) { memory.validity[slot][rows] = valid ? 1 : 0 }
    @inline(__always) func int32(_ slot: Int) -> Int32 { memory.int32[slot][rows] }
    @inline(__always) func isValid(_ slot: Int) -> Bool { memory.validity[slot][rows] != 0 }

    /// Appends `n` bytes as the current row's text in column `slot`.
    @inline(__always)
    func setText(_ slot: Int, _ p: UnsafeRawPointer, _ n: Int) {
        let used = memory.textUsed[slot]
        if used + n > memory.textCapacity[slot] { memory.growText(slot, toAtLeast: used + n) }
        if n > 0 { (memory.textBytes[slot] + used).update(from: p.assumingMemoryBound(to: UInt8.self), count: n) }
        memory.textUsed[slot] = used + n
        memory.textOffsets[slot][rows + 1] = Int32(truncatingIfNeeded: used + n)
    }

    /// Makes the current record row `rows`, from physical line `line`.
    @inline(__always)
    mutating func commit(line: Int) {
        memory.int32[memory.lineSlot][rows] = Int32(truncatingIfNeeded: line)
        rows += 1
    }

    /// Drops whatever text the current (rejected) record appended.
    func rollback() {
        for slot in 0..<memory.textCount { memory.textUsed[slot] = Int(memory.textOffsets[slot][rows]) }
    }

    /// The columns in the order of `plan.fields` (literals skipped), then
    /// `_delivery` (all `delivery`) and `_line`: exactly `layout.extractSchema`.
    func table(plan: RecordPlan, delivery: Int32) -> Table {
        func array<T>(_ p: UnsafeMutablePointer<T>, _ count: Int) -> [T] { Array(UnsafeBufferPointer(start: p, count: count)) }
        var columns: [Column] = []
        columns.reserveCapacity(plan.fields.count + 2)
        for field in plan.fields {
            let data: ColumnData
            switch field.storage {
            case .none:
                continue
            case .int64(let slot):
                data = .int64(array(memory.int64[slot], rows))
            case .int32(let slot):
                if let lookup = field.lookup {
                    data = .dictionary(DictionaryStorage(indices: array(memory.int32[slot], rows), values: lookup.values))
                } else {
                    data = .date32(array(memory.int32[slot], rows))
                }
            case .text(let slot):
                let offsets = array(memory.textOffsets[slot], rows + 1)
                data = .utf8(StringStorage(offsets: offsets, bytes: array(memory.textBytes[slot], Int(offsets[rows]))))
            }
            let valid = field.validitySlot >= 0 ? Self.bitmap(memory.validity[field.validitySlot], rows) : nil
            columns.append(Column(name: field.name, data: data, validity: valid))
        }
        columns.append(Column(name: "_delivery", data: .int32([Int32](repeating: delivery, count: rows))))
        columns.append(Column(name: "_line", data: .int32(array(memory.int32[memory.lineSlot], rows))))
        return Table(columns: columns)
    }

    /// Packs one byte per row into an Arrow validity bitmap.
    static func bitmap(_ flags: UnsafeMutablePointer<UInt8>, _ count: Int) -> Validity {
        var bytes = [UInt8](repeating: 0, count: (count + 7) / 8)
        bytes.withUnsafeMutableBufferPointer { out in
            for i in 0..<count where flags[i] != 0 { out[i >> 3] |= 1 << UInt8(i & 7) }
        }
        return Validity(bytes: bytes, count: count)
    }
}

/// The raw memory behind ``ColumnBuffers``: one buffer per column, reached
/// through fixed tables of pointers (the tables never move; the buffers they
/// point to are reallocated when they grow).
final class ColumnMemory {
    let int64: UnsafeMutablePointer<UnsafeMutablePointer<Int64>>
    /// Dates and dictionary indices, then `_line` at ``lineSlot``.
    let int32: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>
    /// One byte per row per optional column: 1 valid, 0 null.
    let validity: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>
    /// Arrow-style offsets per text column (capacity + 1 entries, first 0).
    let textOffsets: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>
    let textBytes: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>
    let textUsed: UnsafeMutablePointer<Int>
    let textCapacity: UnsafeMutablePointer<Int>
    let int64Count, int32Count, validityCount, textCount: Int
    var lineSlot: Int { int32Count - 1 }

    init(plan: RecordPlan, capacity: Int) {
        int64Count = plan.int64Count
        int32Count = plan.int32Count + 1
        validityCount = plan.validityCount
        textCount = plan.textCount
        func table<T>(_ count: Int, rows: Int, _: T.Type) -> UnsafeMutablePointer<UnsafeMutablePointer<T>> {
            let t = UnsafeMutablePointer<UnsafeMutablePointer<T>>.allocate(capacity: max(count, 1))
            for i in 0..<count { (t + i).initialize(to: .allocate(capacity: rows)) }
            return t
        }
        int64 = table(int64Count, rows: capacity, Int64.self)
        int32 = table(int32Count, rows: capacity, Int32.self)
        validity = table(validityCount, rows: capacity, UInt8.self)
        textOffsets = table(textCount, rows: capacity + 1, Int32.self)
        textBytes = table(textCount, rows: capacity * 8, UInt8.self)
        textUsed = .allocate(capacity: max(textCount, 1))
        textCapacity = .allocate(capacity: max(textCount, 1))
        for i in 0..<textCount {
            textOffsets[i][0] = 0
            textUsed[i] = 0
            textCapacity[i] = capacity * 8
        }
    }

    /// Reallocates every fixed-size buffer for `capacity` rows, keeping the first `rows`.
    func grow(to capacity: Int, keeping rows: Int) {
        func regrow<T>(_ t: UnsafeMutablePointer<UnsafeMutablePointer<T>>, _ count: Int, _ keep: Int, _ size: Int) {
            for i in 0..<count {
                let new = UnsafeMutablePointer<T>.allocate(capacity: size)
                new.moveInitialize(from: t[i], count: keep)
                t[i].deallocate()
                t[i] = new
            }
        }
        regrow(int64, int64Count, rows, capacity)
        regrow(int32, int32Count, rows, capacity)
        regrow(validity, validityCount, rows, capacity)
        regrow(textOffsets, textCount, rows + 1, capacity + 1)
    }

    func growText(_ slot: Int, toAtLeast needed: Int) {
        let size = max(needed, textCapacity[slot] * 2)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        new.moveInitialize(from: textBytes[slot], count: textUsed[slot])
        textBytes[slot].deallocate()
        textBytes[slot] = new
        textCapacity[slot] = size
    }

    deinit {
        for i in 0..<int64Count { int64[i].deallocate() }
        for i in 0..<int32Count { int32[i].deallocate() }
        for i in 0..<validityCount { validity[i].deallocate() }
        for i in 0..<textCount { textOffsets[i].deallocate(); textBytes[i].deallocate() }
        int64.deallocate(); int32.deallocate(); validity.deallocate()
        textOffsets.deallocate(); textBytes.deallocate(); textUsed.deallocate(); textCapacity.deallocate()
    }
}
