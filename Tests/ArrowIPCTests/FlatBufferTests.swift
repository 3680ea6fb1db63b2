@testable import ArrowIPC
import ColumnStore
import Testing

@Suite struct FlatBufferTests {
    @Test func tablesVectorsStringsAndUnionsRoundTrip() throws {
        var b = FlatBufferBuilder(initialCapacity: 16)   // forces growth
        let s1 = b.createString("Ærø")
        let s2 = b.createString("")
        let strings = b.createVector(of: [s1, s2])
        b.startTable(fieldCount: 2)
        b.addField(0, Int32(42))
        let child = b.endTable()
        let pairs = b.createVector(ofLongPairs: [(1, 2), (-3, .max)])
        let blocks = b.createVector(ofBlocks: [(offset: 8, metaDataLength: 256, bodyLength: 1 << 40)])
        b.startTable(fieldCount: 8)
        b.addField(0, Int16(7), default: nil)
        b.addField(1, true)
        b.addField(2, Int64(5))
        b.addField(3, Int64(0))          // default: omitted
        b.addUnion(4, type: 3, child)
        b.addField(6, strings)
        b.addField(7, pairs)
        let root = b.endTable()
        // A second root-level vector field in another table.
        let bytes = b.finish(root: root)
        #expect(bytes.count % 8 == 0)

        let r = FlatBufferReader(bytes, context: "test")
        let t = try r.root()
        #expect(try t.scalar(0, default: Int16(0)) == 7)
        #expect(try t.bool(1) == true)
        #expect(try t.scalar(2, default: Int64(0)) == 5)
        #expect(try t.fieldPosition(3) == nil)
        #expect(try t.scalar(3, default: Int64(99)) == 99)
        #expect(try t.scalar(4, default: UInt8(0)) == 3)
        #expect(try t.table(5)?.scalar(0, default: Int32(0)) == 42)
        let sv = try #require(try t.vector(6, elementSize: 4))
        #expect(try (0..<sv.count).map { try r.string(at: try r.indirect(sv.position(of: $0))) } == ["Ærø", ""])
        let pv = try #require(try t.vector(7, elementSize: 16))
        #expect(pv.count == 2)
        #expect(pv.start % 8 == 0, "structs of longs are 8-byte aligned")
        #expect(try pv.load(Int64.self, element: 1, fieldOffset: 8) == .max)
        #expect(try pv.load(Int64.self, element: 1) == -3)
        #expect(try t.fieldPosition(20) == nil, "slots past the vtable are absent")
        _ = blocks
    }

    @Test func garbageIsAnErrorNotACrash() {
        for bytes: [UInt8] in [[], [1, 2], [0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0], [8, 0, 0, 0, 0xF0, 0xFF, 0xFF, 0xFF]] {
            #expect(throws: ArrowFormatError.self) { _ = try FlatBufferReader(bytes, context: "garbage").root().string(0) }
        }
    }

    @Test func schemaMessageDecodesToWhatWasEncoded() throws {
        let fields = [Field("a", .int32), Field("b", .int64, nullable: true), Field("c", .float64), Field("d", .date32),
                      Field("e", .bool, nullable: true), Field("f", .utf8), Field("g", .dictionary, nullable: true)]
        let ids: [Int64?] = [nil, nil, nil, nil, nil, nil, 6]
        let bytes = ArrowSchemaEncoding.schemaMessage(fields: fields, dictionaryIDs: ids, metadata: ["k": "v"])
        let (m, bodyLength) = try ArrowSchemaEncoding.decodeMessage(FlatBufferReader(bytes, context: "schema"))
        #expect(bodyLength == 0)
        guard case .schema(let s) = m else { Issue.record("not a schema: \(m)"); return }
        #expect(s.fields.map(\.name) == fields.map(\.name))
        #expect(s.fields.map(\.type) == fields.map(\.type))
        #expect(s.fields.map(\.nullable) == fields.map(\.nullable))
        #expect(s.fields.map(\.dictionaryID) == ids)
        #expect(s.metadata == ["k": "v"])
    }

    @Test(arguments: [0, 1, 7, 8, 9, 63, 64, 65, 1000])
    func bitmapsPackAndCount(count: Int) {
        let values = (0..<(count + 5)).map { $0 % 3 == 0 || $0 % 7 == 2 }
        let packed = Bitmap.pack(values, 5..<(5 + count))
        #expect(packed.count == (count + 7) / 8)
        var unpacked = [Bool](repeating: false, count: count)
        packed.withUnsafeBytes { raw in
            unpacked.withUnsafeMutableBufferPointer { out in
                if count > 0 { Bitmap.unpack(raw.baseAddress!, count: count, into: out.baseAddress!) }
            }
        }
        #expect(unpacked == Array(values[5..<(5 + count)]))
        #expect(Bitmap.countSet(packed, byteOffset: 0, count: count) == values[5..<(5 + count)].filter { $0 }.count)
        let v = Validity(values)
        let slice = Bitmap.slice(v.bytes, bitOffset: 3, count: count)
        #expect(Bitmap.countSet(slice.array, byteOffset: slice.range.lowerBound, count: count)
                == values[3..<(3 + count)].filter { $0 }.count)
    }
}
