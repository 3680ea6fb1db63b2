import ColumnStore
import Foundation

/// Reads an Apache Arrow IPC **file** into a ``Table``.
///
/// Reads everything ``ArrowFileWriter`` writes and simple files from other
/// Arrow implementations (pyarrow) with these types: int32, int64, double,
/// date32[day], bool, string, and dictionary<values=string> with 8/16/32/64-bit
/// indices (read into 8-bit ones). Record batches are concatenated; dictionary
/// deltas are appended. Bodies compressed with ZSTD (``ArrowCompression``,
/// as pyarrow writes with `compression="zstd"`) are decompressed buffer by
/// buffer; LZ4_FRAME bodies, big-endian files and other types are rejected
/// with an ``ArrowError`` naming the file and the problem, as are truncated,
/// corrupt and non-Arrow files.
///
/// A field marked nullable gets a ``Validity`` bitmap (all valid when the
/// file stores none), so a written table's schema round-trips.
public enum ArrowFileReader {
    /// Reads the whole file: the table and the schema's custom metadata.
    public static func read(from url: URL) throws -> (table: Table, metadata: [String: String]) {
        let c = try read(from: url, maxRows: nil)
        return (c.table, c.metadata)
    }

    /// The rows from `start` on (the last deliveries of an extract table): record batches that
    /// end before `start` are not decompressed.
    public static func read(from url: URL, fromRow start: Int) throws -> Table {
        precondition(start >= 0, "rows from \(start)")
        let file = try MappedFile(path: url.path)
        do {
            return try withExtendedLifetime(file) {
                var decoder = try FileDecoder(file: file)
                let c = try decoder.decode(maxRows: nil, fromRow: start)
                guard start <= c.totalRows else {
                    throw ArrowFormatError("rows from \(start) asked of a file of \(c.totalRows) rows")
                }
                // The first batch read may begin before `start`.
                return c.table.suffix(from: c.table.rowCount - (c.totalRows - start))
            }
        } catch let e as ArrowFormatError {
            throw ArrowError(file: url.path, e.message)
        }
    }

    /// Room to leave after the values of the arrays of a table read, so that rows can be added
    /// in place (``Table/mergeReleasing(old:new:rows:)``) without the arrays being moved.
    public struct Spare: Sendable {
        /// Rows, for every fixed-width and string column.
        public var rows: Int
        /// Bytes, for the string columns named.
        public var bytes: [String: Int]

        public init(rows: Int, bytes: [String: Int]) {
            self.rows = rows
            self.bytes = bytes
        }

        static let none = Spare(rows: 0, bytes: [:])
    }

    /// Reads the whole file into arrays with `spare` capacity after their values.
    public static func read(from url: URL, spare: Spare) throws -> Table {
        let file = try MappedFile(path: url.path)
        do {
            return try withExtendedLifetime(file) {
                var decoder = try FileDecoder(file: file)
                return try decoder.decode(maxRows: nil, spare: spare).table
            }
        } catch let e as ArrowFormatError {
            throw ArrowError(file: url.path, e.message)
        }
    }

    /// What ``read(from:maxRows:)`` found.
    struct Contents {
        /// The first `maxRows` rows (all rows when `maxRows` is nil).
        var table: Table
        var metadata: [String: String]
        /// Rows in the whole file.
        var totalRows: Int
        var recordBatchCount: Int
        /// The body compression of the first record batch (nil: plain or no batch).
        var compression: BodyCompressionCodec? = nil
    }

    /// Reads the schema, the metadata and the first `maxRows` rows (all when nil);
    /// record batch bodies past those rows are not touched.
    static func read(from url: URL, maxRows: Int?) throws -> Contents {
        let file = try MappedFile(path: url.path)
        do {
            return try withExtendedLifetime(file) {
                var decoder = try FileDecoder(file: file)
                return try decoder.decode(maxRows: maxRows)
            }
        } catch let e as ArrowFormatError {
            throw ArrowError(file: url.path, e.message)
        }
    }
}

/// The decoding of one mapped file. The buffers it hands out point into the
/// mapping and must not outlive it.
struct FileDecoder {
    typealias Enc = ArrowSchemaEncoding
    let bytes: UnsafeRawBufferPointer
    /// Messages must lie before this offset.
    let footerStart: Int
    let footer: Enc.DecodedFooter

    struct Batch {
        var index: Int
        var header: Enc.DecodedBatch
        var body: UnsafeRawBufferPointer
        /// Rows of this batch that are read.
        var take: Int
    }

    init(file: MappedFile) throws {
        bytes = file.bytes
        let size = bytes.count
        let magic = Enc.magic
        let minimum = 8 + 4 + magic.count
        if size >= 4, bytes.load(as: UInt32.self) == Enc.continuation {
            throw ArrowFormatError("this is an Arrow IPC stream (it starts with a message), not an Arrow IPC file")
        }
        guard size >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            let head = bytes.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw ArrowFormatError("not an Arrow IPC file: it does not start with the magic \"ARROW1\" (first bytes: \(head.isEmpty ? "none, the file is empty" : head))")
        }
        guard size >= minimum else {
            throw ArrowFormatError("truncated: only \(size) bytes, too short for an Arrow IPC file")
        }
        guard Array(bytes[(size - magic.count)..<size]) == magic else {
            throw ArrowFormatError("truncated or unfinished: the \(size)-byte file does not end with the magic \"ARROW1\"")
        }
        let footerLength = Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: size - 10, as: Int32.self)))
        footerStart = size - 10 - footerLength
        guard footerLength > 0, footerStart >= 8 else {
            throw ArrowFormatError("corrupt: footer length \(footerLength) does not fit in the \(size)-byte file")
        }
        let fb = FlatBufferReader(Array(bytes[footerStart..<(footerStart + footerLength)]),
                                  context: "footer at byte \(footerStart)")
        footer = try Enc.decodeFooter(fb)
    }

    /// Reads the message a footer block points to.
    func message(_ block: Enc.Block, _ what: String) throws -> (Enc.DecodedMessage, body: UnsafeRawBufferPointer) {
        let offset = Int(block.offset)
        guard offset >= 8, offset <= footerStart - 8 else {
            throw ArrowFormatError("corrupt footer: \(what) at byte \(offset) lies outside the file's messages (8..<\(footerStart))")
        }
        let first = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        let metaStart: Int, metaLength: Int
        if UInt32(littleEndian: first) == Enc.continuation {
            metaLength = Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: Int32.self)))
            metaStart = offset + 8
        } else {   // pre-1.0 files: no continuation marker
            metaLength = Int(Int32(littleEndian: Int32(bitPattern: first)))
            metaStart = offset + 4
        }
        guard metaLength > 0, metaStart + metaLength <= footerStart else {
            throw ArrowFormatError("corrupt \(what) at byte \(offset): metadata length \(metaLength) runs past the messages")
        }
        let fb = FlatBufferReader(Array(bytes[metaStart..<(metaStart + metaLength)]), context: "\(what) at byte \(offset)")
        let (decoded, bodyLength) = try Enc.decodeMessage(fb)
        let bodyStart = metaStart + metaLength
        guard bodyLength >= 0, bodyLength <= footerStart - bodyStart else {
            throw ArrowFormatError("truncated \(what) at byte \(offset): body of \(bodyLength) bytes runs past the messages")
        }
        return (decoded, UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<(bodyStart + Int(bodyLength))]))
    }

    /// Buffer `index` of a batch body as stored (compressed or not), bounds checked.
    func buffer(_ header: Enc.DecodedBatch, _ body: UnsafeRawBufferPointer, _ index: Int, _ what: String) throws -> UnsafeRawBufferPointer {
        guard index < header.buffers.count else {
            throw ArrowFormatError("\(what): missing buffer \(index) (the batch has \(header.buffers.count))")
        }
        let b = header.buffers[index]
        guard b.offset >= 0, b.length >= 0, b.offset <= body.count, b.length <= body.count - Int(b.offset) else {
            throw ArrowFormatError("\(what): buffer \(index) (offset \(b.offset), length \(b.length)) lies outside the \(body.count)-byte body")
        }
        return UnsafeRawBufferPointer(rebasing: body[Int(b.offset)..<Int(b.offset + b.length)])
    }

    /// Calls `f` with the bytes of buffer `index`, decompressed when the batch is
    /// compressed (into memory freed when `f` returns).
    func withBuffer<R>(_ header: Enc.DecodedBatch, _ body: UnsafeRawBufferPointer, _ index: Int, _ what: String,
                       _ f: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let stored = try buffer(header, body, index, what)
        guard let codec = header.compression, stored.count > 0 else { return try f(stored) }
        guard let length = try BodyCompressor.uncompressedLength(stored, "\(what), buffer \(index)") else {
            return try f(UnsafeRawBufferPointer(rebasing: stored[BodyCompressor.prefixLength...]))
        }
        let plain = UnsafeMutableRawBufferPointer.allocate(byteCount: max(length, 1), alignment: 64)
        defer { plain.deallocate() }
        let exact = UnsafeMutableRawBufferPointer(rebasing: plain[0..<length])
        try BodyCompressor.decompress(stored, codec: codec, into: exact, "\(what), buffer \(index)")
        return try f(UnsafeRawBufferPointer(exact))
    }

    /// Copies the first `byteCount` bytes of buffer `index` to `destination`,
    /// decompressing straight into it when the buffer holds exactly that many;
    /// `tooShort` is the error when the buffer holds fewer.
    func copyBuffer(_ header: Enc.DecodedBatch, _ body: UnsafeRawBufferPointer, _ index: Int, _ what: String,
                    to destination: UnsafeMutableRawPointer?, byteCount: Int,
                    tooShort: (Int) -> ArrowFormatError) throws {
        let stored = try buffer(header, body, index, what)
        if let codec = header.compression, stored.count > 0,
           let length = try BodyCompressor.uncompressedLength(stored, "\(what), buffer \(index)"), length == byteCount {
            try BodyCompressor.decompress(stored, codec: codec, into: UnsafeMutableRawBufferPointer(start: destination, count: byteCount),
                                          "\(what), buffer \(index)")
            return
        }
        try withBuffer(header, body, index, what) { src in
            guard src.count >= byteCount else { throw tooShort(src.count) }
            if byteCount > 0 { destination!.copyMemory(from: src.baseAddress!, byteCount: byteCount) }
        }
    }

    /// A pointer into an array being filled, handed to the workers that each fill their own part.
    private struct UnsafeSendable<T>: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<T>
        init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
    }

    /// The decoder and its batches handed to the column workers (they only read the mapping).
    private struct SharedDecoder: @unchecked Sendable {
        let decoder: FileDecoder
        let batches: [Batch]
    }

    /// Decodes the first `maxRows` rows (all when nil) of the record batches that end after row
    /// `fromRow` (all batches when 0): the table starts with the first such batch.
    mutating func decode(maxRows: Int?, fromRow: Int = 0, spare: ArrowFileReader.Spare = .none) throws -> ArrowFileReader.Contents {
        let fields = footer.schema.fields
        let dictionaries = try readDictionaries()

        var batches: [Batch] = []
        var totalRows = 0
        var compression: BodyCompressionCodec?
        var remaining = maxRows ?? Int.max
        for (i, block) in footer.recordBatches.enumerated() {
            let (m, body) = try message(block, "record batch \(i)")
            guard case .recordBatch(let header) = m else {
                throw ArrowFormatError("corrupt footer: block \(i) of the record batches points to a \(m.name) message")
            }
            guard header.nodes.count == fields.count else {
                throw ArrowFormatError("record batch \(i) has \(header.nodes.count) field nodes for \(fields.count) fields")
            }
            try checkLengths(header, fieldCount: fields.count, body: body, "record batch \(i)")
            if i == 0 { compression = header.compression }
            totalRows += header.length
            if totalRows <= fromRow { continue }
            let take = min(header.length, remaining)
            remaining -= take
            if take > 0 { batches.append(Batch(index: i, header: header, body: body, take: take)) }
        }
        let rows = batches.reduce(0) { $0 + $1.take }
        guard rows <= Int(Int32.max) else { throw ArrowFormatError("\(rows) rows: more than this reader supports") }

        var bufferBases: [Int] = []
        var bufferBase = 0
        for field in fields {
            bufferBases.append(bufferBase)
            bufferBase += field.type == .utf8 ? 3 : 2
        }
        // Columns are decoded side by side: each decompresses and copies its own buffers (a large
        // checkpoint read one column after the other kept one core busy). The decoder only reads
        // the mapping, which outlives this call.
        let shared = SharedDecoder(decoder: self, batches: batches), bases = bufferBases
        let columns = try Parallel.tryMap(fields.count) { f in
            try shared.decoder.column(fields[f], f, bufferBase: bases[f], shared.batches, rows: rows, dictionaries: dictionaries, spare: spare)
        }
        return .init(table: Table(columns: columns), metadata: footer.schema.metadata,
                     totalRows: totalRows, recordBatchCount: footer.recordBatches.count, compression: compression)
    }

    /// Every field node must have the batch's length, and a batch of n rows
    /// needs at least n bits of body per field: this bounds what is allocated.
    func checkLengths(_ header: Enc.DecodedBatch, fieldCount: Int, body: UnsafeRawBufferPointer, _ what: String) throws {
        for (f, node) in header.nodes.enumerated() where node.length != Int64(header.length) {
            throw ArrowFormatError("\(what): field node \(f) has length \(node.length), the batch \(header.length)")
        }
        // (Compressed buffers may be far smaller than their rows; their
        // decompressed lengths are checked buffer by buffer.)
        guard fieldCount == 0 || header.compression != nil || header.length <= body.count * 8 else {
            throw ArrowFormatError("\(what): \(header.length) rows cannot fit in a body of \(body.count) bytes")
        }
    }

    func readDictionaries() throws -> [Int64: [String]] {
        var out: [Int64: [String]] = [:]
        for (i, block) in footer.dictionaries.enumerated() {
            let (m, body) = try message(block, "dictionary batch \(i)")
            guard case .dictionaryBatch(let id, let isDelta, let header) = m else {
                throw ArrowFormatError("corrupt footer: block \(i) of the dictionaries points to a \(m.name) message")
            }
            guard let field = footer.schema.fields.first(where: { $0.dictionaryID == id }) else {
                throw ArrowFormatError("dictionary batch \(i) has id \(id), which no field uses")
            }
            let what = "dictionary batch \(i) (id \(id), column \(field.name))"
            guard header.nodes.count == 1 else { throw ArrowFormatError("\(what) has \(header.nodes.count) field nodes, expected 1") }
            try checkLengths(header, fieldCount: 1, body: body, what)
            let batch = Batch(index: i, header: header, body: body, take: header.length)
            let values = try strings(batch, fieldIndex: 0, bufferBase: 0, what)
            let validity = try validityBits(batch, fieldIndex: 0, what)
            var list = (0..<values.count).map { values[$0] }
            if let v = validity {
                for j in 0..<list.count where v[j] == false { list[j] = "" }
            }
            if isDelta { out[id, default: []].append(contentsOf: list) } else { out[id] = list }
        }
        return out
    }

    // MARK: columns

    private func column(_ field: Enc.DecodedField, _ f: Int, bufferBase: Int, _ batches: [Batch], rows: Int,
                        dictionaries: [Int64: [String]], spare: ArrowFileReader.Spare) throws -> Column {
        func what(_ b: Batch) -> String { "record batch \(b.index), column \(field.name)" }
        let validity = try columnValidity(field, f, bufferBase, batches, rows: rows)
        let data: ColumnData
        switch field.type {
        case .int32: data = .int32(try fixedWidth(Int32.self, f, bufferBase + 1, batches, rows: rows, spare: spare.rows, what))
        case .date32: data = .date32(try fixedWidth(Int32.self, f, bufferBase + 1, batches, rows: rows, spare: spare.rows, what))
        case .int64: data = .int64(try fixedWidth(Int64.self, f, bufferBase + 1, batches, rows: rows, spare: spare.rows, what))
        case .float64: data = .float64(try fixedWidth(Double.self, f, bufferBase + 1, batches, rows: rows, spare: spare.rows, what))
        case .bool:
            data = .bool(try [Bool](unsafeUninitializedCapacity: rows) { out, n in
                var at = 0
                for b in batches {
                    try withBuffer(b.header, b.body, bufferBase + 1, what(b)) { src in
                        guard src.count * 8 >= b.take else {
                            throw ArrowFormatError("\(what(b)): bool buffer of \(src.count) bytes for \(b.take) rows")
                        }
                        if b.take > 0 { Bitmap.unpack(src.baseAddress!, count: b.take, into: out.baseAddress! + at) }
                    }
                    at += b.take
                    n = at
                }
            })
        case .utf8:
            data = .utf8(try stringColumn(field, f, bufferBase: bufferBase, batches, rows: rows, spare: spare))
        case .dictionary:
            let id = field.dictionaryID ?? 0
            let values: [String]
            if let v = dictionaries[id] { values = v } else if rows == 0 { values = [] } else {
                throw ArrowFormatError("column \(field.name): the file has no dictionary with id \(id)")
            }
            guard values.count <= DictionaryStorage.maxValues else {
                throw ArrowFormatError("column \(field.name): a dictionary of \(values.count) values (at most \(DictionaryStorage.maxValues) are read)")
            }
            // Indices of any width are read into ours; one out of range is an error below.
            typealias Index = DictionaryStorage.Index
            var indices: [Index]
            switch field.indexByteWidth {
            case 1: indices = try fixedWidth(Int8.self, f, bufferBase + 1, batches, rows: rows, spare: spare.rows, what)
            case 2: indices = try fixedWidth(Int16.self, f, bufferBase + 1, batches, rows: rows, what).map { Index(clamping: $0) }
            case 4: indices = try fixedWidth(Int32.self, f, bufferBase + 1, batches, rows: rows, what).map { Index(clamping: $0) }
            default:
                indices = try fixedWidth(Int64.self, f, bufferBase + 1, batches, rows: rows, what)
                    .map { Index(clamping: $0) }
            }
            let count = Index(values.count)
            try indices.withUnsafeMutableBufferPointer { idx in
                for i in 0..<idx.count where idx[i] < 0 || idx[i] >= count {
                    if let v = validity, !v[i] { idx[i] = 0; continue }
                    throw ArrowFormatError("column \(field.name), row \(i): dictionary index \(idx[i]) outside the \(count) values")
                }
            }
            data = .dictionary(DictionaryStorage(indices: indices, values: values))
        }
        return Column(name: field.name, data: data, validity: validity)
    }

    private func fixedWidth<T>(_: T.Type, _ f: Int, _ bufferIndex: Int, _ batches: [Batch], rows: Int, spare: Int = 0,
                               _ what: (Batch) -> String) throws -> [T] {
        let size = MemoryLayout<T>.stride
        return try [T](unsafeUninitializedCapacity: rows + spare) { out, n in
            let dst = UnsafeMutableRawPointer(out.baseAddress)
            var at = 0
            for b in batches {
                try copyBuffer(b.header, b.body, bufferIndex, what(b), to: dst.map { $0 + at * size },
                               byteCount: b.take * size) { count in
                    ArrowFormatError("\(what(b)): values buffer of \(count) bytes for \(b.take) rows of \(size) bytes")
                }
                at += b.take
                n = at
            }
        }
    }

    /// A utf8 column in arrays of its final size (with `spare` room after the values): each
    /// batch's offsets are copied to their place and rebased, and its bytes decompressed
    /// straight into place when the buffer holds exactly them, batches side by side. (Decoding
    /// each batch into arrays of its own and concatenating those copied every byte twice more,
    /// into fresh memory each time.)
    private func stringColumn(_ field: Enc.DecodedField, _ f: Int, bufferBase: Int, _ batches: [Batch], rows: Int,
                              spare: ArrowFileReader.Spare) throws -> StringStorage {
        var firstRow: [Int] = [], row = 0
        for b in batches { firstRow.append(row); row += b.take }
        let shared = SharedDecoder(decoder: self, batches: batches), name = field.name, starts = firstRow
        @Sendable func what(_ b: Batch) -> String { "record batch \(b.index), column \(name)" }
        // Pass 1: offsets 1...take of each batch into place as stored, and the batch's first and
        // last offset (its bytes are data[first..<last]).
        var bounds: [(first: Int32, last: Int32)] = []
        var offsets = try [Int32](unsafeUninitializedCapacity: rows + 1 + spare.rows) { out, n in
            out[0] = 0
            let dst = UnsafeSendable(out.baseAddress!)
            bounds = try Parallel.tryMap(shared.batches.count) { i in
                let b = shared.batches[i]
                return try shared.decoder.withBuffer(b.header, b.body, bufferBase + 1, what(b)) { src in
                    guard src.count >= (b.take + 1) * 4 else {
                        throw ArrowFormatError("\(what(b)): offsets buffer of \(src.count) bytes for \(b.take) rows")
                    }
                    let first = src.loadUnaligned(as: Int32.self)
                    let to = dst.pointer + starts[i] + 1
                    UnsafeMutableRawPointer(to).copyMemory(from: src.baseAddress! + 4, byteCount: b.take * 4)
                    var previous = first, ordered = first >= 0
                    for k in 0..<b.take {
                        let o = to[k]
                        if o < previous { ordered = false; break }
                        previous = o
                    }
                    guard ordered else { throw ArrowFormatError("\(what(b)): string offsets not in order") }
                    return (first, previous)
                }
            }
            n = rows + 1
        }
        var byteStart: [Int] = [], total = 0
        for (first, last) in bounds { byteStart.append(total); total += Int(last - first) }
        guard total <= Int(Int32.max) else {
            throw ArrowFormatError("column \(field.name): more than 2 GiB of string data")
        }
        // Pass 2: offsets rebased to the column's bytes, and the bytes copied into place.
        let ranges = bounds, byteStarts = byteStart
        let bytes = try [UInt8](unsafeUninitializedCapacity: total + (spare.bytes[field.name] ?? 0)) { out, n in
            let bytesOut = out.baseAddress.map(UnsafeSendable.init)
            try offsets.withUnsafeMutableBufferPointer { o in
                let offsetsOut = UnsafeSendable(o.baseAddress!)
                _ = try Parallel.tryMap(shared.batches.count) { i in
                    let b = shared.batches[i], (first, last) = ranges[i], count = Int(last - first)
                    let shift = Int32(byteStarts[i]) - first
                    if shift != 0 {
                        let p = offsetsOut.pointer + starts[i] + 1
                        for k in 0..<b.take { p[k] &+= shift }
                    }
                    guard count > 0, let to = bytesOut.map({ UnsafeMutableRawPointer($0.pointer + byteStarts[i]) }) else { return 0 }
                    let tooShort = { (c: Int) in
                        ArrowFormatError("\(what(b)): string offsets \(first)...\(last) invalid for \(c) bytes of data")
                    }
                    if first == 0 {
                        try shared.decoder.copyBuffer(b.header, b.body, bufferBase + 2, what(b), to: to, byteCount: count, tooShort: tooShort)
                    } else {
                        try shared.decoder.withBuffer(b.header, b.body, bufferBase + 2, what(b)) { data in
                            guard Int(last) <= data.count else { throw tooShort(data.count) }
                            to.copyMemory(from: data.baseAddress! + Int(first), byteCount: count)
                        }
                    }
                    return 0
                }
            }
            n = total
        }
        return StringStorage(offsets: offsets, bytes: bytes)
    }

    /// The strings of a batch (its first `take` rows), offsets rebased to 0.
    private func strings(_ b: Batch, fieldIndex f: Int, bufferBase: Int, _ what: String) throws -> StringStorage {
        try withBuffer(b.header, b.body, bufferBase + 1, what) { offsetsBuffer in
            try withBuffer(b.header, b.body, bufferBase + 2, what) { data in
                try strings(b, offsetsBuffer: offsetsBuffer, data: data, what)
            }
        }
    }

    private func strings(_ b: Batch, offsetsBuffer: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer,
                         _ what: String) throws -> StringStorage {
        if b.take == 0 { return StringStorage() }
        guard offsetsBuffer.count >= (b.take + 1) * 4 else {
            throw ArrowFormatError("\(what): offsets buffer of \(offsetsBuffer.count) bytes for \(b.take) rows")
        }
        let offsets = [Int32](unsafeUninitializedCapacity: b.take + 1) { out, n in
            UnsafeMutableRawPointer(out.baseAddress!).copyMemory(from: offsetsBuffer.baseAddress!, byteCount: (b.take + 1) * 4)
            n = b.take + 1
        }
        let base = offsets[0]
        var previous = base
        var ok = base >= 0
        for o in offsets {
            if o < previous { ok = false; break }
            previous = o
        }
        guard ok, Int(previous) <= data.count else {
            throw ArrowFormatError("\(what): string offsets \(base)...\(previous) invalid for \(data.count) bytes of data")
        }
        let bytes = Array(UnsafeRawBufferPointer(rebasing: data[Int(base)..<Int(previous)]))
        return StringStorage(offsets: base == 0 ? offsets : offsets.map { $0 - base }, bytes: bytes)
    }

    /// A batch's validity bitmap, or nil when it has no nulls.
    private func validityBits(_ b: Batch, fieldIndex f: Int, _ what: String) throws -> Validity? {
        guard b.header.nodes[f].nullCount > 0 else { return nil }
        return try withBuffer(b.header, b.body, 0, what) { src in
            var v = Validity()
            guard src.count * 8 >= b.take else { throw ArrowFormatError("\(what): validity buffer too short") }
            let p = src.baseAddress!.assumingMemoryBound(to: UInt8.self)
            for i in 0..<b.take { v.append(p[i >> 3] & (1 << UInt8(i & 7)) != 0) }
            return v
        }
    }

    private func columnValidity(_ field: Enc.DecodedField, _ f: Int, _ bufferBase: Int, _ batches: [Batch],
                                rows: Int) throws -> Validity? {
        let anyNulls = batches.contains { $0.header.nodes[f].nullCount > 0 }
        guard field.nullable || anyNulls else { return nil }
        var bits = [UInt8](repeating: 0, count: (rows + 7) / 8)
        try bits.withUnsafeMutableBufferPointer { dst in
            var at = 0
            for b in batches {
                let what = "record batch \(b.index), column \(field.name)"
                if b.header.nodes[f].nullCount == 0 {
                    _ = try buffer(b.header, b.body, bufferBase, what)
                    Bitmap.setBits(dst.baseAddress!, offset: at, count: b.take)
                } else {
                    try withBuffer(b.header, b.body, bufferBase, what) { src in
                        guard src.count * 8 >= b.take else {
                            throw ArrowFormatError("\(what): validity buffer of \(src.count) bytes for \(b.take) rows with \(b.header.nodes[f].nullCount) nulls")
                        }
                        Bitmap.copyBits(from: src.baseAddress!.assumingMemoryBound(to: UInt8.self), bitOffset: 0,
                                        count: b.take, to: dst.baseAddress!, bitOffset: at)
                    }
                }
                at += b.take
            }
        }
        if rows % 8 != 0 { bits[bits.count - 1] &= UInt8((1 << (rows % 8)) - 1) }
        return Validity(bytes: bits, count: rows)
    }
}

extension ArrowFileReader {
    /// The schema's custom metadata, read from the footer only (no record batch is touched),
    /// so checking a checkpoint's recorded fingerprint costs a few pages whatever its size.
    /// The schema, the metadata and the row count of the file (from the footer and the record
    /// batch headers; no body is read).
    public static func summary(from url: URL) throws -> (schema: Schema, metadata: [String: String], rows: Int) {
        let c = try read(from: url, maxRows: 0)
        return (c.table.schema, c.metadata, c.totalRows)
    }

    public static func metadata(from url: URL) throws -> [String: String] {
        let file = try MappedFile(path: url.path)
        do {
            return try withExtendedLifetime(file) { try FileDecoder(file: file).footer.schema.metadata }
        } catch let e as ArrowFormatError {
            throw ArrowError(file: url.path, e.message)
        }
    }
}
