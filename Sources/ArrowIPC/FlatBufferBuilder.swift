/// A reference to an object (table, vector, string) already written into a
/// ``FlatBufferBuilder``: its distance from the end of the buffer.
struct FlatBufferOffset: Equatable {
    let value: Int
}

/// A minimal FlatBuffers builder: just what Arrow's IPC metadata needs.
///
/// Like the official builders it writes back to front: children are created
/// first and end up at higher addresses than the tables that point to them,
/// because `uoffset_t` references must point forward. Objects are identified
/// by their distance from the end of the buffer (``FlatBufferOffset``); since
/// ``finish(root:)`` pads the total size to the largest alignment used, an
/// alignment relative to the end is also an absolute one.
///
/// Supported: tables with vtables (scalars, offsets, inline structs, unions
/// as type + offset), vectors of offsets and of structs, and strings.
/// Vtables are not deduplicated (metadata is small).
struct FlatBufferBuilder {
    /// The finished bytes are `storage[head...]`.
    private var storage: [UInt8]
    private var head: Int
    private var minAlign = 1

    // The table being built.
    private var fieldLocations: [Int] = []
    private var tableStart = 0
    private var inTable = false
    private var vectorCount: Int?

    init(initialCapacity: Int = 1024) {
        storage = [UInt8](repeating: 0, count: max(initialCapacity, 16))
        head = storage.count
    }

    /// Bytes written so far (the distance from the current head to the end).
    var size: Int { storage.count - head }

    // MARK: raw writing

    private mutating func grow(toFit needed: Int) {
        guard head < needed else { return }
        let used = size
        var newCount = storage.count * 2
        while newCount - used < needed { newCount *= 2 }
        var bigger = [UInt8](repeating: 0, count: newCount)
        bigger.withUnsafeMutableBytes { dst in
            storage.withUnsafeBytes { src in
                dst.baseAddress!.advanced(by: newCount - used)
                    .copyMemory(from: src.baseAddress!.advanced(by: head), byteCount: used)
            }
        }
        storage = bigger
        head = newCount - used
    }

    private mutating func pad(_ n: Int) {
        for _ in 0..<n {
            head -= 1
            storage[head] = 0
        }
    }

    /// Aligns so that after writing `additional` bytes the head is aligned to `alignment`.
    private mutating func prep(_ alignment: Int, _ additional: Int) {
        if alignment > minAlign { minAlign = alignment }
        let alignSize = (~(size + additional) + 1) & (alignment - 1)
        grow(toFit: alignSize + additional)
        pad(alignSize)
    }

    /// Writes a little-endian scalar without alignment (the caller aligned).
    private mutating func put<T: FixedWidthInteger>(_ value: T) {
        let n = MemoryLayout<T>.size
        head -= n
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { src in
            storage.withUnsafeMutableBytes { dst in
                dst.baseAddress!.advanced(by: head).copyMemory(from: src.baseAddress!, byteCount: n)
            }
        }
    }

    private mutating func putBytes(_ bytes: UnsafeRawBufferPointer) {
        head -= bytes.count
        guard bytes.count > 0 else { return }
        storage.withUnsafeMutableBytes { dst in
            dst.baseAddress!.advanced(by: head).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
    }

    /// Aligns and writes a scalar.
    private mutating func add<T: FixedWidthInteger>(_ value: T) {
        prep(MemoryLayout<T>.size, 0)
        put(value)
    }

    /// Aligns and writes a `uoffset_t` referring to `offset`.
    private mutating func addOffset(_ offset: FlatBufferOffset) {
        prep(4, 0)
        precondition(offset.value <= size, "FlatBuffers offsets must point forward")
        put(UInt32(size - offset.value + 4))
    }

    // MARK: strings and vectors

    /// Writes a string: length, UTF-8 bytes, a terminating zero.
    mutating func createString(_ string: String) -> FlatBufferOffset {
        precondition(!inTable, "cannot create a string while building a table")
        var s = string
        return s.withUTF8 { utf8 in
            prep(4, utf8.count + 1)
            put(UInt8(0))
            putBytes(UnsafeRawBufferPointer(utf8))
            put(UInt32(utf8.count))
            return FlatBufferOffset(value: size)
        }
    }

    /// Writes a vector of references to tables or strings.
    mutating func createVector(of offsets: [FlatBufferOffset]) -> FlatBufferOffset {
        precondition(!inTable, "cannot create a vector while building a table")
        prep(4, 4 * offsets.count)
        for o in offsets.reversed() { addOffset(o) }
        put(UInt32(offsets.count))
        return FlatBufferOffset(value: size)
    }

    /// Writes a vector of structs whose fields are all 8-byte integers
    /// (Arrow's `Buffer` and `FieldNode`: two longs each).
    mutating func createVector(ofLongPairs pairs: [(Int64, Int64)]) -> FlatBufferOffset {
        precondition(!inTable, "cannot create a vector while building a table")
        prep(4, 16 * pairs.count)
        prep(8, 16 * pairs.count)
        for (a, b) in pairs.reversed() {
            put(b)
            put(a)
        }
        put(UInt32(pairs.count))
        return FlatBufferOffset(value: size)
    }

    /// Writes a vector of Arrow `Block` structs
    /// (`offset: long; metaDataLength: int; <4 bytes padding>; bodyLength: long`).
    mutating func createVector(ofBlocks blocks: [(offset: Int64, metaDataLength: Int32, bodyLength: Int64)]) -> FlatBufferOffset {
        precondition(!inTable, "cannot create a vector while building a table")
        prep(4, 24 * blocks.count)
        prep(8, 24 * blocks.count)
        for b in blocks.reversed() {
            put(b.bodyLength)
            put(UInt32(0))
            put(b.metaDataLength)
            put(b.offset)
        }
        put(UInt32(blocks.count))
        return FlatBufferOffset(value: size)
    }

    // MARK: tables

    /// Starts a table with `fieldCount` vtable slots.
    mutating func startTable(fieldCount: Int) {
        precondition(!inTable, "tables cannot nest while being built; create children first")
        inTable = true
        fieldLocations = [Int](repeating: 0, count: fieldCount)
        tableStart = size
    }

    /// Adds a scalar field; skipped when equal to the schema default (`nil` forces it).
    mutating func addField<T: FixedWidthInteger>(_ slot: Int, _ value: T, default def: T? = 0) {
        precondition(inTable, "addField outside a table")
        if let d = def, value == d { return }
        add(value)
        fieldLocations[slot] = size
    }

    mutating func addField(_ slot: Int, _ value: Bool, default def: Bool? = false) {
        if let d = def, value == d { return }
        addField(slot, UInt8(value ? 1 : 0), default: nil)
    }

    /// Adds a reference to a table, string or vector.
    mutating func addField(_ slot: Int, _ offset: FlatBufferOffset) {
        precondition(inTable, "addField outside a table")
        addOffset(offset)
        fieldLocations[slot] = size
    }

    /// Adds a union: the type tag in `slot`, the value reference in `slot + 1`
    /// (FlatBuffers stores a union field `x` as `x_type` followed by `x`).
    mutating func addUnion(_ slot: Int, type: UInt8, _ value: FlatBufferOffset) {
        addField(slot, type, default: nil)
        addField(slot + 1, value)
    }

    /// Finishes the table: writes its vtable and the signed offset to it.
    mutating func endTable() -> FlatBufferOffset {
        precondition(inTable, "endTable without startTable")
        add(Int32(0))   // placeholder for the soffset to the vtable
        let objectOffset = size
        var count = fieldLocations.count
        while count > 0, fieldLocations[count - 1] == 0 { count -= 1 }
        let objectSize = objectOffset - tableStart
        for i in stride(from: count - 1, through: 0, by: -1) {
            let loc = fieldLocations[i]
            add(UInt16(loc == 0 ? 0 : objectOffset - loc))
        }
        add(UInt16(objectSize))
        add(UInt16((count + 2) * 2))
        let vtableOffset = size
        // The table's first 4 bytes: table position − vtable position (vtable lies before it).
        let tablePosition = storage.count - objectOffset
        var soffset = Int32(vtableOffset - objectOffset).littleEndian
        withUnsafeBytes(of: &soffset) { src in
            storage.withUnsafeMutableBytes { dst in
                dst.baseAddress!.advanced(by: tablePosition).copyMemory(from: src.baseAddress!, byteCount: 4)
            }
        }
        inTable = false
        return FlatBufferOffset(value: objectOffset)
    }

    /// Writes the root reference and returns the finished buffer, its size a
    /// multiple of the largest alignment used.
    mutating func finish(root: FlatBufferOffset) -> [UInt8] {
        precondition(!inTable, "finish while a table is open")
        prep(max(minAlign, 8), 4)
        addOffset(root)
        return Array(storage[head...])
    }
}
