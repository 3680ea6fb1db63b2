import CZstd
import ColumnStore
import Foundation

/// Writes one Arrow IPC file from the record batches of other Arrow IPC files of one schema,
/// copying their stored (compressed) buffers as they are: a table that is the concatenation of
/// tables already on disk is written without decoding its columns and compressing them again
/// (a nightly extract checkpoint: the previous month's plus the new deliveries' cache entries).
///
/// Every part must have the first part's fields (names, types, nullability; dictionaries with
/// ``DictionaryStorage/Index`` indices) and the same dictionary values. A column named in
/// ``Part/constants`` gets a new buffer holding that value in every row of the part (the
/// `_delivery` index of a delivery). Each copied buffer is checked first (but those of a part
/// the caller marks ``Part/verified``): decompressed (which verifies its zstd checksum) and its
/// length compared with what its rows need, so a damaged part is an error naming it, never a
/// copied fault. Checking costs a decompression; not
/// compressing again is what copying saves. The output has the layout of
/// ``ArrowFileWriter`` (dictionary ids are column indices), one record batch per batch of the
/// parts, and is written under a temporary name and renamed (synced unless `durable` is false).
public enum ArrowFileConcatenator {
    /// One input file and the constant columns to write for its rows.
    public struct Part: Sendable, Equatable {
        public var url: URL
        /// Int32 columns whose values are replaced by one value for every row of this part.
        public var constants: [String: Int32]
        /// Whether the caller verified the file's bytes (against a content hash recorded when it
        /// was written): its buffers are then copied without being decompressed and measured.
        public var verified: Bool

        public init(url: URL, constants: [String: Int32] = [:], verified: Bool = false) {
            self.url = url
            self.constants = constants
            self.verified = verified
        }
    }

    /// Writes the concatenation of `parts` to `url` with schema `metadata`; `compression` is used
    /// for the dictionary batches (the record batches keep each part's own). Returns the rows
    /// written. Throws an ``ArrowError`` naming the part when one cannot be read, differs in
    /// schema or dictionaries, or holds a damaged buffer.
    @discardableResult
    public static func write(_ parts: [Part], to url: URL, metadata: [String: String] = [:],
                             compression: ArrowCompression = .checkpointDefault, durable: Bool = true) throws -> Int {
        precondition(!parts.isEmpty, "nothing to concatenate")
        let out = try OutputFile(path: url.path, writeBehind: durable)
        defer { out.abandon() }
        var state = State()
        for part in parts {
            let file = try MappedFile(path: part.url.path)
            do {
                try withExtendedLifetime(file) {
                    let decoder = try FileDecoder(file: file)
                    try state.begin(decoder, part: part, out: out, metadata: metadata, compression: compression)
                    for (b, block) in decoder.footer.recordBatches.enumerated() {
                        try state.copy(batch: b, block, of: decoder, part: part, to: out)
                    }
                }
            } catch let e as ArrowFormatError {
                throw ArrowError(file: part.url.path, e.message)
            }
        }
        try ArrowFileWriter.writeFooter(out, fields: state.fields, dictionaryIDs: state.dictionaryIDs, metadata: metadata,
                                        dictionaries: state.dictionaryBlocks, recordBatches: state.batchBlocks)
        try out.commit(sync: durable)
        return state.rows
    }

    /// What the parts so far established: the schema, the dictionaries and the blocks written.
    private struct State {
        var fields: [Field] = []
        var dictionaryIDs: [Int64?] = []
        var dictionaries: [[String]?] = []
        var dictionaryBlocks: [ArrowSchemaEncoding.Block] = []
        var batchBlocks: [ArrowSchemaEncoding.Block] = []
        var rows = 0
        var started = false

        /// Checks a part's schema and dictionaries against the first part's; the first one's
        /// are written (magic, schema message, dictionary batches).
        mutating func begin(_ decoder: FileDecoder, part: Part, out: OutputFile, metadata: [String: String],
                            compression: ArrowCompression) throws {
            let decoded = decoder.footer.schema.fields
            let values = try decoder.readDictionaries()
            let partFields = decoded.map { Field($0.name, $0.type, nullable: $0.nullable) }
            let partDictionaries = decoded.map { f in f.dictionaryID.map { values[$0] ?? [] } }
            for f in decoded where f.type == .dictionary && f.indexByteWidth != MemoryLayout<DictionaryStorage.Index>.size {
                throw ArrowFormatError("column \(f.name) has \(f.indexByteWidth * 8)-bit dictionary indices; only \(MemoryLayout<DictionaryStorage.Index>.size * 8)-bit ones are copied")
            }
            for name in part.constants.keys.sorted() where !partFields.contains(where: { $0.name == name && $0.type == .int32 }) {
                throw ArrowFormatError("no int32 column \(name) to fill with a constant")
            }
            guard started else {
                started = true
                fields = partFields
                dictionaries = partDictionaries
                dictionaryIDs = fields.indices.map { fields[$0].type == .dictionary ? Int64($0) : nil }
                try out.write(ArrowSchemaEncoding.magic + [0, 0])
                try ArrowFileWriter.writeMessage(out, ArrowSchemaEncoding.schemaMessage(
                    fields: fields, dictionaryIDs: dictionaryIDs, metadata: metadata), body: [])
                for (i, d) in dictionaries.enumerated() {
                    guard let d else { continue }
                    dictionaryBlocks.append(try ArrowFileWriter.writeDictionaryBatch(out, id: Int64(i), values: d,
                                                                                     compression: compression))
                }
                return
            }
            guard partFields == fields else {
                throw ArrowFormatError("its fields (\(Schema(partFields))) differ from the first part's (\(Schema(fields)))")
            }
            guard partDictionaries == dictionaries else {
                throw ArrowFormatError("its dictionaries differ from the first part's")
            }
        }

        /// Copies record batch `b` of a part, its buffers checked, its constant columns replaced.
        mutating func copy(batch b: Int, _ block: ArrowSchemaEncoding.Block, of decoder: FileDecoder, part: Part,
                           to out: OutputFile) throws {
            let what = "record batch \(b)"
            let (message, body) = try decoder.message(block, what)
            guard case .recordBatch(let header) = message else {
                throw ArrowFormatError("corrupt footer: block \(b) of the record batches points to a \(message.name) message")
            }
            guard header.nodes.count == fields.count else {
                throw ArrowFormatError("\(what) has \(header.nodes.count) field nodes for \(fields.count) fields")
            }
            try decoder.checkLengths(header, fieldCount: fields.count, body: body, what)
            let n = header.length
            guard rows + n <= Int(Int32.max) else { throw ArrowFormatError("more than \(Int32.max) rows in all") }

            // Which stored buffer of the batch each output buffer is (nil: a constant column's).
            var sources: [(field: Int, kind: BufferKind, index: Int)?] = []
            var nodes = header.nodes
            var base = 0
            for (f, field) in fields.enumerated() {
                let kinds = BufferKind.of(field.type)
                if part.constants[field.name] != nil {
                    nodes[f] = .init(length: Int64(n), nullCount: 0)
                    sources.append(contentsOf: kinds.map { _ in nil })
                } else {
                    for (k, kind) in kinds.enumerated() { sources.append((f, kind, base + k)) }
                }
                base += kinds.count
            }
            // Check every copied buffer (in parallel: most of the cost is decompressing them).
            // (The decoder and body point into the part's mapping, alive until this returns.)
            nonisolated(unsafe) let mapped = (decoder, body)
            let list = sources, schema = fields
            let checks = try Parallel.tryMap(part.verified ? 0 : list.count) { i -> Int? in
                guard let s = list[i] else { return nil }
                return try ArrowFileConcatenator.check(s.kind, of: schema[s.field], node: header.nodes[s.field], rows: n,
                                                       mapped.0, header, mapped.1, s.index, "\(what), column \(schema[s.field].name)")
            }
            var buffers: [ArrowFileWriter.BodyBuffer] = []
            var i = 0
            for field in fields {
                let kinds = BufferKind.of(field.type)
                if let value = part.constants[field.name] {
                    buffers.append(.empty)   // no validity: every row holds the value
                    buffers.append(ArrowFileConcatenator.constantBuffer(value, rows: n, compressed: header.compression != nil))
                } else {
                    for (k, kind) in kinds.enumerated() {
                        if kind == .utf8Data, !part.verified, let last = checks[i + k - 1], (checks[i + k] ?? 0) < last {
                            throw ArrowFormatError("\(what), column \(field.name): \(checks[i + k] ?? 0) bytes of strings, the offsets need \(last)")
                        }
                        // Written from the part's mapping (alive until `copy` returns), not copied first.
                        let stored = try decoder.buffer(header, body, sources[i + k]!.index, what)
                        buffers.append(stored.isEmpty ? .empty : .borrowed(.init(bytes: stored)))
                    }
                }
                i += kinds.count
            }
            let (specs, bodyLength) = ArrowFileWriter.layout(buffers)
            let meta = ArrowSchemaEncoding.recordBatchMessage(length: Int64(n), nodes: nodes, buffers: specs,
                                                              bodyLength: bodyLength, compression: header.compression)
            batchBlocks.append(try ArrowFileWriter.writeMessage(out, meta, body: buffers))
            rows += n
        }
    }

    /// The role of a buffer in a column's layout.
    enum BufferKind: Equatable {
        case validity, values, utf8Offsets, utf8Data

        static func of(_ type: ColumnType) -> [BufferKind] {
            type == .utf8 ? [.validity, .utf8Offsets, .utf8Data] : [.validity, .values]
        }
    }

    /// Decompresses (checking the checksum) and measures buffer `index`: it must hold what
    /// `rows` rows of `field` need. Returns the last offset for string offsets, the length for
    /// string data (checked against each other by the caller), nil otherwise.
    static func check(_ kind: BufferKind, of field: Field, node: ArrowSchemaEncoding.FieldNode, rows n: Int,
                      _ decoder: FileDecoder, _ header: ArrowSchemaEncoding.DecodedBatch, _ body: UnsafeRawBufferPointer,
                      _ index: Int, _ what: String) throws -> Int? {
        try decoder.withBuffer(header, body, index, what) { plain -> Int? in
            let needed: Int
            switch kind {
            case .validity: needed = node.nullCount > 0 ? (n + 7) / 8 : 0
            case .values:
                switch field.type {
                case .int32, .date32: needed = 4 * n
                case .int64, .float64: needed = 8 * n
                case .bool: needed = (n + 7) / 8
                case .dictionary: needed = MemoryLayout<DictionaryStorage.Index>.size * n
                case .utf8: needed = 0
                }
            case .utf8Offsets: needed = n > 0 ? 4 * (n + 1) : 0
            case .utf8Data: return plain.count
            }
            guard plain.count >= needed else {
                throw ArrowFormatError("\(what): a \(kind) buffer of \(plain.count) bytes for \(n) rows (\(needed) needed)")
            }
            guard kind == .utf8Offsets, n > 0 else { return nil }
            let first = Int(Int32(littleEndian: plain.loadUnaligned(as: Int32.self)))
            let last = Int(Int32(littleEndian: plain.loadUnaligned(fromByteOffset: 4 * n, as: Int32.self)))
            guard first >= 0, last >= first else { throw ArrowFormatError("\(what): string offsets run backwards") }
            return last
        }
    }

    /// A value buffer of `rows` copies of `value`, compressed when the batch is.
    static func constantBuffer(_ value: Int32, rows: Int, compressed: Bool) -> ArrowFileWriter.BodyBuffer {
        let values = [Int32](repeating: value, count: rows)
        guard compressed, rows > 0 else { return .int32s(values, 0..<rows) }
        let context = BodyCompressor.makeContext(level: 1)
        defer { ZSTD_freeCCtx(context) }
        let bytes = values.withUnsafeBytes { BodyCompressor.compress($0, context: context) }
        return .bytes(bytes, 0..<bytes.count)
    }
}
