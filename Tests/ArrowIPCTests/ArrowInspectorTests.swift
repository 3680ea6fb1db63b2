@testable import ArrowIPC
import ColumnStore
import Foundation
import Testing

@Suite struct ArrowInspectorTests {
    @Test func describesSchemaMetadataAndFirstRows() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let table = Table(columns: [
            Column(name: "pnr", data: .int64([101, 2, 30_000]), validity: nil),
            Column(name: "kommune", data: .dictionary(DictionaryStorage(indices: [0, 1, 0], values: ["Ærø", "Høje-Taastrup"])),
                   validity: Validity([true, true, false])),
            Column(name: "fra", data: .date32([19_000, 0, 1]), validity: nil),
            Column(name: "aktiv", data: .bool([true, false, true]), validity: Validity([true, false, true])),
        ])
        let url = dir.file("stage.arrow")
        try ArrowFileWriter.write(table, to: url, metadata: ["stage": "normalise", "fingerprint": "f00d"], batchRows: 2)
        let text = try ArrowInspector.describe(url: url, rows: 10)
        let expected = """
            File: \(url.path)
            Schema (4 columns):
              pnr: int64
              kommune: dictionary, nullable
              fra: date32
              aktiv: bool, nullable
            Metadata:
              fingerprint = f00d
              stage = normalise
            Rows: 3 in 2 record batches
            All rows:
              pnr | kommune       | fra        | aktiv
            ------+---------------+------------+------
              101 | Ærø           | 2022-01-08 | true
                2 | Høje-Taastrup | 1970-01-01 | ∅
            30000 | ∅             | 1970-01-02 | true

            """
        #expect(text == expected, "got:\n\(text)")

        let head = try ArrowInspector.describe(url: url, rows: 1)
        #expect(head.contains("Rows: 3 in 2 record batches\nFirst 1 rows:\n"))
        #expect(!head.contains("30000"))
    }

    @Test func describesEmptyFileAndReportsBadFiles() throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("empty.arrow")
        try ArrowFileWriter.write(Table(empty: Schema([Field("x", .utf8, nullable: true)])), to: url)
        let text = try ArrowInspector.describe(url: url)
        #expect(text.contains("  x: utf8, nullable\nMetadata: none\nRows: 0 in 1 record batch\n"))

        let bad = dir.file("bad.arrow")
        try Data("hello".utf8).write(to: bad)
        #expect { try ArrowInspector.describe(url: bad) } throws: { e in
            "\(e)".contains("bad.arrow") && "\(e)".contains("not an Arrow IPC file")
        }
    }
}
