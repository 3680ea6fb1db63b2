import CZstd
import ColumnStore
import Foundation

/// Writes a ``Table`` as an Apache Arrow IPC **file** (random-access format,
/// metadata version V5, little endian).
///
/// Layout: `ARROW1\0\0`, the Schema message, one DictionaryBatch per
/// dictionary column (id = column index, ``DictionaryStorage/Index`` indices, utf8 values), the
/// RecordBatch messages (at most ``defaultBatchRows`` rows each; a table
/// without rows gets one empty batch), an end-of-stream marker, the Footer,
/// its length and `ARROW1`. Message bodies start on 64-byte boundaries and
/// every buffer is padded to 64 bytes. Validity bitmaps are omitted (length
/// 0) when a batch has no nulls; a field is nullable when its column has a
/// validity bitmap.
///
/// With ``ArrowCompression/zstd(level:)`` every record and dictionary batch
/// carries a `BodyCompression` (ZSTD, BUFFER) and each non-empty buffer is
/// stored length-prefixed and compressed (see ``ArrowCompression``); the
/// buffers of a batch are compressed in parallel.
///
/// The file is written under a temporary name next to `url` and renamed onto
/// it once complete (and synced, unless `durable` is false), so a crash never
/// leaves a partial file under the real name.
public enum ArrowFileWriter {
    /// Rows per record batch.
    public static let defaultBatchRows = 1 << 20

    /// Writes `table` with schema-level custom `metadata` (e.g. stage name and
    /// input fingerprint) to `url`, replacing any existing file; `compression`
    /// chooses plain or compressed batch bodies.
    /// With `durable` false the file is not fsync'ed before the rename: a
    /// process killed at any point still leaves either the old file or the
    /// whole new one, but after a power loss the new one may be damaged (for
    /// files whose reader checks them, such as cache entries).
    public static func write(_ table: Table, to url: URL, metadata: [String: String] = [:],
                             compression: ArrowCompression = .none, durable: Bool = true) throws {
        try write(table, to: url, metadata: metadata, batchRows: defaultBatchRows, compression: compression,
                  durable: durable)
    }

    /// As ``write(_:to:metadata:compression:)`` with a chosen batch size (tests use small ones).
    static func write(_ table: Table, to url: URL, metadata: [String: String], batchRows: Int,
                      compression: ArrowCompression = .none, durable: Bool = true) throws {
        precondition(batchRows > 0, "batchRows must be positive")
        let path = url.path
        let fields = table.columns.map(\.field)
        let dictionaryIDs: [Int64?] = table.columns.indices.map {
            table.columns[$0].type == .dictionary ? Int64($0) : nil
        }
        let out = try OutputFile(path: path, writeBehind: durable)
        defer { out.abandon() }

        try out.write(ArrowSchemaEncoding.magic + [0, 0])
        try writeMessage(out, ArrowSchemaEncoding.schemaMessage(fields: fields, dictionaryIDs: dictionaryIDs,
                                                                  metadata: metadata), body: [])

        var dictionaryBlocks: [ArrowSchemaEncoding.Block] = []
        for (i, column) in table.columns.enumerated() {
            guard case .dictionary(let d) = column.data else { continue }
            dictionaryBlocks.append(try writeDictionaryBatch(out, id: Int64(i), values: d.values, compression: compression))
        }

        var batchBlocks: [ArrowSchemaEncoding.Block] = []
        var start = 0
        repeat {
            let count = min(batchRows, table.rowCount - start)
            var nodes: [ArrowSchemaEncoding.FieldNode] = []
            var body: [BodyBuffer] = []
            for column in table.columns {
                let (validity, nullCount) = validityBuffer(column.validity, start, count)
                nodes.append(.init(length: Int64(count), nullCount: Int64(nullCount)))
                body.append(validity)
                body.append(contentsOf: valueBuffers(column.data, start, count))
            }
            body = compressed(body, compression)
            let (specs, bodyLength) = layout(body)
            let meta = ArrowSchemaEncoding.recordBatchMessage(length: Int64(count), nodes: nodes, buffers: specs,
                                                              bodyLength: bodyLength, compression: codec(compression))
            batchBlocks.append(try writeMessage(out, meta, body: body))
            start += count
        } while start < table.rowCount

        try writeFooter(out, fields: fields, dictionaryIDs: dictionaryIDs, metadata: metadata,
                        dictionaries: dictionaryBlocks, recordBatches: batchBlocks)
        try out.commit(sync: durable)
    }

    /// Writes the DictionaryBatch of dictionary `id` holding `values`.
    static func writeDictionaryBatch(_ out: OutputFile, id: Int64, values: [String],
                                     compression: ArrowCompression) throws -> ArrowSchemaEncoding.Block {
        let strings = StringStorage(values)
        let body = compressed([.empty, .slice(strings.offsets, 0..<strings.offsets.count),
                               .slice(strings.bytes, 0..<strings.bytes.count)], compression)
        let (specs, bodyLength) = layout(body)
        let meta = ArrowSchemaEncoding.dictionaryBatchMessage(
            id: id, length: Int64(values.count),
            nodes: [.init(length: Int64(values.count), nullCount: 0)], buffers: specs, bodyLength: bodyLength,
            compression: codec(compression))
        return try writeMessage(out, meta, body: body)
    }

    /// Writes the end-of-stream marker, the footer, its length and the closing magic.
    static func writeFooter(_ out: OutputFile, fields: [Field], dictionaryIDs: [Int64?], metadata: [String: String],
                            dictionaries: [ArrowSchemaEncoding.Block], recordBatches: [ArrowSchemaEncoding.Block]) throws {
        try out.write(ArrowSchemaEncoding.continuation)   // end-of-stream marker
        try out.write(UInt32(0))
        let footer = ArrowSchemaEncoding.footer(fields: fields, dictionaryIDs: dictionaryIDs, metadata: metadata,
                                                dictionaries: dictionaries, recordBatches: recordBatches)
        try out.write(footer)
        try out.write(Int32(footer.count))
        try out.write(ArrowSchemaEncoding.magic)
    }

    // MARK: body buffers

    /// The `BodyCompression` codec that `compression` announces in batch headers.
    static func codec(_ compression: ArrowCompression) -> BodyCompressionCodec? {
        switch compression {
        case .none: nil
        case .zstd: .zstd
        }
    }

    /// `body` with every non-empty buffer replaced by its compressed form
    /// (buffers in parallel); unchanged for ``ArrowCompression/none``.
    static func compressed(_ body: [BodyBuffer], _ compression: ArrowCompression) -> [BodyBuffer] {
        guard case .zstd(let level) = compression else { return body }
        return Parallel.map(body.count) { i in
            let b = body[i]
            guard b.byteCount > 0 else { return .empty }
            let context = BodyCompressor.makeContext(level: level)
            defer { ZSTD_freeCCtx(context) }
            let bytes = b.withBytes { BodyCompressor.compress($0, context: context) }
            return .bytes(bytes, 0..<bytes.count)
        }
    }

    /// One body buffer: a range of a Swift array's elements, written straight
    /// from the array's storage.
    enum BodyBuffer: Sendable {
        case empty
        case bytes([UInt8], Range<Int>)
        case indices([DictionaryStorage.Index], Range<Int>)
        case int32s([Int32], Range<Int>)
        case int64s([Int64], Range<Int>)
        case doubles([Double], Range<Int>)
        /// Bytes of memory the caller keeps alive until the message is written (a mapped file's
        /// stored buffer that ``ArrowFileConcatenator`` copies as it is).
        case borrowed(BorrowedBytes)

        static func slice(_ a: [UInt8], _ r: Range<Int>) -> BodyBuffer { .bytes(a, r) }
        static func slice(_ a: [Int32], _ r: Range<Int>) -> BodyBuffer { .int32s(a, r) }

        var byteCount: Int {
            switch self {
            case .empty: 0
            case .bytes(_, let r): r.count
            case .indices(_, let r): r.count * MemoryLayout<DictionaryStorage.Index>.stride
            case .int32s(_, let r): r.count * 4
            case .int64s(_, let r): r.count * 8
            case .doubles(_, let r): r.count * 8
            case .borrowed(let b): b.bytes.count
            }
        }

        /// Calls `body` with the buffer's bytes.
        func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            func view<T>(_ a: [T], _ r: Range<Int>) throws -> R {
                try a.withUnsafeBytes { raw in
                    let size = MemoryLayout<T>.stride
                    return try body(UnsafeRawBufferPointer(rebasing: raw[(r.lowerBound * size)..<(r.upperBound * size)]))
                }
            }
            switch self {
            case .empty: return try body(UnsafeRawBufferPointer(start: nil, count: 0))
            case .bytes(let a, let r): return try view(a, r)
            case .indices(let a, let r): return try view(a, r)
            case .int32s(let a, let r): return try view(a, r)
            case .int64s(let a, let r): return try view(a, r)
            case .doubles(let a, let r): return try view(a, r)
            case .borrowed(let b): return try body(b.bytes)
            }
        }

        func write(to out: OutputFile) throws {
            try withBytes { try out.write($0) }
        }
    }

    /// A view of bytes owned elsewhere (see ``BodyBuffer/borrowed(_:)``).
    struct BorrowedBytes: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
    }

    static let bufferAlignment = 64

    static func padded(_ n: Int, to alignment: Int = bufferAlignment) -> Int {
        (n + alignment - 1) / alignment * alignment
    }

    /// Offsets and lengths of `body`'s buffers, each starting on a 64-byte boundary.
    static func layout(_ body: [BodyBuffer]) -> ([ArrowSchemaEncoding.BufferSpec], Int64) {
        var offset = 0
        let specs = body.map { b -> ArrowSchemaEncoding.BufferSpec in
            let spec = ArrowSchemaEncoding.BufferSpec(offset: Int64(offset), length: Int64(b.byteCount))
            offset += padded(b.byteCount)
            return spec
        }
        return (specs, Int64(offset))
    }

    /// Writes an encapsulated message: continuation marker, metadata length,
    /// metadata padded so that the body starts on a 64-byte boundary, body.
    @discardableResult
    static func writeMessage(_ out: OutputFile, _ metadata: [UInt8], body: [BodyBuffer]) throws -> ArrowSchemaEncoding.Block {
        let start = out.position
        precondition(start % 8 == 0, "messages must start 8-byte aligned")
        var metaLength = padded(metadata.count, to: 8)
        while (start + 8 + metaLength) % bufferAlignment != 0 { metaLength += 8 }
        try out.write(ArrowSchemaEncoding.continuation)
        try out.write(Int32(metaLength))
        try out.write(metadata)
        try out.writeZeros(metaLength - metadata.count)
        var bodyLength = 0
        for b in body {
            try b.write(to: out)
            try out.writeZeros(padded(b.byteCount) - b.byteCount)
            bodyLength += padded(b.byteCount)
        }
        return .init(offset: Int64(start), metaDataLength: Int32(8 + metaLength), bodyLength: Int64(bodyLength))
    }

    /// The validity buffer of rows `start..<start+count` and their null count;
    /// `.empty` when none of them is null.
    static func validityBuffer(_ validity: Validity?, _ start: Int, _ count: Int) -> (BodyBuffer, Int) {
        guard let v = validity, count > 0 else { return (.empty, 0) }
        let bytes = Bitmap.slice(v.bytes, bitOffset: start, count: count)
        let nulls = count - Bitmap.countSet(bytes.array, byteOffset: bytes.range.lowerBound, count: count)
        return nulls == 0 ? (.empty, 0) : (.bytes(bytes.array, bytes.range), nulls)
    }

    /// The value buffers (after validity) of rows `start..<start+count`.
    static func valueBuffers(_ data: ColumnData, _ start: Int, _ count: Int) -> [BodyBuffer] {
        let r = start..<(start + count)
        switch data {
        case .int32(let v), .date32(let v): return [.int32s(v, r)]
        case .int64(let v): return [.int64s(v, r)]
        case .float64(let v): return [.doubles(v, r)]
        case .bool(let v): return [.bytes(Bitmap.pack(v, r), 0..<((count + 7) / 8))]
        case .dictionary(let d): return [.indices(d.indices, r)]
        case .utf8(let s):
            let base = s.offsets[start]
            let end = s.offsets[start + count]
            let offsets: BodyBuffer
            if base == 0 {
                offsets = .int32s(s.offsets, start..<(start + count + 1))
            } else {
                let rebased = [Int32](unsafeUninitializedCapacity: count + 1) { buf, n in
                    s.offsets.withUnsafeBufferPointer { src in
                        for i in 0...count { buf[i] = src[start + i] &- base }
                    }
                    n = count + 1
                }
                offsets = .int32s(rebased, 0..<(count + 1))
            }
            return [offsets, .bytes(s.bytes, Int(base)..<Int(end))]
        }
    }
}
