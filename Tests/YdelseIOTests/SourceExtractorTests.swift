import ColumnStore
import Foundation
import Testing
@testable import YdelseIO

@Suite struct SourceExtractorTests {
    let ky = SourceCatalog.ky

    func row(_ pnr: Int, _ kommune: String = "101") -> String {
        String(format: "%010d", pnr) + ";KH;;2023-01-01;2023-01-31;\(kommune);N"
    }

    @Test("Deliveries up to M in month order; later months and other names ignored")
    func listing() throws {
        let f = Fixtures()
        for m in ["202303", "202301", "202212", "202302"] {
            f.delimited("ky/ky_\(m).csv.gz", layout: ky, [row(1)])
        }
        for other in ["ky/ky_2023.csv.gz", "ky/ky_202301.csv", "ky/ky_202301.dat.gz", "ky/notes.txt",
                      "ky/ky_202313.csv.gz", "ky/kyx_202301.csv.gz", "ky/fleur_202301.csv.gz"] {
            f.gzip(other, "junk")
        }
        let extractor = SourceExtractor(dataDirectory: f.directory)
        let list = try extractor.deliveries(of: ky, upTo: YearMonth(year: 2023, month: 2))
        #expect(list.map(\.file) == ["ky_202212.csv.gz", "ky_202301.csv.gz", "ky_202302.csv.gz"])
        #expect(list.map(\.month) == [YearMonth(year: 2022, month: 12), YearMonth(year: 2023, month: 1), YearMonth(year: 2023, month: 2)])
        let e = extractor.extract(ky, upTo: YearMonth(year: 2023, month: 2))
        #expect(e.isComplete)
        #expect(e.table.rowCount == 3)
        #expect(e.deliveries.map(\.index) == [0, 1, 2])
    }

    @Test("Buffers reused across deliveries of very different sizes give the rows of each delivery parsed alone")
    func reusedBuffers() throws {
        let f = Fixtures()
        let samtale = SourceCatalog.samtale
        let months = (1...24).map { YearMonth(year: 2021 + ($0 - 1) / 12, month: ($0 - 1) % 12 + 1) }
        for (i, m) in months.enumerated() {
            // Alternating large and tiny deliveries; ids of varying length, akasse sometimes empty.
            let count = i % 2 == 0 ? 700 + i * 13 : i % 5
            let lines = (0..<count).map { k in
                let id = "S\(i)-" + String(repeating: "x", count: (k * 7 + i) % 23)
                return String(format: "%010d", 1_000 + (k * 31 + i) % 997) + ";\(id);2022-03-0\(k % 9 + 1);JOB;P;JC;J;101;"
                    + (k % 3 == 0 ? "" : "0\(k % 9 + 1)")
            }
            f.delimited("samtale/" + samtale.fileName(for: m), layout: samtale, lines)
        }
        let e = SourceExtractor(dataDirectory: f.directory).extract(samtale, upTo: months.last!)
        #expect(e.isComplete)
        let parser = DeliveryParser(layout: samtale)
        let alone = Table.concatenate(e.deliveries.map { d in
            parser.parse(path: d.path, deliveryMonth: d.month, deliveryIndex: Int32(d.index)).table
        })
        #expect(e.table.rowCount == alone.rowCount)
        #expect(e.table.rowCount == (0..<24).reduce(0) { $0 + ($1 % 2 == 0 ? 700 + $1 * 13 : $1 % 5) })
        for (a, b) in zip(e.table.columns, alone.columns) {
            #expect(a.name == b.name)
            #expect(a.validity == b.validity, "validity of \(a.name)")
            #expect((0..<a.count).allSatisfy { a.text(at: $0) == b.text(at: $0) }, "values of \(a.name)")
        }
    }

    @Test("_delivery and _line are right across many files parsed in parallel")
    func provenance() throws {
        let f = Fixtures()
        let months = (1...12).map { YearMonth(year: 2022, month: $0) }
        for (i, m) in months.enumerated() {
            // Delivery i has i + 1 good rows, with a reject on line 3 when i is even.
            var lines = (0...i).map { row(i * 100 + $0) }
            if i % 2 == 0 { lines.insert("bad;line", at: 1) }
            f.delimited("ky/" + ky.fileName(for: m), layout: ky, lines, lineEnd: i % 3 == 0 ? "\r\n" : "\n")
        }
        var extractor = SourceExtractor(dataDirectory: f.directory)
        extractor.inputChunkSize = 16
        extractor.outputChunkSize = 5
        let e = extractor.extract(ky, upTo: YearMonth(year: 2022, month: 12))
        #expect(e.isComplete)
        #expect(e.table.schema == ky.extractSchema)

        var pnr: [Int64] = [], delivery: [Int32] = [], line: [Int32] = []
        for i in 0..<12 {
            for k in 0...i {
                pnr.append(Int64(i * 100 + k))
                delivery.append(Int32(i))
                line.append(Int32(k == 0 || i % 2 == 1 ? k + 2 : k + 3))
            }
        }
        #expect(e.table.column("pnr").int64Values == pnr)
        #expect(e.table.column("_delivery").int32Values == delivery)
        #expect(ExtractLines.decode(e.table.column("_line")) == line)
        #expect(e.rejects.map(\.file) == months.enumerated().filter { $0.offset % 2 == 0 }.map { ky.fileName(for: $0.element) })
        #expect(e.rejects.allSatisfy { $0.line == 3 && $0.raw == "bad;line" })
        #expect(e.deliveries[3].rows == 6..<10)
        #expect(e.deliveries[4].dataLines == 6)
        #expect(e.deliveries[4].rejects == 1)
        #expect(e.deliveries.allSatisfy { $0.inflatedBytes > 0 && $0.compressedBytes > 0 })
    }

    @Test("A missing source folder is an empty table with the extract schema")
    func missingFolder() {
        let f = Fixtures()
        let e = SourceExtractor(dataDirectory: f.directory).extract(SourceCatalog.fleur, upTo: YearMonth(year: 2023, month: 1))
        #expect(e.isComplete)
        #expect(e.table.rowCount == 0)
        #expect(e.table.schema == SourceCatalog.fleur.extractSchema)
    }

    @Test("A refused delivery is reported, not thrown; its rows are kept and marked")
    func refusedDelivery() throws {
        let f = Fixtures()
        f.delimited("ky/ky_202301.csv.gz", layout: ky, [row(1), row(2)])
        f.delimited("ky/ky_202302.csv.gz", layout: ky, [row(3)], trailerCount: 5)
        f.delimited("ky/ky_202303.csv.gz", layout: ky, [row(4)])
        let e = SourceExtractor(dataDirectory: f.directory).extract(ky, upTo: YearMonth(year: 2023, month: 3))
        #expect(!e.isComplete)
        #expect(e.refusals.map(\.description) == ["ky_202302.csv.gz: trailer count 5 does not match 1 data lines"])
        #expect(e.table.column("pnr").int64Values == [1, 2, 3, 4])
        #expect(e.deliveries.map { $0.refusal != nil } == [false, true, false])
        #expect(e.deliveries[1].rows == 2..<3)
    }

    @Test("Dictionary columns of several deliveries share one dictionary")
    func dictionaries() throws {
        let f = Fixtures()
        f.delimited("ky/ky_202301.csv.gz", layout: ky, [row(1, "751")])
        f.delimited("ky/ky_202302.csv.gz", layout: ky, [row(2, "101")])
        let e = SourceExtractor(dataDirectory: f.directory).extract(ky, upTo: YearMonth(year: 2023, month: 2))
        #expect(e.table.texts("kommune") == ["751", "101"])
        #expect(e.table.texts("sats") == [nil, nil])
    }
}

@Suite struct RejectWriterTests {
    @Test("rejects/SOURCE.csv: header, one row per reject, raw kept whole and quoted by RFC 4180 when it holds ; or \"")
    func table() throws {
        let rejects = [
            Reject(source: "ky", file: "ky_202301.csv.gz", line: 3, reason: "wrong field count: 6 fields, expected 7",
                   raw: "0101901234;KH;;2023-01-01;2023-01-31;101"),
            Reject(source: "ky", file: "ky_202301.csv.gz", line: 16, reason: "invalid UTF-8", raw: RawLine.escape([0x61, 0xFF, 0x62])),
            Reject(source: "ky", file: "ky_202301.csv.gz", line: 17, reason: "bad pnr", raw: "x\"y"),
        ]
        let text = RejectWriter.table(rejects).text
        #expect(text == """
            source;file;line;reason;raw
            ky;ky_202301.csv.gz;3;wrong field count: 6 fields, expected 7;"0101901234;KH;;2023-01-01;2023-01-31;101"
            ky;ky_202301.csv.gz;16;invalid UTF-8;a\\xFFb
            ky;ky_202301.csv.gz;17;bad pnr;"x""y"

            """)
        #expect(RejectWriter.table([]).text == "source;file;line;reason;raw\n")
    }

    @Test("RawLine: invalid UTF-8 bytes become \\xNN, a backslash \\\\, valid text stays; unescape gives the bytes back")
    func rawLineRoundTrip() {
        let cases: [[UInt8]] = [
            Array("plain;text".utf8),
            Array("Søren Ærø".utf8),
            [0x61, 0xFF, 0x62],
            [0xC3],                          // truncated two-byte sequence
            [0xE0, 0x80, 0x80],              // overlong
            [0xED, 0xA0, 0x80],              // surrogate
            Array("a\\x41b".utf8),         // a literal backslash-x in the data
            [0x00, 0x5C, 0xF0, 0x9F, 0x98, 0x80],
        ]
        for bytes in cases {
            let text = RawLine.escape(bytes)
            #expect(RawLine.unescape(text) == bytes, "\(bytes) → \(text)")
        }
        #expect(RawLine.escape(Array("Søren".utf8)) == "Søren")
        #expect(RawLine.escape([0x61, 0xFF]) == "a\\xFF")
        #expect(RawLine.escape(Array("a\\b".utf8)) == "a\\\\b")
    }
}

@Suite struct ExtractTextAndNullsTests {
    @Test("Text and nullable columns are joined correctly across deliveries (offsets rebased, validity bits placed)")
    func textAcrossDeliveries() throws {
        let f = Fixtures()
        let layout = SourceCatalog.tilbud
        // pnr;tilbud_id;kategori;fra;til;kommune;akasse
        f.delimited("tilbud/tilbud_202301.csv.gz", layout: layout, [
            "0000000001;T-1;VO;2023-01-01;;101;",
            "0000000002;T-22;VP;2023-01-01;2023-01-31;147;03",
            "0000000003;T-bad;XX;2023-01-01;;101;",                       // rejected: its text must not stay
        ])
        f.delimited("tilbud/tilbud_202302.csv.gz", layout: layout, (0..<9).map {
            "00000001\($0)0;Tø-\($0);LT;2023-02-01;\($0 % 3 == 0 ? "" : "2023-02-28");751;\($0 % 2 == 0 ? "" : "09")"
        })
        let e = SourceExtractor(dataDirectory: f.directory).extract(layout, upTo: YearMonth(year: 2023, month: 2))
        #expect(e.isComplete)
        #expect(e.rejects.map(\.line) == [4])
        #expect(e.table.texts("tilbud_id") == ["T-1", "T-22"] + (0..<9).map { "Tø-\($0)" })
        #expect(e.table.texts("til") == [nil, "2023-01-31"] + (0..<9).map { $0 % 3 == 0 ? nil : "2023-02-28" })
        #expect(e.table.texts("akasse") == [nil, "03"] + (0..<9).map { $0 % 2 == 0 ? nil : "09" })
        #expect(e.table.column("_delivery").int32Values == [0, 0] + Array(repeating: 1, count: 9))
        #expect(ExtractLines.decode(e.table.column("_line")) == [2, 3] + (2...10).map(Int32.init))
        #expect(e.table.schema == layout.extractSchema)
    }

    @Test("Rows grow past the initial buffer capacity")
    func manyRows() throws {
        let f = Fixtures()
        let layout = SourceCatalog.samtale
        let rows = (0..<5000).map { "\(String(format: "%010d", $0));S\($0);2023-01-05;JOB;P;JC;J;101;" }
        let p = f.delimited("samtale_202301.csv.gz", layout: layout, rows)
        let d = DeliveryParser(layout: layout).parse(path: p)
        #expect(d.refusal == nil)
        #expect(d.table.rowCount == 5000)
        #expect(d.table.column("pnr").int64Values == (0..<5000).map(Int64.init))
        #expect(d.table.texts("samtale_id").last == "S4999")
        #expect(d.table.column("akasse").validity?.nullCount == 5000)
    }
}
