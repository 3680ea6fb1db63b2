@testable import ArrowIPC
import ColumnStore
import Foundation
import Testing

/// Copying record batches of several files into one (the extract checkpoints of a nightly run).
@Suite struct ArrowFileConcatenatorTests {
    /// Three parts of every type with nulls: 1,000 rows in 1M-row batches, 45 rows in 7-row
    /// batches, 0 rows; `compression` for all of them.
    static func parts(_ dir: ScratchDirectory, compression: ArrowCompression) throws -> [(URL, Table)] {
        let tables = [Fixtures.allTypes(rows: 1000, nulls: true), Fixtures.allTypes(rows: 45, nulls: true),
                      Fixtures.allTypes(rows: 0, nulls: true)]
        return try tables.enumerated().map { i, t in
            let url = dir.file("part\(i).arrow")
            try ArrowFileWriter.write(t, to: url, metadata: ["part": "\(i)"], batchRows: i == 1 ? 7 : 1 << 20,
                                      compression: compression)
            return (url, t)
        }
    }

    /// `table` with column `name` holding `value` in every row (all valid).
    static func filled(_ table: Table, _ name: String, _ value: Int32) -> Table {
        var t = table
        let i = t.columns.firstIndex { $0.name == name }!
        t.columns[i] = Column(name: name, data: .int32([Int32](repeating: value, count: t.rowCount)),
                              validity: Validity(allValid: t.rowCount))
        return t
    }

    @Test("the copy holds the parts' rows in order, constants replaced, for compressed and plain parts",
          arguments: [ArrowCompression.checkpointDefault, .none])
    func copiesRowsInOrder(compression: ArrowCompression) throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let parts = try Self.parts(dir, compression: compression)
        let url = dir.file("all.arrow")
        let rows = try ArrowFileConcatenator.write(
            [.init(url: parts[0].0), .init(url: parts[1].0, constants: ["i32": 7]), .init(url: parts[2].0)],
            to: url, metadata: ["stage": "extract_x"])
        #expect(rows == 1045)
        let c = try ArrowFileReader.read(from: url, maxRows: nil)
        #expect(c.metadata == ["stage": "extract_x"])
        #expect(c.recordBatchCount == 1 + 7 + 1)   // the parts' batches, copied one for one
        expectSameTable(c.table, Table.concatenate([parts[0].1, Self.filled(parts[1].1, "i32", 7), parts[2].1]))
        // And pyarrow reads it, with the same values.
        let json = try PyArrow.check("read", url)
        let columns = try #require(json["columns"] as? [[Any]])
        for (col, values) in zip(c.table.columns, columns) { expectColumn(col, equals: values) }
    }

    @Test("a damaged buffer is an error naming the part, and no file is left")
    func damagedPartsAreRefused() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let parts = try Self.parts(dir, compression: .checkpointDefault)
        var bytes = try Data(contentsOf: parts[0].0)
        // A byte in the middle of the record batch body (the dictionary batch and schema come first).
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: parts[0].0)
        let url = dir.file("all.arrow")
        #expect { try ArrowFileConcatenator.write([.init(url: parts[1].0), .init(url: parts[0].0)], to: url) } throws: { e in
            "\(e)".contains(parts[0].0.path)
        }
        #expect(try dir.contents() == ["part0.arrow", "part1.arrow", "part2.arrow"],
                "nothing is left under the name or a temporary one after a failure")
    }

    @Test("a part the caller verified is copied without its buffers being decompressed: the same rows")
    func verifiedPartsAreCopiedUnchecked() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let parts = try Self.parts(dir, compression: .checkpointDefault)
        let url = dir.file("all.arrow")
        let rows = try ArrowFileConcatenator.write([.init(url: parts[0].0, verified: true), .init(url: parts[1].0)], to: url)
        #expect(rows == 1045)
        expectSameTable(try ArrowFileReader.read(from: url, maxRows: nil).table, Table.concatenate([parts[0].1, parts[1].1]))
        // Unchecked means unchecked: a damaged verified part is copied as it is (the caller's
        // content hash is what keeps damaged files out, ExtractStage.previousCheckpoint).
        var bytes = try Data(contentsOf: parts[0].0)
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: parts[0].0)
        #expect(throws: Never.self) { try ArrowFileConcatenator.write([.init(url: parts[0].0, verified: true)], to: url) }
        #expect(throws: (any Error).self) { try ArrowFileConcatenator.write([.init(url: parts[0].0)], to: url) }
    }

    @Test("parts of another schema or other dictionaries are refused, naming the part")
    func otherSchemasAreRefused() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let parts = try Self.parts(dir, compression: .checkpointDefault)
        let other = dir.file("other.arrow")
        try ArrowFileWriter.write(Table(columns: [Column(name: "x", data: .int64([1, 2]))]), to: other,
                                  compression: .checkpointDefault)
        #expect { try ArrowFileConcatenator.write([.init(url: parts[0].0), .init(url: other)], to: dir.file("a.arrow")) } throws: { e in
            "\(e)".contains(other.path) && "\(e)".contains("fields")
        }
        var t = parts[1].1
        let k = t.columns.firstIndex { $0.name == "kommune" }!
        t.columns[k] = Column(name: "kommune", data: .dictionary(DictionaryStorage(
            indices: t.columns[k].dictionary.indices, values: Fixtures.kommuner.reversed())), validity: t.columns[k].validity)
        let reordered = dir.file("reordered.arrow")
        try ArrowFileWriter.write(t, to: reordered, compression: .checkpointDefault)
        #expect { try ArrowFileConcatenator.write([.init(url: parts[0].0), .init(url: reordered)], to: dir.file("b.arrow")) } throws: { e in
            "\(e)".contains(reordered.path) && "\(e)".contains("dictionaries")
        }
        #expect { try ArrowFileConcatenator.write([.init(url: parts[0].0, constants: ["name": 1])], to: dir.file("c.arrow")) } throws: { e in
            "\(e)".contains("no int32 column name")
        }
    }
}
