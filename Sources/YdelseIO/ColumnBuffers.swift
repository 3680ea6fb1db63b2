import ColumnStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The growing columns of one delivery, in raw memory grouped by physical
/// type, so the parse loop stores values without bounds or uniqueness checks.
///
/// Every fixed-size buffer has room for ``capacity`` rows; ``beginRecord()``
/// makes room for one more before a record is parsed. A field's value is
/// written at index ``rows`` (the row being built); ``commit(line:)`` makes it
/// a row, and a rejected record is simply not committed (``rollback()`` only
/// has to cut back the text bytes).
struct ColumnBuffers {
    /// The buffers themselves; ``ExtractColumns`` copies rows out of them.
    let memory: ColumnMemory
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
            memory.grow(to: capacity)
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
        if n > 0 { (memory.textBytes[slot] + used).initialize(from: p.assumingMemoryBound(to: UInt8.self), count: n) }
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

    /// Empties the buffers for the next delivery, keeping their memory.
    mutating func reset() {
        rows = 0
        for slot in 0..<memory.textCount { memory.textUsed[slot] = 0 }
    }

    /// The rows as a table, every row from delivery `index`: exactly
    /// `layout.extractSchema` (see ``ExtractColumns/table(plan:)``).
    func table(delivery index: Int32, plan: RecordPlan) -> Table {
        var columns = ExtractColumns(plan: plan, reservingRows: rows)
        columns.append(self, delivery: index)
        return columns.table(plan: plan)
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
            for i in 0..<count { (t + i).initialize(to: Self.allocate(rows, T.self)) }
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

    // The buffers hold only trivial values, so they are managed with
    // malloc/realloc: growing a large buffer then remaps its pages instead of
    // copying them.

    private static func allocate<T>(_ count: Int, _: T.Type) -> UnsafeMutablePointer<T> {
        guard let raw = malloc(max(count, 1) * MemoryLayout<T>.stride) else { fatalError("out of memory") }
        return raw.bindMemory(to: T.self, capacity: count)
    }

    private static func reallocate<T>(_ p: UnsafeMutablePointer<T>, _ count: Int) -> UnsafeMutablePointer<T> {
        guard let raw = realloc(p, max(count, 1) * MemoryLayout<T>.stride) else { fatalError("out of memory") }
        return raw.bindMemory(to: T.self, capacity: count)
    }

    /// Reallocates every fixed-size buffer for `capacity` rows (contents kept).
    func grow(to capacity: Int) {
        func regrow<T>(_ t: UnsafeMutablePointer<UnsafeMutablePointer<T>>, _ count: Int, _ size: Int) {
            for i in 0..<count { t[i] = Self.reallocate(t[i], size) }
        }
        regrow(int64, int64Count, capacity)
        regrow(int32, int32Count, capacity)
        regrow(validity, validityCount, capacity)
        regrow(textOffsets, textCount, capacity + 1)
    }

    func growText(_ slot: Int, toAtLeast needed: Int) {
        let size = max(needed, textCapacity[slot] * 2)
        textBytes[slot] = Self.reallocate(textBytes[slot], size)
        textCapacity[slot] = size
    }

    deinit {
        for i in 0..<int64Count { free(int64[i]) }
        for i in 0..<int32Count { free(int32[i]) }
        for i in 0..<validityCount { free(validity[i]) }
        for i in 0..<textCount { free(textOffsets[i]); free(textBytes[i]) }
        int64.deallocate(); int32.deallocate(); validity.deallocate()
        textOffsets.deallocate(); textBytes.deallocate(); textUsed.deallocate(); textCapacity.deallocate()
    }
}
