@testable import ArrowIPC
import ColumnStore
import Foundation
import Testing

@Suite struct ArrowRoundTripTests {
    @Test(arguments: [false, true])
    func everyTypeRoundTrips(nulls: Bool) throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let table = Fixtures.allTypes(rows: 1000, nulls: nulls)
        let url = dir.file("t.arrow")
        try ArrowFileWriter.write(table, to: url, metadata: ["stage": "normalise"])
        let (back, meta) = try ArrowFileReader.read(from: url)
        expectSameTable(table, back)
        #expect(meta == ["stage": "normalise"])
        for (c, d) in zip(table.columns, back.columns) {
            #expect((c.validity == nil) == (d.validity == nil), "column \(c.name) validity presence")
            if let v = c.validity, let w = d.validity { #expect(v.nullCount == w.nullCount, "column \(c.name)") }
        }
        #expect(back["kommune"]?.dictionary.values == Fixtures.kommuner)
    }

    @Test func emptyTableKeepsSchemaAndDictionary() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let table = Fixtures.allTypes(rows: 0, nulls: true)
        let url = dir.file("empty.arrow")
        try ArrowFileWriter.write(table, to: url)
        let c = try ArrowFileReader.read(from: url, maxRows: nil)
        #expect(c.table.rowCount == 0)
        #expect(c.table.schema == table.schema)
        #expect(c.recordBatchCount == 1)
        #expect(c.metadata.isEmpty)
        #expect(c.table["kommune"]?.dictionary.values == Fixtures.kommuner)

        let noColumns = Table(columns: [])
        try ArrowFileWriter.write(noColumns, to: dir.file("nothing.arrow"))
        let (t, _) = try ArrowFileReader.read(from: dir.file("nothing.arrow"))
        #expect(t.columns.isEmpty && t.rowCount == 0)
    }

    @Test(arguments: [1, 7, 8, 64, 999, 1 << 20])
    func multiBatchRoundTrips(batchRows: Int) throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let rows = 2501
        let table = Fixtures.allTypes(rows: rows, nulls: true)
        let url = dir.file("multi.arrow")
        try ArrowFileWriter.write(table, to: url, metadata: [:], batchRows: batchRows)
        let c = try ArrowFileReader.read(from: url, maxRows: nil)
        #expect(c.recordBatchCount == (rows + batchRows - 1) / batchRows)
        #expect(c.totalRows == rows)
        expectSameTable(table, c.table)

        // Reading a prefix decodes only what is needed and gives the same rows.
        let prefix = try ArrowFileReader.read(from: url, maxRows: 10)
        #expect(prefix.totalRows == rows)
        expectSameTable(table.gather(Array(0..<10)), prefix.table)
    }

    @Test func unicodeStringsRoundTrip() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let names = ["Ærø", "Høje-Taastrup", "", "Ålborg? Aalborg!", "日本語", "e\u{301}", "\u{0}nul"]
        let table = Table(columns: [
            Column(name: "navn ÆØÅ", data: .utf8(StringStorage(names))),
            Column(name: "kommune", data: .dictionary(DictionaryStorage(indices: [0, 1, 1, 0, 2, 2, 0], values: ["Ærø", "Høje-Taastrup", "Tårnby"]))),
        ])
        let url = dir.file("unicode.arrow")
        try ArrowFileWriter.write(table, to: url, metadata: ["beskrivelse": "Ærø og Høje-Taastrup"])
        let (back, meta) = try ArrowFileReader.read(from: url)
        expectSameTable(table, back)
        #expect((0..<names.count).map { back.columns[0].strings[$0] } == names)
        #expect(back.columns[0].name == "navn ÆØÅ")
        #expect(meta["beskrivelse"] == "Ærø og Høje-Taastrup")
    }

    @Test func metadataRoundTripsAndIsDeterministic() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let table = Fixtures.allTypes(rows: 50, nulls: true)
        let meta = ["stage": "normalise", "fingerprint": "sha256:abc123", "empty": "", "z": "last"]
        try ArrowFileWriter.write(table, to: dir.file("a.arrow"), metadata: meta)
        try ArrowFileWriter.write(table, to: dir.file("b.arrow"), metadata: meta)
        #expect(try ArrowFileReader.read(from: dir.file("a.arrow")).metadata == meta)
        #expect(try Data(contentsOf: dir.file("a.arrow")) == Data(contentsOf: dir.file("b.arrow")))
    }

    @Test func fileLayoutFollowsTheSpec() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("layout.arrow")
        try ArrowFileWriter.write(Fixtures.allTypes(rows: 100, nulls: true), to: url, metadata: [:], batchRows: 30)
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(Array(bytes[0..<8]) == Array("ARROW1".utf8) + [0, 0])
        #expect(Array(bytes[(bytes.count - 6)...]) == Array("ARROW1".utf8))
        func int32(_ at: Int) -> Int32 { bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: Int32.self) } }
        // Schema message right after the magic: continuation marker, padded length.
        #expect(UInt32(bitPattern: int32(8)) == 0xFFFF_FFFF)
        #expect(int32(12) % 8 == 0)
        let footerLength = Int(int32(bytes.count - 10))
        let footerStart = bytes.count - 10 - footerLength
        #expect(footerStart % 8 == 0)
        // The end-of-stream marker precedes the footer.
        #expect(Array(bytes[(footerStart - 8)..<footerStart]) == [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0])
        let footer = try ArrowSchemaEncoding.decodeFooter(
            FlatBufferReader(Array(bytes[footerStart..<(footerStart + footerLength)]), context: "footer"))
        #expect(footer.dictionaries.count == 1)
        #expect(footer.recordBatches.count == 4)
        for block in footer.dictionaries + footer.recordBatches {
            #expect(block.offset % 8 == 0)
            #expect((Int(block.offset) + Int(block.metaDataLength)) % 64 == 0, "bodies start 64-byte aligned")
            #expect(block.bodyLength % 64 == 0)
            #expect(UInt32(bitPattern: int32(Int(block.offset))) == 0xFFFF_FFFF)
            #expect(Int(int32(Int(block.offset) + 4)) + 8 == Int(block.metaDataLength))
        }
        #expect(footer.schema.fields.map(\.name) == ["i32", "i64", "f64", "day", "flag", "name", "kommune", "i64_nullable_no_nulls"])
        #expect(footer.schema.fields.map(\.nullable) == Array(repeating: true, count: 8))
    }

    @Test func writeReplacesAtomicallyAndLeavesNoTemporaryFiles() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("stage.arrow")
        try Data("old contents".utf8).write(to: url)
        try ArrowFileWriter.write(Fixtures.allTypes(rows: 10, nulls: false), to: url)
        #expect(try dir.contents() == ["stage.arrow"])
        #expect(try ArrowFileReader.read(from: url).table.rowCount == 10)

        let missing = dir.url.appendingPathComponent("no-such-dir/x.arrow")
        #expect(throws: ArrowError.self) { try ArrowFileWriter.write(Fixtures.allTypes(rows: 1, nulls: false), to: missing) }
        #expect(try dir.contents() == ["stage.arrow"])
    }
}

@Suite struct ArrowErrorTests {
    func error(reading url: URL) -> ArrowError? {
        do {
            _ = try ArrowFileReader.read(from: url)
            return nil
        } catch let e as ArrowError {
            return e
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    @Test func truncatedFilesAreReported() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("full.arrow")
        try ArrowFileWriter.write(Fixtures.allTypes(rows: 300, nulls: true), to: url)
        let bytes = try Data(contentsOf: url)
        for cut in [0, 3, 8, 20, bytes.count / 2, bytes.count - 1] {
            let cutURL = dir.file("cut-\(cut).arrow")
            try bytes.prefix(cut).write(to: cutURL)
            let e = error(reading: cutURL)
            #expect(e != nil, "reading a file cut to \(cut) bytes must fail")
            #expect(e?.file == cutURL.path)
            #expect(e?.description.contains(cutURL.path) == true)
            if cut >= 8 { #expect(e?.message.contains("truncated") == true, "\(e?.message ?? "")") }
        }
    }

    @Test func nonArrowFilesAreReported() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let csv = dir.file("data.csv")
        try Data("pnr;kommune\n0101701234;101\n".utf8).write(to: csv)
        let e = try #require(error(reading: csv))
        #expect(e.message.contains("not an Arrow IPC file"))
        #expect(e.description.contains("data.csv"))

        let missing = dir.file("missing.arrow")
        #expect(error(reading: missing)?.message.contains("cannot open") == true)
    }

    @Test func corruptFooterIsReportedNotCrashed() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("x.arrow")
        try ArrowFileWriter.write(Fixtures.allTypes(rows: 100, nulls: true), to: url)
        let original = [UInt8](try Data(contentsOf: url))
        let footerLength = original.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: original.count - 10, as: Int32.self)) }
        let footerStart = original.count - 10 - footerLength
        // Overwrite parts of the footer and body with garbage: every outcome must be an ArrowError or a valid read.
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<200 {
            var bytes = original
            let region = trial % 2 == 0 ? footerStart..<(original.count - 10) : 8..<footerStart
            for _ in 0..<4 { bytes[Int.random(in: region, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            let damaged = dir.file("damaged.arrow")
            try Data(bytes).write(to: damaged)
            do { _ = try ArrowFileReader.read(from: damaged) } catch is ArrowError {} catch {
                Issue.record("trial \(trial): unexpected error \(error)")
            }
        }
    }

    // MARK: compressed bodies

    @Test("ZSTD-compressed files round-trip every type, with and without nulls, in many batches",
          arguments: [1, 7, 999, 1 << 20])
    func compressedRoundTrips(batchRows: Int) throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        for nulls in [false, true] {
            let table = Fixtures.allTypes(rows: 2501, nulls: nulls)
            let url = dir.file("zstd.arrow")
            try ArrowFileWriter.write(table, to: url, metadata: ["k": "v"], batchRows: batchRows, compression: .zstd(level: 1))
            let c = try ArrowFileReader.read(from: url, maxRows: nil)
            #expect(c.compression == .zstd)
            #expect(c.metadata == ["k": "v"])
            #expect(try ArrowInspector.describe(url: url, rows: 2).contains("Rows: 2501 in \((2501 + batchRows - 1) / batchRows) record batch"))
            #expect(try ArrowInspector.describe(url: url, rows: 2).contains(", ZSTD compressed\n"))
            expectSameTable(table, c.table)
            // First rows only (the inspector's path) decompress just those batches.
            let head = try ArrowFileReader.read(from: url, maxRows: 10)
            #expect(head.table.rowCount == 10 && head.totalRows == 2501)
            expectSameTable(table.gather(Array(0..<10)), head.table)
            // The last rows (an extract table's new deliveries): from inside a batch, at a batch
            // boundary, the first and past the last row.
            for start in [0, 1, min(batchRows, 2501), min(batchRows * 2 + 3, 2501), 2500, 2501] {
                let tail = try ArrowFileReader.read(from: url, fromRow: start)
                expectSameTable(table.gather(Array(start..<2501)), tail)
            }
            #expect(throws: ArrowError.self) { try ArrowFileReader.read(from: url, fromRow: 2502) }
            // With spare room (a nightly normalise merges M's rows into M-1's arrays in place):
            // the same values, the arrays with the room asked for.
            let strings = table.columns.filter { $0.type == .utf8 }.map(\.name)
            let roomy = try ArrowFileReader.read(from: url, spare: .init(rows: 300, bytes: Dictionary(uniqueKeysWithValues: strings.map { ($0, 4_000) })))
            expectSameTable(table, roomy)
            for column in roomy.columns {
                switch column.data {
                case .int32(let v), .date32(let v): #expect(v.capacity >= 2501 + 300, "\(column.name)")
                case .int64(let v): #expect(v.capacity >= 2501 + 300, "\(column.name)")
                case .float64(let v): #expect(v.capacity >= 2501 + 300, "\(column.name)")
                case .utf8(let s): #expect(s.offsets.capacity >= 2502 + 300 && s.bytes.capacity >= s.bytes.count + 4_000, "\(column.name)")
                case .bool, .dictionary: break
                }
            }
            #expect(!strings.isEmpty)
        }
    }

    @Test("compression shrinks regular columns and keeps incompressible ones readable")
    func compressionShrinksAndFallsBack() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        func size(_ url: URL) throws -> Int { try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int }
        let regular = Table(columns: [
            Column(name: "pnr", data: .int64((0..<100_000).map { 101_010_1000 + Int64($0 / 3) })),
            Column(name: "day", data: .date32((0..<100_000).map { Int32(19_000 + $0 % 365) })),
        ])
        try ArrowFileWriter.write(regular, to: dir.file("plain.arrow"))
        try ArrowFileWriter.write(regular, to: dir.file("zstd.arrow"), compression: .zstd(level: 1))
        #expect(try size(dir.file("zstd.arrow")) * 5 < size(dir.file("plain.arrow")))
        expectSameTable(regular, try ArrowFileReader.read(from: dir.file("zstd.arrow")).table)

        let noise = Fixtures.incompressible(rows: 3000)
        try ArrowFileWriter.write(noise, to: dir.file("noise.arrow"), compression: .zstd(level: 1))
        expectSameTable(noise, try ArrowFileReader.read(from: dir.file("noise.arrow")).table)
    }

    @Test("a damaged compressed buffer is an error naming the file, never wrong values")
    func damagedCompressedBufferIsReported() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let table = Table(columns: [Column(name: "n", data: .int64((0..<50_000).map { Int64($0 % 1000) }))])
        let url = dir.file("damaged.arrow")
        try ArrowFileWriter.write(table, to: url, compression: .zstd(level: 1))
        var bytes = [UInt8](try Data(contentsOf: url))
        let footerLength = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: bytes.count - 10, as: Int32.self) })
        let footer = try ArrowSchemaEncoding.decodeFooter(
            FlatBufferReader(Array(bytes[(bytes.count - 10 - footerLength)..<(bytes.count - 10)]), context: "test"))
        let block = try #require(footer.recordBatches.first)
        let bodyStart = Int(block.offset) + Int(block.metaDataLength)
        // Past the 8-byte length prefix and the frame header: inside the compressed data.
        for at in [bodyStart + 30, bodyStart + 8 + Int(block.bodyLength) / 4] {
            var damaged = bytes
            damaged[at] ^= 0x5A
            try Data(damaged).write(to: url)
            #expect { try ArrowFileReader.read(from: url) } throws: { e in
                let text = "\(e)"
                return text.contains(url.path) && text.contains("zstd") && text.contains("column n")
            }
        }
        bytes[bodyStart] ^= 0x01   // the length prefix itself
        try Data(bytes).write(to: url)
        #expect(throws: ArrowError.self) { try ArrowFileReader.read(from: url) }
    }

    @Test("string columns: a batch whose offsets do not start at 0 reads its own bytes; offsets out of order or past the data are errors naming the column")
    func stringOffsetsAreCheckedPerBatch() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let values = (0..<10).map { "v\($0)-" + String(repeating: "x", count: $0) }
        let url = dir.file("s.arrow")
        try ArrowFileWriter.write(Table(columns: [Column(name: "s", data: .utf8(StringStorage(values)))]), to: url,
                                  metadata: [:], batchRows: 4, compression: .none)
        let original = [UInt8](try Data(contentsOf: url))
        // The file position of offsets entry `k` of record batch `b` (column 0: buffer 1).
        let file = try MappedFile(path: url.path)
        let decoder = try FileDecoder(file: file)
        func offsetPosition(batch b: Int, entry k: Int) throws -> Int {
            let block = decoder.footer.recordBatches[b]
            guard case .recordBatch(let header) = try decoder.message(block, "batch").0 else { throw ArrowFormatError("no batch") }
            return Int(block.offset) + Int(block.metaDataLength) + Int(header.buffers[1].offset) + 4 * k
        }
        func patched(_ edits: [(Int, Int32)]) throws -> URL {
            var bytes = original
            for (at, v) in edits { withUnsafeBytes(of: v.littleEndian) { for i in 0..<4 { bytes[at + i] = $0[i] } } }
            let out = dir.file("patched.arrow")
            try Data(bytes).write(to: out)
            return out
        }
        let secondBatchStart = try offsetPosition(batch: 1, entry: 0)
        let shifted = try ArrowFileReader.read(from: try patched([(secondBatchStart, 1)])).table.column("s")
        var expected = values
        expected[4].removeFirst()
        #expect((0..<10).map { shifted.text(at: $0) } == expected)

        let outOfOrder = try patched([(try offsetPosition(batch: 2, entry: 1), 0), (try offsetPosition(batch: 2, entry: 0), 3)])
        #expect { try ArrowFileReader.read(from: outOfOrder) } throws: { "\($0)".contains("column s") && "\($0)".contains("not in order") }
        let pastData = try patched([(try offsetPosition(batch: 2, entry: 2), 10_000)])
        #expect { try ArrowFileReader.read(from: pastData) } throws: { "\($0)".contains("column s") && "\($0)".contains("string offsets") }
    }

    @Test("compression is parsed from its command-line spelling")
    func compressionSpelling() {
        #expect(ArrowCompression("zstd") == .zstd(level: 1))
        #expect(ArrowCompression("zstd") == ArrowCompression.checkpointDefault)
        #expect(ArrowCompression("ZSTD:3") == .zstd(level: 3))
        #expect(ArrowCompression("none") == ArrowCompression.none)
        #expect(ArrowCompression("zstd:0") == nil)
        #expect(ArrowCompression("zstd:99") == nil)
        #expect(ArrowCompression("lz4") == nil)
        #expect(ArrowCompression.zstd(level: 3).description == "zstd:3")
    }
}
