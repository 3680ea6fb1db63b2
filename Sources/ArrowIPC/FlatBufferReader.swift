/// Bounds-checked read access to a finished FlatBuffer held in memory.
///
/// Every access checks its bounds and throws ``ArrowFormatError`` instead of
/// trapping, so a corrupt file yields an error that can be reported.
struct FlatBufferReader {
    let bytes: [UInt8]
    /// What the buffer holds, for error messages ("footer", "message at byte 8").
    let context: String

    init(_ bytes: [UInt8], context: String) {
        self.bytes = bytes
        self.context = context
    }

    func fail(_ what: String) -> ArrowFormatError {
        ArrowFormatError("corrupt \(context): \(what)")
    }

    func load<T: FixedWidthInteger>(_: T.Type, at position: Int) throws -> T {
        let n = MemoryLayout<T>.size
        guard position >= 0, position <= bytes.count - n else {
            throw fail("read of \(n) bytes at \(position) outside the \(bytes.count)-byte buffer")
        }
        var v = T.zero
        withUnsafeMutableBytes(of: &v) { dst in
            bytes.withUnsafeBytes { src in
                dst.baseAddress!.copyMemory(from: src.baseAddress!.advanced(by: position), byteCount: n)
            }
        }
        return T(littleEndian: v)
    }

    /// The root table.
    func root() throws -> FlatBufferTable {
        let p = Int(try load(UInt32.self, at: 0))
        return try table(at: p)
    }

    func table(at position: Int) throws -> FlatBufferTable {
        let vtable = position - Int(try load(Int32.self, at: position))
        let vtableSize = Int(try load(UInt16.self, at: vtable))
        guard vtableSize >= 4, vtableSize % 2 == 0, vtable + vtableSize <= bytes.count else {
            throw fail("bad vtable at \(vtable) for table at \(position)")
        }
        return FlatBufferTable(reader: self, position: position, vtable: vtable, vtableSize: vtableSize)
    }

    /// Follows the `uoffset_t` stored at `position`.
    func indirect(_ position: Int) throws -> Int {
        position + Int(try load(UInt32.self, at: position))
    }
}

/// One table inside a ``FlatBufferReader``'s buffer.
struct FlatBufferTable {
    let reader: FlatBufferReader
    let position: Int
    let vtable: Int
    let vtableSize: Int

    /// The absolute position of field `slot`, or `nil` when absent.
    func fieldPosition(_ slot: Int) throws -> Int? {
        let entry = 4 + 2 * slot
        guard entry + 2 <= vtableSize else { return nil }
        let rel = Int(try reader.load(UInt16.self, at: vtable + entry))
        return rel == 0 ? nil : position + rel
    }

    func scalar<T: FixedWidthInteger>(_ slot: Int, default def: T) throws -> T {
        guard let p = try fieldPosition(slot) else { return def }
        return try reader.load(T.self, at: p)
    }

    func bool(_ slot: Int, default def: Bool = false) throws -> Bool {
        try scalar(slot, default: def ? UInt8(1) : 0) != 0
    }

    func table(_ slot: Int) throws -> FlatBufferTable? {
        guard let p = try fieldPosition(slot) else { return nil }
        return try reader.table(at: try reader.indirect(p))
    }

    func string(_ slot: Int) throws -> String? {
        guard let p = try fieldPosition(slot) else { return nil }
        return try reader.string(at: try reader.indirect(p))
    }

    /// A vector field: the position of its first element and its length.
    func vector(_ slot: Int, elementSize: Int) throws -> FlatBufferVector? {
        guard let p = try fieldPosition(slot) else { return nil }
        let start = try reader.indirect(p)
        let count = Int(try reader.load(UInt32.self, at: start))
        guard count <= (reader.bytes.count - start - 4) / max(elementSize, 1) else {
            throw reader.fail("vector of \(count) elements at \(start) runs past the end")
        }
        return FlatBufferVector(reader: reader, start: start + 4, count: count, elementSize: elementSize)
    }

    /// A vector of tables (empty when absent).
    func tables(_ slot: Int) throws -> [FlatBufferTable] {
        guard let v = try vector(slot, elementSize: 4) else { return [] }
        return try (0..<v.count).map { try reader.table(at: try reader.indirect(v.position(of: $0))) }
    }
}

/// A vector inside a ``FlatBufferReader``'s buffer.
struct FlatBufferVector {
    let reader: FlatBufferReader
    let start: Int
    let count: Int
    let elementSize: Int

    func position(of index: Int) -> Int { start + index * elementSize }

    func load<T: FixedWidthInteger>(_: T.Type, element index: Int, fieldOffset: Int = 0) throws -> T {
        try reader.load(T.self, at: position(of: index) + fieldOffset)
    }
}

extension FlatBufferReader {
    func string(at position: Int) throws -> String {
        let n = Int(try load(UInt32.self, at: position))
        guard n <= bytes.count - position - 4 else { throw fail("string at \(position) runs past the end") }
        return String(decoding: bytes[(position + 4)..<(position + 4 + n)], as: UTF8.self)
    }
}
