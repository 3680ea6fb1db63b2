@testable import ArrowIPC
import ColumnStore
import Foundation
import Testing

/// Runs `Tests/ArrowIPCTests/pyarrow_check.py` with python3 (or `$PYTHON`).
enum PyArrow {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("pyarrow_check.py")
    /// `$PYTHON` (set by `make test`), else the project's `.venv/bin/python` (made by `make venv`).
    static var python: String {
        if let p = ProcessInfo.processInfo.environment["PYTHON"], !p.isEmpty { return p }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv/bin/python").path
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read before waiting so a large output cannot fill the pipe and block.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, stdout, String(decoding: stderr, as: UTF8.self))
    }

    /// Fails (never skips) when python3 or pyarrow is missing.
    static func requireAvailable() throws {
        let r = try? run(["-c", "import pyarrow"])
        guard let r, r.status == 0 else {
            throw Failure(description: "python3 with pyarrow is required for the Arrow checkpoint tests: run `make venv` (\(python) -c 'import pyarrow' failed: \(r?.stderr ?? "could not start \(python)"))")
        }
    }

    /// `pyarrow_check.py <mode> <file>`: the JSON it prints.
    static func check(_ mode: String, _ url: URL) throws -> [String: Any] {
        try requireAvailable()
        let r = try run([script.path, mode, url.path])
        guard r.status == 0 else {
            throw Failure(description: "pyarrow_check.py \(mode) \(url.lastPathComponent) exited with \(r.status): \(r.stderr)")
        }
        guard let json = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any] else {
            throw Failure(description: "pyarrow_check.py printed no JSON object: \(String(decoding: r.stdout, as: UTF8.self))")
        }
        return json
    }

    /// The pyarrow type string of a column type.
    static func typeName(_ t: ColumnType) -> String {
        switch t {
        case .int32: "int32"
        case .int64: "int64"
        case .float64: "double"
        case .date32: "date32[day]"
        case .bool: "bool"
        case .utf8: "string"
        case .dictionary: "dictionary<values=string, indices=int8, ordered=0>"
        }
    }
}

/// Compares a column with the python values pyarrow printed (null as JSON
/// null, dates as ISO text, doubles as Python `repr` text, compared bit for bit).
func expectColumn(_ c: Column, equals values: [Any], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(c.count == values.count, "column \(c.name) length", sourceLocation: sourceLocation)
    var mismatches: [String] = []
    for (r, v) in values.prefix(c.count).enumerated() {
        let ok: Bool
        if v is NSNull {
            ok = c.isNull(r)
        } else if c.isNull(r) {
            ok = false
        } else {
            switch c.data {
            case .int32(let a): ok = (v as? NSNumber)?.int64Value == Int64(a[r])
            case .int64(let a): ok = (v as? NSNumber)?.int64Value == a[r]
            case .float64(let a): ok = (v as? String).flatMap(Double.init)?.bitPattern == a[r].bitPattern
            case .bool(let a): ok = (v as? Bool) == a[r]
            case .date32, .utf8, .dictionary: ok = (v as? String) == c.text(at: r)
            }
        }
        if !ok { mismatches.append("row \(r): swift \(c.text(at: r) ?? "null") vs pyarrow \(v)") }
    }
    let summary = "column \(c.name): \(mismatches.count) mismatches: \(mismatches.prefix(5).joined(separator: "; "))"
    #expect(mismatches.count == 0, "\(summary)", sourceLocation: sourceLocation)
}

@Suite(.serialized) struct PyArrowInteropTests {
    func expectPyArrowReads(_ table: Table, metadata: [String: String], batchRows: Int = ArrowFileWriter.defaultBatchRows,
                            compression: ArrowCompression = .none,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("swift-written.arrow")
        try ArrowFileWriter.write(table, to: url, metadata: metadata, batchRows: batchRows, compression: compression)
        let json = try PyArrow.check("read", url)   // also runs table.validate(full=True)
        // The header pyarrow decodes names the codec the file was written with.
        #expect(json["compression"] as? String == (compression == .none ? nil : "ZSTD"), sourceLocation: sourceLocation)

        #expect(json["num_rows"] as? Int == table.rowCount, sourceLocation: sourceLocation)
        #expect(json["num_record_batches"] as? Int == max(1, (table.rowCount + batchRows - 1) / batchRows),
                sourceLocation: sourceLocation)
        #expect(json["metadata"] as? [String: String] == metadata, sourceLocation: sourceLocation)
        let schema = try #require(json["schema"] as? [[String: Any]], sourceLocation: sourceLocation)
        #expect(schema.map { $0["name"] as? String } == table.columns.map(\.name), sourceLocation: sourceLocation)
        #expect(schema.map { $0["type"] as? String } == table.columns.map { PyArrow.typeName($0.type) },
                sourceLocation: sourceLocation)
        #expect(schema.map { $0["nullable"] as? Bool } == table.columns.map { $0.validity != nil },
                sourceLocation: sourceLocation)
        let columns = try #require(json["columns"] as? [[Any]], sourceLocation: sourceLocation)
        #expect(columns.count == table.columns.count, sourceLocation: sourceLocation)
        for (c, values) in zip(table.columns, columns) { expectColumn(c, equals: values, sourceLocation: sourceLocation) }
    }

    @Test func pyarrowReadsEveryTypeWithoutNulls() throws {
        try expectPyArrowReads(Fixtures.allTypes(rows: 200, nulls: false), metadata: ["stage": "normalise", "fingerprint": "abc"])
    }

    @Test func pyarrowReadsEveryTypeWithNulls() throws {
        try expectPyArrowReads(Fixtures.allTypes(rows: 333, nulls: true), metadata: ["stage": "Ærø"])
    }

    @Test func pyarrowReadsAnEmptyTable() throws {
        try expectPyArrowReads(Fixtures.allTypes(rows: 0, nulls: true), metadata: [:])
    }

    @Test func pyarrowReadsMultipleBatches() throws {
        try expectPyArrowReads(Fixtures.allTypes(rows: 1001, nulls: true), metadata: ["batches": "many"], batchRows: 100)
        try expectPyArrowReads(Fixtures.allTypes(rows: 50, nulls: true), metadata: [:], batchRows: 7)
    }

    @Test func pyarrowReadsExtremeValues() throws {
        let table = Table(columns: [
            Column(name: "i32", data: .int32([.min, .max, 0, -1])),
            Column(name: "i64", data: .int64([.min, .max, 9_007_199_254_740_993, -1])),
            Column(name: "f64", data: .float64([-0.0, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 0.1])),
            Column(name: "day", data: .date32([-719_162, 2_932_896, 0, -1])),   // 0001-01-01 ... 9999-12-31
            Column(name: "flag", data: .bool([true, true, true, true])),
            Column(name: "kommune", data: .dictionary(DictionaryStorage(indices: [0, 0, 0, 0], values: ["Ærø"]))),
        ])
        try expectPyArrowReads(table, metadata: [:])
    }

    @Test func swiftReadsWhatPyArrowWrites() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("pyarrow-written.arrow")
        let json = try PyArrow.check("write", url)
        let c = try ArrowFileReader.read(from: url, maxRows: nil)
        #expect(c.recordBatchCount == 3)
        #expect(c.totalRows == 12)
        #expect(c.metadata == ["stage": "pyarrow-fixture", "note": "Ærø"])
        let t = c.table
        #expect(t.columns.map(\.name) == ["i32", "i64", "f64", "day", "flag", "name", "kommune", "code"])
        #expect(t.columns.map(\.type) == [.int32, .int64, .float64, .date32, .bool, .utf8, .dictionary, .dictionary])
        #expect(t.columns.map { $0.validity != nil } == [true, false, true, true, true, true, true, true])
        let columns = try #require(json["columns"] as? [[Any]])
        for (col, values) in zip(t.columns, columns) { expectColumn(col, equals: values) }
        // Spot checks independent of the JSON.
        #expect(t["name"]?.text(at: 0) == "Ærø")
        #expect(t["kommune"]?.text(at: 2) == "Høje-Taastrup")
        #expect(t["i64"]?.int64Values[2] == 9_007_199_254_740_993)
        #expect(t["day"]?.text(at: 4) == "2024-02-29")
        #expect(t["code"]?.isNull(2) == true)
        #expect(t["i32"]?.isNull(9) == true)
        #expect(t["name"]?.text(at: 11) == "Høje-Taastrup")   // from the sliced third batch

        // And what Swift re-writes from it, pyarrow reads back identically.
        let again = dir.file("rewritten.arrow")
        try ArrowFileWriter.write(t, to: again, metadata: c.metadata)
        let json2 = try PyArrow.check("read", again)
        let columns2 = try #require(json2["columns"] as? [[Any]])
        for (col, values) in zip(t.columns, columns2) { expectColumn(col, equals: values) }
    }

    @Test("pyarrow reads our ZSTD-compressed files (BodyCompression, BUFFER)", arguments: [Int32(1), 3, 19])
    func pyarrowReadsZstdCompressedFiles(level: Int32) throws {
        try expectPyArrowReads(Fixtures.allTypes(rows: 333, nulls: true), metadata: ["stage": "Ærø"],
                               compression: .zstd(level: level))
        try expectPyArrowReads(Fixtures.allTypes(rows: 1001, nulls: true), metadata: [:], batchRows: 100,
                               compression: .zstd(level: level))
        try expectPyArrowReads(Fixtures.allTypes(rows: 0, nulls: true), metadata: [:], compression: .zstd(level: level))
    }

    @Test("pyarrow reads buffers stored uncompressed (length prefix -1) in a compressed file")
    func pyarrowReadsIncompressibleBuffers() throws {
        let table = Fixtures.incompressible(rows: 4000)
        try expectPyArrowReads(table, metadata: [:], compression: .zstd(level: 1))
        // The prefix -1 path is really taken: the random int64 column is not
        // smaller compressed than raw (it is stored with prefix -1).
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let noise = Table(columns: [table.columns[0]])
        try ArrowFileWriter.write(noise, to: dir.file("raw.arrow"))
        try ArrowFileWriter.write(noise, to: dir.file("zstd.arrow"), compression: .zstd(level: 1))
        let raw = try FileManager.default.attributesOfItem(atPath: dir.file("raw.arrow").path)[.size] as! Int
        let zstd = try FileManager.default.attributesOfItem(atPath: dir.file("zstd.arrow").path)[.size] as! Int
        #expect(zstd >= raw)
    }

    @Test("we read pyarrow's ZSTD-compressed files")
    func swiftReadsPyArrowZstdFiles() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("pyarrow-zstd.arrow")
        let json = try PyArrow.check("write-zstd", url)
        #expect(json["compression"] as? String == "ZSTD")
        let c = try ArrowFileReader.read(from: url, maxRows: nil)
        #expect(c.compression == .zstd)
        #expect(c.recordBatchCount == 3)
        #expect(c.totalRows == 12)
        let columns = try #require(json["columns"] as? [[Any]])
        for (col, values) in zip(c.table.columns, columns) { expectColumn(col, equals: values) }
        #expect(c.table["kommune"]?.text(at: 2) == "Høje-Taastrup")
        #expect(c.table["name"]?.text(at: 11) == "Høje-Taastrup")   // sliced third batch
        #expect(c.table["code"]?.isNull(2) == true)

        // The same fixture uncompressed reads to the same table.
        let plain = dir.file("pyarrow-plain.arrow")
        _ = try PyArrow.check("write", plain)
        expectSameTable(try ArrowFileReader.read(from: plain).table, c.table)
    }

    @Test("LZ4_FRAME bodies are reported by name, not misread")
    func lz4IsReportedByName() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("pyarrow-lz4.arrow")
        _ = try PyArrow.check("write-lz4", url)
        #expect { try ArrowFileReader.read(from: url) } throws: { e in
            let text = "\(e)"
            return text.contains(url.path) && text.contains("LZ4_FRAME") && text.contains("not supported")
        }
    }

    @Test func unsupportedPyArrowTypesAreReportedByName() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("float32.arrow")
        _ = try PyArrow.check("write-unsupported", url)
        #expect { try ArrowFileReader.read(from: url) } throws: { e in
            let text = "\(e)"
            return text.contains(url.path) && text.contains("field f32") && text.contains("float")
        }
    }

    @Test("a dictionary wider than our 8-bit indices is an error naming the column, not a wrong value")
    func wideDictionariesAreRefused() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("wide-dictionary.arrow")
        _ = try PyArrow.check("write-wide-dictionary", url)
        #expect { try ArrowFileReader.read(from: url) } throws: { e in
            let text = "\(e)"
            return text.contains(url.path) && text.contains("column code") && text.contains("200 values")
                && text.contains("at most \(DictionaryStorage.maxValues)")
        }
    }
}
