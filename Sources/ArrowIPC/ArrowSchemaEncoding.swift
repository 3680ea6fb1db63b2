import ColumnStore

/// Constants of the Arrow columnar format (`format/Schema.fbs`,
/// `format/Message.fbs`, `format/File.fbs`) and the encoding and decoding of
/// the FlatBuffers metadata this module uses: Schema, Message (Schema,
/// DictionaryBatch and RecordBatch headers) and Footer.
///
/// Vtable slots are the fields' declaration order; a union field `x` takes
/// two slots, `x_type` then `x`.
enum ArrowSchemaEncoding {
    static let magic: [UInt8] = Array("ARROW1".utf8)
    static let continuation: UInt32 = 0xFFFF_FFFF
    /// `MetadataVersion.V5`.
    static let metadataVersion: Int16 = 4

    /// `union MessageHeader { Schema, DictionaryBatch, RecordBatch, Tensor, SparseTensor }`.
    enum HeaderType: UInt8 {
        case schema = 1, dictionaryBatch = 2, recordBatch = 3
    }

    /// `union Type { Null, Int, FloatingPoint, Binary, Utf8, Bool, Decimal, Date, ... }`.
    enum TypeTag: UInt8 {
        case null = 1, int = 2, floatingPoint = 3, binary = 4, utf8 = 5, bool = 6, decimal = 7, date = 8,
             time = 9, timestamp = 10, interval = 11, list = 12, struct_ = 13, union = 14,
             fixedSizeBinary = 15, fixedSizeList = 16, map = 17, duration = 18, largeBinary = 19,
             largeUtf8 = 20, largeList = 21
    }

    enum Slot {
        // table Schema { endianness; fields; custom_metadata; features }
        static let schemaEndianness = 0, schemaFields = 1, schemaCustomMetadata = 2
        // table Field { name; nullable; type (union: 2 slots); dictionary; children; custom_metadata }
        static let fieldName = 0, fieldNullable = 1, fieldType = 2, fieldDictionary = 4, fieldChildren = 5
        // table KeyValue { key; value }
        static let keyValueKey = 0, keyValueValue = 1
        // table Int { bitWidth; is_signed }
        static let intBitWidth = 0, intIsSigned = 1
        // table FloatingPoint { precision }, table Date { unit }
        static let floatingPointPrecision = 0, dateUnit = 0
        // table DictionaryEncoding { id; indexType; isOrdered; dictionaryKind }
        static let dictionaryID = 0, dictionaryIndexType = 1, dictionaryIsOrdered = 2
        // table Message { version; header (union: 2 slots); bodyLength; custom_metadata }
        static let messageVersion = 0, messageHeader = 1, messageBodyLength = 3
        // table RecordBatch { length; nodes; buffers; compression }
        static let batchLength = 0, batchNodes = 1, batchBuffers = 2, batchCompression = 3
        // table DictionaryBatch { id; data; isDelta }
        static let dictionaryBatchID = 0, dictionaryBatchData = 1, dictionaryBatchIsDelta = 2
        // table BodyCompression { codec; method }
        static let compressionCodec = 0, compressionMethod = 1
        // table Footer { version; schema; dictionaries; recordBatches; custom_metadata }
        static let footerVersion = 0, footerSchema = 1, footerDictionaries = 2, footerRecordBatches = 3
    }

    /// `enum Precision:short {HALF, SINGLE, DOUBLE}`.
    static let precisionDouble: Int16 = 2
    /// `enum DateUnit: short { DAY, MILLISECOND }`, default MILLISECOND.
    static let dateUnitDay: Int16 = 0, dateUnitMillisecond: Int16 = 1

    /// A `Block` of the footer: where a message starts, the length of its
    /// prefix + metadata, and the length of its body.
    struct Block: Equatable {
        var offset: Int64
        var metaDataLength: Int32
        var bodyLength: Int64
    }

    /// `FieldNode` and `Buffer` are both pairs of longs.
    struct FieldNode: Equatable { var length: Int64; var nullCount: Int64 }
    struct BufferSpec: Equatable { var offset: Int64; var length: Int64 }

    // MARK: encoding

    private static func int(_ b: inout FlatBufferBuilder, bitWidth: Int32, signed: Bool) -> FlatBufferOffset {
        b.startTable(fieldCount: 2)
        b.addField(Slot.intBitWidth, bitWidth)
        b.addField(Slot.intIsSigned, signed)
        return b.endTable()
    }

    private static func emptyTable(_ b: inout FlatBufferBuilder) -> FlatBufferOffset {
        b.startTable(fieldCount: 0)
        return b.endTable()
    }

    private static func keyValues(_ b: inout FlatBufferBuilder, _ metadata: [String: String]) -> FlatBufferOffset {
        let pairs = metadata.sorted { $0.key < $1.key }.map { kv -> FlatBufferOffset in
            let k = b.createString(kv.key)
            let v = b.createString(kv.value)
            b.startTable(fieldCount: 2)
            b.addField(Slot.keyValueKey, k)
            b.addField(Slot.keyValueValue, v)
            return b.endTable()
        }
        return b.createVector(of: pairs)
    }

    private static func field(_ b: inout FlatBufferBuilder, _ f: Field, dictionaryID: Int64?) -> FlatBufferOffset {
        let name = b.createString(f.name)
        let tag: TypeTag
        let type: FlatBufferOffset
        var dictionary: FlatBufferOffset?
        switch f.type {
        case .int32:
            tag = .int; type = int(&b, bitWidth: 32, signed: true)
        case .int64:
            tag = .int; type = int(&b, bitWidth: 64, signed: true)
        case .float64:
            tag = .floatingPoint
            b.startTable(fieldCount: 1)
            b.addField(Slot.floatingPointPrecision, precisionDouble)
            type = b.endTable()
        case .date32:
            tag = .date
            b.startTable(fieldCount: 1)
            b.addField(Slot.dateUnit, dateUnitDay, default: dateUnitMillisecond)
            type = b.endTable()
        case .bool:
            tag = .bool; type = emptyTable(&b)
        case .utf8:
            tag = .utf8; type = emptyTable(&b)
        case .dictionary:
            tag = .utf8; type = emptyTable(&b)
            let indexType = int(&b, bitWidth: Int32(MemoryLayout<DictionaryStorage.Index>.size * 8), signed: true)
            b.startTable(fieldCount: 4)
            b.addField(Slot.dictionaryID, dictionaryID ?? 0, default: nil)
            b.addField(Slot.dictionaryIndexType, indexType)
            b.addField(Slot.dictionaryIsOrdered, false)
            dictionary = b.endTable()
        }
        let children = b.createVector(of: [])
        b.startTable(fieldCount: 7)
        b.addField(Slot.fieldName, name)
        b.addField(Slot.fieldNullable, f.nullable)
        b.addUnion(Slot.fieldType, type: tag.rawValue, type)
        if let d = dictionary { b.addField(Slot.fieldDictionary, d) }
        b.addField(Slot.fieldChildren, children)
        return b.endTable()
    }

    /// A `Schema` table. `dictionaryIDs[i]` is the id of field i when it is dictionary encoded.
    static func schema(_ b: inout FlatBufferBuilder, fields: [Field], dictionaryIDs: [Int64?],
                       metadata: [String: String]) -> FlatBufferOffset {
        let fieldOffsets = zip(fields, dictionaryIDs).map { field(&b, $0.0, dictionaryID: $0.1) }
        let fieldVector = b.createVector(of: fieldOffsets)
        let meta = metadata.isEmpty ? nil : keyValues(&b, metadata)
        b.startTable(fieldCount: 4)
        b.addField(Slot.schemaEndianness, Int16(0))   // Little (the default)
        b.addField(Slot.schemaFields, fieldVector)
        if let m = meta { b.addField(Slot.schemaCustomMetadata, m) }
        return b.endTable()
    }

    private static func message(_ b: inout FlatBufferBuilder, header: HeaderType, _ h: FlatBufferOffset,
                                bodyLength: Int64) -> [UInt8] {
        b.startTable(fieldCount: 5)
        b.addField(Slot.messageVersion, metadataVersion, default: nil)
        b.addUnion(Slot.messageHeader, type: header.rawValue, h)
        b.addField(Slot.messageBodyLength, bodyLength)
        let m = b.endTable()
        return b.finish(root: m)
    }

    static func schemaMessage(fields: [Field], dictionaryIDs: [Int64?], metadata: [String: String]) -> [UInt8] {
        var b = FlatBufferBuilder()
        let s = schema(&b, fields: fields, dictionaryIDs: dictionaryIDs, metadata: metadata)
        return message(&b, header: .schema, s, bodyLength: 0)
    }

    /// `enum BodyCompressionMethod: byte { BUFFER }`.
    static let compressionMethodBuffer: Int8 = 0

    private static func recordBatch(_ b: inout FlatBufferBuilder, length: Int64, nodes: [FieldNode],
                                    buffers: [BufferSpec], compression: BodyCompressionCodec?) -> FlatBufferOffset {
        let n = b.createVector(ofLongPairs: nodes.map { ($0.length, $0.nullCount) })
        let bufs = b.createVector(ofLongPairs: buffers.map { ($0.offset, $0.length) })
        var bodyCompression: FlatBufferOffset?
        if let codec = compression {
            b.startTable(fieldCount: 2)
            b.addField(Slot.compressionCodec, codec.rawValue, default: nil)
            b.addField(Slot.compressionMethod, compressionMethodBuffer, default: nil)
            bodyCompression = b.endTable()
        }
        b.startTable(fieldCount: 4)
        b.addField(Slot.batchLength, length, default: nil)
        b.addField(Slot.batchNodes, n)
        b.addField(Slot.batchBuffers, bufs)
        if let c = bodyCompression { b.addField(Slot.batchCompression, c) }
        return b.endTable()
    }

    /// A RecordBatch message; `compression` is the codec of its body buffers (nil: plain).
    static func recordBatchMessage(length: Int64, nodes: [FieldNode], buffers: [BufferSpec], bodyLength: Int64,
                                   compression: BodyCompressionCodec? = nil) -> [UInt8] {
        var b = FlatBufferBuilder()
        let rb = recordBatch(&b, length: length, nodes: nodes, buffers: buffers, compression: compression)
        return message(&b, header: .recordBatch, rb, bodyLength: bodyLength)
    }

    static func dictionaryBatchMessage(id: Int64, length: Int64, nodes: [FieldNode], buffers: [BufferSpec],
                                       bodyLength: Int64, compression: BodyCompressionCodec? = nil) -> [UInt8] {
        var b = FlatBufferBuilder()
        let rb = recordBatch(&b, length: length, nodes: nodes, buffers: buffers, compression: compression)
        b.startTable(fieldCount: 3)
        b.addField(Slot.dictionaryBatchID, id, default: nil)
        b.addField(Slot.dictionaryBatchData, rb)
        b.addField(Slot.dictionaryBatchIsDelta, false)
        let db = b.endTable()
        return message(&b, header: .dictionaryBatch, db, bodyLength: bodyLength)
    }

    static func footer(fields: [Field], dictionaryIDs: [Int64?], metadata: [String: String],
                       dictionaries: [Block], recordBatches: [Block]) -> [UInt8] {
        var b = FlatBufferBuilder()
        let s = schema(&b, fields: fields, dictionaryIDs: dictionaryIDs, metadata: metadata)
        let d = b.createVector(ofBlocks: dictionaries.map { ($0.offset, $0.metaDataLength, $0.bodyLength) })
        let r = b.createVector(ofBlocks: recordBatches.map { ($0.offset, $0.metaDataLength, $0.bodyLength) })
        b.startTable(fieldCount: 5)
        b.addField(Slot.footerVersion, metadataVersion, default: nil)
        b.addField(Slot.footerSchema, s)
        b.addField(Slot.footerDictionaries, d)
        b.addField(Slot.footerRecordBatches, r)
        let f = b.endTable()
        return b.finish(root: f)
    }

    // MARK: decoding

    /// A field as read from a file.
    struct DecodedField {
        var name: String
        var nullable: Bool
        var type: ColumnType
        /// For dictionary fields: the id, and the index integer width in bytes.
        var dictionaryID: Int64?
        var indexByteWidth: Int = 4
    }

    struct DecodedSchema {
        var fields: [DecodedField]
        var metadata: [String: String]
    }

    /// A record batch header (also the `data` of a dictionary batch).
    struct DecodedBatch {
        var length: Int
        var nodes: [FieldNode]
        var buffers: [BufferSpec]
        /// The codec of the body buffers; nil when they are plain.
        var compression: BodyCompressionCodec? = nil
    }

    enum DecodedMessage {
        case schema(DecodedSchema)
        case dictionaryBatch(id: Int64, isDelta: Bool, DecodedBatch)
        case recordBatch(DecodedBatch)
        case other(UInt8)

        /// The header type, for error messages.
        var name: String {
            switch self {
            case .schema: "Schema"
            case .dictionaryBatch: "DictionaryBatch"
            case .recordBatch: "RecordBatch"
            case .other(let tag): "message header type \(tag)"
            }
        }
    }

    struct DecodedFooter {
        var schema: DecodedSchema
        var dictionaries: [Block]
        var recordBatches: [Block]
    }

    private static func typeName(_ tag: UInt8) -> String {
        guard let t = TypeTag(rawValue: tag) else { return "unknown type \(tag)" }
        return "\(t)"
    }

    private static func decodeField(_ t: FlatBufferTable) throws -> DecodedField {
        let name = try t.string(Slot.fieldName) ?? ""
        let nullable = try t.bool(Slot.fieldNullable)
        let tag: UInt8 = try t.scalar(Slot.fieldType, default: 0)
        guard let typeTable = try t.table(Slot.fieldType + 1) else {
            throw ArrowFormatError("field \(name) has no type")
        }
        func unsupported(_ detail: String) -> ArrowFormatError {
            ArrowFormatError("field \(name) has unsupported type \(detail) (supported: int32, int64, double, date32[day], bool, string, dictionary<string>)")
        }
        let valueType: ColumnType
        switch TypeTag(rawValue: tag) {
        case .int:
            let width: Int32 = try typeTable.scalar(Slot.intBitWidth, default: 0)
            let signed = try typeTable.bool(Slot.intIsSigned)
            switch (width, signed) {
            case (32, true): valueType = .int32
            case (64, true): valueType = .int64
            default: throw unsupported("\(signed ? "" : "u")int\(width)")
            }
        case .floatingPoint:
            let p: Int16 = try typeTable.scalar(Slot.floatingPointPrecision, default: 0)
            guard p == precisionDouble else { throw unsupported(p == 1 ? "float" : "halffloat") }
            valueType = .float64
        case .date:
            let unit: Int16 = try typeTable.scalar(Slot.dateUnit, default: dateUnitMillisecond)
            guard unit == dateUnitDay else { throw unsupported("date64[ms]") }
            valueType = .date32
        case .bool: valueType = .bool
        case .utf8: valueType = .utf8
        default: throw unsupported(typeName(tag))
        }
        var field = DecodedField(name: name, nullable: nullable, type: valueType)
        if let d = try t.table(Slot.fieldDictionary) {
            guard valueType == .utf8 else { throw unsupported("dictionary<values=\(valueType.rawValue)>") }
            field.type = .dictionary
            field.dictionaryID = try d.scalar(Slot.dictionaryID, default: Int64(0))
            if let it = try d.table(Slot.dictionaryIndexType) {
                let width: Int32 = try it.scalar(Slot.intBitWidth, default: 0)
                guard [8, 16, 32, 64].contains(width) else { throw unsupported("dictionary index int\(width)") }
                field.indexByteWidth = Int(width / 8)
            }
        }
        return field
    }

    static func decodeSchema(_ t: FlatBufferTable) throws -> DecodedSchema {
        let endianness: Int16 = try t.scalar(Slot.schemaEndianness, default: 0)
        guard endianness == 0 else { throw ArrowFormatError("big-endian files are not supported") }
        let fields = try t.tables(Slot.schemaFields).map(decodeField)
        var metadata: [String: String] = [:]
        for kv in try t.tables(Slot.schemaCustomMetadata) {
            metadata[try kv.string(Slot.keyValueKey) ?? ""] = try kv.string(Slot.keyValueValue) ?? ""
        }
        return DecodedSchema(fields: fields, metadata: metadata)
    }

    private static func longPairs(_ t: FlatBufferTable, _ slot: Int) throws -> [(Int64, Int64)] {
        guard let v = try t.vector(slot, elementSize: 16) else { return [] }
        return try (0..<v.count).map {
            (try v.load(Int64.self, element: $0), try v.load(Int64.self, element: $0, fieldOffset: 8))
        }
    }

    static func decodeBatch(_ t: FlatBufferTable) throws -> DecodedBatch {
        var compression: BodyCompressionCodec?
        if let c = try t.table(Slot.batchCompression) {
            let codec: Int8 = try c.scalar(Slot.compressionCodec, default: 0)
            let method: Int8 = try c.scalar(Slot.compressionMethod, default: 0)
            guard method == compressionMethodBuffer else {
                throw ArrowFormatError("body compression method \(method) is not supported (only BUFFER)")
            }
            guard let known = BodyCompressionCodec(rawValue: codec) else {
                throw ArrowFormatError("unknown body compression codec \(codec)")
            }
            compression = known
        }
        let length: Int64 = try t.scalar(Slot.batchLength, default: 0)
        guard length >= 0, length <= Int32.max else { throw ArrowFormatError("bad record batch length \(length)") }
        return DecodedBatch(length: Int(length),
                            nodes: try longPairs(t, Slot.batchNodes).map { FieldNode(length: $0.0, nullCount: $0.1) },
                            buffers: try longPairs(t, Slot.batchBuffers).map { BufferSpec(offset: $0.0, length: $0.1) },
                            compression: compression)
    }

    static func decodeMessage(_ r: FlatBufferReader) throws -> (DecodedMessage, bodyLength: Int64) {
        let m = try r.root()
        let tag: UInt8 = try m.scalar(Slot.messageHeader, default: 0)
        let bodyLength: Int64 = try m.scalar(Slot.messageBodyLength, default: 0)
        guard let header = try m.table(Slot.messageHeader + 1) else {
            throw r.fail("message without header")
        }
        switch HeaderType(rawValue: tag) {
        case .schema: return (.schema(try decodeSchema(header)), bodyLength)
        case .recordBatch: return (.recordBatch(try decodeBatch(header)), bodyLength)
        case .dictionaryBatch:
            guard let data = try header.table(Slot.dictionaryBatchData) else { throw r.fail("dictionary batch without data") }
            return (.dictionaryBatch(id: try header.scalar(Slot.dictionaryBatchID, default: Int64(0)),
                                     isDelta: try header.bool(Slot.dictionaryBatchIsDelta),
                                     try decodeBatch(data)), bodyLength)
        case nil: return (.other(tag), bodyLength)
        }
    }

    private static func blocks(_ t: FlatBufferTable, _ slot: Int) throws -> [Block] {
        guard let v = try t.vector(slot, elementSize: 24) else { return [] }
        return try (0..<v.count).map {
            Block(offset: try v.load(Int64.self, element: $0),
                  metaDataLength: try v.load(Int32.self, element: $0, fieldOffset: 8),
                  bodyLength: try v.load(Int64.self, element: $0, fieldOffset: 16))
        }
    }

    static func decodeFooter(_ r: FlatBufferReader) throws -> DecodedFooter {
        let f = try r.root()
        guard let s = try f.table(Slot.footerSchema) else { throw r.fail("footer without schema") }
        return DecodedFooter(schema: try decodeSchema(s),
                             dictionaries: try blocks(f, Slot.footerDictionaries),
                             recordBatches: try blocks(f, Slot.footerRecordBatches))
    }
}
