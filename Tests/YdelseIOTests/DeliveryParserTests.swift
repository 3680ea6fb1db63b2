import ColumnStore
import Foundation
import Testing
@testable import YdelseIO

@Suite struct DeliveryParserTests {
    let ky = SourceCatalog.ky

    func parse(_ path: String, _ layout: SourceLayout, month: YearMonth? = nil, output: Int = 256 << 10) -> ParsedDelivery {
        var parser = DeliveryParser(layout: layout)
        parser.inputChunkSize = 7
        parser.outputChunkSize = output
        return parser.parse(path: path, deliveryMonth: month, deliveryIndex: 3)
    }

    @Test("A good ky delivery: typed columns, nulls, provenance, schema")
    func goodDelivery() throws {
        let f = Fixtures()
        let p = f.delimited("ky/ky_202301.csv.gz", layout: ky, [
            "0101901234;KH;;2023-01-01;2023-01-31;101;N",
            "0202801234;KH;M;2025-07-01;2025-07-31;751;J",
            "0303701234;SHOP;;2023-01-10;2023-01-10;147;N",
        ])
        let d = parse(p, ky)
        #expect(d.refusal == nil)
        #expect(d.rejects.isEmpty)
        #expect(d.dataLines == 3)
        #expect(d.file == "ky_202301.csv.gz")
        let t = d.table
        #expect(t.schema == ky.extractSchema)
        #expect(t.column("pnr").int64Values == [101901234, 202801234, 303701234])
        #expect(t.texts("ydelse") == ["KH", "KH", "SHOP"])
        #expect(t.texts("sats") == [nil, "M", nil])
        #expect(t.column("sats").validity?.nullCount == 2)
        #expect(t.column("fra").dateValues == [day("2023-01-01"), day("2025-07-01"), day("2023-01-10")])
        #expect(t.texts("kommune") == ["101", "751", "147"])
        #expect(t.texts("loentilskud") == ["N", "J", "N"])
        #expect(t.column("_delivery").int32Values == [3, 3, 3])
        #expect(ExtractLines.decode(t.column("_line")) == [2, 3, 4])
        // The dictionaries are the fixed declared lists, shared by every file.
        #expect(t.column("ydelse").dictionary.values == ["KH", "UH", "SHO", "SHOP", "REV", "FREV", "RES", "JAF", "LED", "SKH", "FTP"])
        #expect(t.column("kommune").dictionary.values.count == 98)
    }

    @Test("Every reject reason, with its line number and raw text; rejected lines add no row")
    func rejectReasons() throws {
        let f = Fixtures()
        var lines = [
            "0101901234;KH;;2023-01-01;2023-01-31;101;N",        // 2 good
            "0101901234;KH;;2023-01-01;2023-01-31;101",          // 3 wrong field count
            "0101901234;KH;;2021-02-30;2021-03-31;101;N",        // 4 bad date
            "010190123;KH;;2023-01-01;2023-01-31;101;N",         // 5 bad pnr
            "01019012x4;KH;;2023-01-01;2023-01-31;101;N",        // 6 bad pnr
            "0101901234;XX;;2023-01-01;2023-01-31;101;N",        // 7 unknown code
            "0101901234;KH;;2023-01-01;2023-01-31;999;N",        // 8 unknown kommune
            "0101901234;KH;;2023-02-01;2023-01-31;101;N",        // 9 end before start
            "0101901234;KH;;;2023-01-31;101;N",                  // 10 missing value
            "0101901234;UH;;2025-06-15;2025-07-01;101;N",        // 11 SPELL-7
            "0101901234;SHO;;2025-06-01;2025-06-30;101;N",       // 12 good: SHO up to 2025-06-30
            "0101901234;KH;;2023-01-01;2023-01-31;101;N;",       // 13 wrong field count (8)
            "",                                                  // 14 wrong field count (1)
        ]
        lines.append("0101901234;KH;X;2023-01-01;2023-01-31;101;N")   // 15 unknown code (sats)
        var text = ([ky.header] + lines).joined(separator: "\n") + "\n"
        // 16: invalid UTF-8 (a lone 0xFF byte).
        var bytes = Array(text.utf8) + Array("0101901234;KH;;2023-01-01;2023-01-31;10".utf8) + [0xFF] + Array(";N\n".utf8)
        text = "*EOF*;\(lines.count + 1)\n"
        bytes += Array(text.utf8)
        let p = f.gzip("ky_202301.csv.gz", bytes: bytes)
        let d = parse(p, ky)
        #expect(d.refusal == nil)
        #expect(d.dataLines == 15)
        #expect(ExtractLines.decode(d.table.column("_line")) == [2, 12])
        let got = d.rejects.map { ($0.line, $0.phrase) }
        let expected: [(Int, String)] = [
            (3, "wrong field count"), (4, "bad date"), (5, "bad pnr"), (6, "bad pnr"), (7, "unknown code"),
            (8, "unknown code"), (9, "end before start"), (10, "missing value"),
            (11, "UH or SHO paid after 2025-06-30 (SPELL-7)"), (13, "wrong field count"), (14, "wrong field count"),
            (15, "unknown code"), (16, "invalid UTF-8"),
        ]
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
        #expect(d.rejects.allSatisfy { $0.source == "ky" && $0.file == "ky_202301.csv.gz" })
        #expect(d.rejects[0].raw == "0101901234;KH;;2023-01-01;2023-01-31;101")
        #expect(d.rejects[0].reason == "wrong field count: 6 fields, expected 7")
        #expect(d.rejects[1].reason == "bad date: fra")
        #expect(d.rejects[5].reason == "unknown code: kommune")
        #expect(d.rejects[6].reason == "end before start: til before fra")
        #expect(d.rejects[7].reason == "missing value: fra")
        #expect(d.rejects[10].raw == "")
        #expect(d.rejects[12].raw == "0101901234;KH;;2023-01-01;2023-01-31;10\\xFF;N")   // the byte kept as \xNN (RawLine)
        #expect(d.rejects.allSatisfy { !$0.reason.contains(";") })
    }

    @Test("Decimal comma hours, months as their first day, bad numbers")
    func eindkomst() throws {
        let f = Fixtures()
        let layout = SourceCatalog.eindkomst
        let p = f.delimited("e.csv.gz", layout: layout, [
            "0101901234;2023-01;160,33",
            "0101901234;2023-02;160",
            "0101901234;2023-03;160,5",
            "0101901234;2023-04;0,07",
            "0101901234;2023-05;1,234",   // 6: three decimals
            "0101901234;2023-06;abc",     // 7
            "0101901234;2023-07;12,",     // 8
            "0101901234;2023-08;,5",      // 9
            "0101901234;2023-09;12.5",    // 10: decimal point
            "0101901234;2023-13;12",      // 11: bad month
            "0101901234;2023-10;9999999,99",   // the largest: 7 digits before the comma (int32 hundredths)
            "0101901234;2023-11;10000000",     // 13: 8 digits
        ])
        let d = parse(p, layout)
        #expect(d.table.column("loentimer").type == .int32)
        #expect(d.table.column("loentimer").int32Values == [16033, 16000, 16050, 7, 999_999_999])
        #expect(d.table.column("maaned").dateValues == [day("2023-01-01"), day("2023-02-01"), day("2023-03-01"), day("2023-04-01"), day("2023-10-01")])
        #expect(d.rejects.map(\.line) == [6, 7, 8, 9, 10, 11, 13])
        #expect(d.rejects.map(\.phrase) == ["bad number", "bad number", "bad number", "bad number", "bad number", "bad date", "bad number"])
    }

    @Test("Optional fields become null; text fields are stored as UTF-8; non-ASCII text is fine")
    func optionalAndText() throws {
        let f = Fixtures()
        let layout = SourceCatalog.maalgruppe
        let p = f.delimited("m.csv.gz", layout: layout, [
            "0101901234;P-1;2023-01-01;;1;J",
            "0101901234;Pø-2;2023-01-01;2023-03-31;12;",
        ])
        let d = parse(p, layout)
        #expect(d.rejects.isEmpty)
        #expect(d.table.texts("periode_id") == ["P-1", "Pø-2"])
        #expect(d.table.texts("til") == [nil, "2023-03-31"])
        #expect(d.table.texts("visitation") == ["J", nil])
        #expect(d.table.schema == layout.extractSchema)
        #expect(d.table.column("til").validity != nil)
        #expect(d.table.column("fra").validity == nil)
    }

    @Test("CRLF deliveries parse exactly like LF ones, also with lines split across chunks")
    func crlf() throws {
        let f = Fixtures()
        let rows = (0..<50).map { "01019012\(10 + $0);KH;;2023-01-01;2023-01-31;101;N" }
        let lf = parse(f.delimited("lf.csv.gz", layout: ky, rows), ky, output: 3)
        let crlf = parse(f.delimited("crlf.csv.gz", layout: ky, rows, lineEnd: "\r\n"), ky, output: 3)
        #expect(lf.refusal == nil && crlf.refusal == nil)
        #expect(crlf.rejects.isEmpty)
        #expect(crlf.table.column("pnr").int64Values == lf.table.column("pnr").int64Values)
        #expect(ExtractLines.decode(crlf.table.column("_line")) == Array(2...51))
    }

    /// Rows, rejects (line, reason, raw), data lines and refusal of a parse, for comparing two parses.
    func summary(_ d: ParsedDelivery) -> String {
        let columns = d.table.schema.fields.map { f in "\(f.name)=\(d.table.texts(f.name).map { $0 ?? "∅" })" }
        let rejects = d.rejects.map { "\($0.line)|\($0.reason)|\($0.raw)" }
        return "\(columns)\n\(rejects)\n\(d.dataLines) \(d.refusal?.message ?? "-")"
    }

    @Test("Every chunk boundary: lines, CRLF, multi-byte UTF-8, rejects and the trailer split anywhere parse as in one chunk")
    func chunkBoundaries() throws {
        let f = Fixtures()
        let layout = SourceCatalog.maalgruppe
        let lines = [
            "0101901234;Pø-1;2023-01-01;;1;J",                  // 2 good, 'ø' is two bytes
            "0101901234;P€-2;2023-01-01;2023-03-31;12;",        // 3 good, '€' is three bytes
            "0101901234;P😀;2023-01-01;2023-03-31;12;J",        // 4 good, four bytes
            "0101901234;P-4;2023-01-01;2023-03-31;12",          // 5 wrong field count
            "",                                                 // 6 wrong field count
            "0101901234;P-6;2023-13-01;;1;J",                   // 7 bad date
            "*0101901234;P-7;2023-01-01;;1;J",                  // 8 not a trailer: bad pnr
            "*EOF0101901234;P-8;2023-01-01;;1;J",               // 9 not a trailer either
            "0101901234;P-9;2023-01-01;;1;J;;;;",               // 10 too many fields
            "0101901234;a\rb;2023-01-01;;1;J",                 // 11 good: a CR inside a line stays
        ]
        var bytes = Array(([layout.header] + lines).joined(separator: "\r\n").utf8) + Array("\r\n".utf8)
        bytes += Array("0101901234;P".utf8) + [0xC3] + Array(";2023-01-01;;1;J\r\n".utf8)      // 12 invalid UTF-8 (cut 'ø')
        bytes += Array("0101901234;P".utf8) + [0xE2, 0x82, 0x41] + Array(";2023-01-01;;1;J\n".utf8)   // 13 invalid UTF-8
        bytes += Array("*EOF*;12\r\n".utf8)
        let p = f.gzip("maalgruppe_202301.csv.gz", bytes: bytes)
        let whole = parse(p, layout)
        #expect(whole.refusal == nil)
        #expect(whole.dataLines == 12)
        #expect(whole.table.texts("periode_id") == ["Pø-1", "P€-2", "P😀", "a\rb"])
        #expect(whole.rejects.map(\.line) == [5, 6, 7, 8, 9, 10, 12, 13])
        #expect(whole.rejects.map(\.phrase) == ["wrong field count", "wrong field count", "bad date", "bad pnr", "bad pnr",
                                                 "wrong field count", "invalid UTF-8", "invalid UTF-8"])
        #expect(whole.rejects[0].raw == lines[3])
        let expected = summary(whole)
        for output in 1...41 {
            #expect(summary(parse(p, layout, output: output)) == expected, "output chunk size \(output)")
        }
        // Without the final line end, and with lines after the trailer.
        let noFinalLF = f.gzip("maalgruppe_202302.csv.gz", bytes: Array(bytes.dropLast(2)))
        #expect(summary(parse(noFinalLF, layout, output: 5)) == expected)
        let after = f.gzip("maalgruppe_202303.csv.gz", bytes: bytes + Array("x\n".utf8))
        for output in [1, 2, 3, 7, 256 << 10] {
            #expect(parse(after, layout, output: output).refusal?.message == "line \(lines.count + 5) follows the trailer")
        }
    }

    @Test("FLEUR records split across chunks anywhere, with CRLF, short, long and non-ASCII records")
    func fleurChunkBoundaries() throws {
        let f = Fixtures()
        let layout = SourceCatalog.fleur
        let records = [
            Fleur.record(),
            Fleur.record(pnr: "0202801234", akasse: "30"),
            Fleur.record() + "X",                                // wrong record length
            "1001",                                              // wrong record length
            "",                                                  // wrong record length
            Fleur.record(pnr: "01019012x4"),                     // bad pnr
            String(Fleur.record().dropLast(2)) + "ø",            // good: 80 bytes, a two-byte character in the filler
            "999" + String(Fleur.record().dropFirst(3)),         // not a trailer: unknown record type
            Fleur.record(akasse: "31"),                          // unknown code
        ]
        let text = ([Fleur.start()] + records + [Fleur.trailer(records.count)]).joined(separator: "\r\n") + "\r\n"
        let p = f.gzip("fleur_202301.dat.gz", text)
        let whole = parse(p, layout, month: YearMonth(year: 2023, month: 1))
        #expect(whole.refusal == nil)
        #expect(whole.dataLines == records.count)
        #expect(whole.table.column("pnr").int64Values == [101901234, 202801234, 101901234])
        #expect(whole.rejects.map(\.line) == [4, 5, 6, 7, 9, 10])
        #expect(whole.rejects.map(\.phrase) == ["wrong record length", "wrong record length", "wrong record length", "bad pnr",
                                                 "unknown code", "unknown code"])
        let expected = summary(whole)
        for output in 1...90 {
            #expect(summary(parse(p, layout, month: YearMonth(year: 2023, month: 1), output: output)) == expected,
                    "output chunk size \(output)")
        }
    }

    @Test("Missing trailer, wrong count, wrong header, lines after the trailer: refused, naming the file")
    func refusals() throws {
        let f = Fixtures()
        let row = "0101901234;KH;;2023-01-01;2023-01-31;101;N"
        let bad = "0101901234;KH;;2023-01-01;2023-01-31;101"

        let missing = parse(f.delimited("ky_202301.csv.gz", layout: ky, [row, row], trailer: false), ky)
        #expect(missing.refusal?.description == "ky_202301.csv.gz: missing trailer")
        #expect(missing.table.rowCount == 2)   // rows kept for a caller accepting partial data

        // Rejected lines count in the trailer: 2 lines, 1 rejected, trailer 2 is right; 3 is wrong.
        let rightCount = parse(f.delimited("ky_202302.csv.gz", layout: ky, [row, bad]), ky)
        #expect(rightCount.refusal == nil)
        let wrongCount = parse(f.delimited("ky_202303.csv.gz", layout: ky, [row, bad], trailerCount: 3), ky)
        #expect(wrongCount.refusal?.description == "ky_202303.csv.gz: trailer count 3 does not match 2 data lines")
        #expect(wrongCount.refusal?.path.hasSuffix("/ky_202303.csv.gz") == true)

        let header = f.gzip("ky_202304.csv.gz", "pnr;ydelse;fra;til\n\(row)\n*EOF*;1\n")
        let h = parse(header, ky)
        #expect(h.refusal?.file == "ky_202304.csv.gz")
        #expect(h.refusal?.message.hasPrefix("header does not match") == true)
        #expect(h.table.rowCount == 0)

        let after = f.gzip("ky_202305.csv.gz", "\(ky.header)\n\(row)\n*EOF*;1\n\(row)\n")
        #expect(parse(after, ky).refusal?.description == "ky_202305.csv.gz: line 4 follows the trailer")

        let malformed = f.gzip("ky_202306.csv.gz", "\(ky.header)\n\(row)\n*EOF*;x\n")
        #expect(parse(malformed, ky).refusal?.message.hasPrefix("malformed trailer at line 3") == true)

        let empty = f.gzip("ky_202307.csv.gz", "")
        #expect(parse(empty, ky).refusal?.message == "empty delivery: no header")
    }

    @Test("A truncated or corrupt gzip stream refuses the delivery; rows read before are kept")
    func brokenStream() throws {
        let f = Fixtures()
        let rows = (0..<3000).map { "01019\(String(format: "%05d", $0));KH;;2023-01-01;2023-01-31;101;N" }
        let p = f.delimited("ky_202301.csv.gz", layout: ky, rows)
        let full = f.bytes(p)
        f.write(p, bytes: Array(full.prefix(full.count / 2)))
        let d = parse(p, ky)
        #expect(d.refusal?.description == "ky_202301.csv.gz: truncated gzip stream at byte \(full.count / 2)")
        #expect(d.table.rowCount > 0 && d.table.rowCount < 3000)
        #expect(d.rejects.isEmpty)   // the cut line is not handed out as a bad record

        var corrupt = full
        corrupt[full.count / 2] ^= 0xFF
        corrupt[full.count / 2 + 1] ^= 0xFF
        f.write(p, bytes: corrupt)
        let c = parse(p, ky)
        #expect(c.refusal?.message.hasPrefix("corrupt gzip stream at byte") == true)
    }

    // MARK: FLEUR

    @Test("FLEUR: start record, data records at their positions, trailer")
    func fleur() throws {
        let f = Fixtures()
        let layout = SourceCatalog.fleur
        let p = f.gzip("fleur_202301.dat.gz", Fleur.file([
            Fleur.record(),
            Fleur.record(pnr: "0202801234", akasse: "30", type: "07", timer: "0000750", fradrag: "0000125",
                         forsikring: "D", kommune: "751", fortegn: "-"),
            Fleur.record(fra: "20230230"),              // 4 bad date
            Fleur.record(akasse: "31"),                 // 5 unknown code
            Fleur.record(akasse: "  "),                 // 6 missing value
            Fleur.record(timer: "00160,3"),             // 7 bad number
            Fleur.record() + "X",                       // 8 wrong record length
            "1001",                                     // 9 wrong record length
            "2001" + Fleur.record().dropFirst(4),       // 10 wrong record type
            Fleur.record(fra: "20230201", til: "20230131"),  // 11 end before start
        ]))
        let d = parse(p, layout, month: YearMonth(year: 2023, month: 1))
        #expect(d.refusal == nil)
        #expect(d.dataLines == 10)
        #expect(d.table.schema == layout.extractSchema)
        #expect(!d.table.schema.fields.contains { $0.name == "recordtype" })
        #expect(d.table.column("pnr").int64Values == [101901234, 202801234])
        #expect(d.table.texts("akasse") == ["01", "30"])
        #expect(d.table.column("periode_fra").dateValues == [day("2023-01-01"), day("2023-01-01")])
        #expect(d.table.texts("ydelsestype") == ["01", "07"])
        #expect(d.table.column("timer").int32Values == [16033, 750])
        #expect(d.table.column("fradragstimer").int32Values == [0, 125])
        #expect(d.table.texts("forsikring") == ["H", "D"])
        #expect(d.table.texts("kommune") == ["101", "751"])
        #expect(d.table.column("udbetalingsdato").dateValues == [day("2023-02-05"), day("2023-02-05")])
        #expect(d.table.texts("fortegn") == ["+", "-"])
        #expect(ExtractLines.decode(d.table.column("_line")) == [2, 3])
        #expect(d.rejects.map(\.line) == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(d.rejects.map(\.phrase) == ["bad date", "unknown code", "missing value", "bad number",
                                             "wrong record length", "wrong record length", "unknown code", "end before start"])
        #expect(d.rejects[4].reason == "wrong record length: 81 bytes, expected 80")
        #expect(d.rejects[6].reason == "unknown code: recordtype (expected 1001)")
    }

    @Test("FLEUR refusals: trailer count, missing trailer, missing start record, month mismatch")
    func fleurRefusals() throws {
        let f = Fixtures()
        let layout = SourceCatalog.fleur
        let jan = YearMonth(year: 2023, month: 1)
        let records = Array(repeating: Fleur.record(), count: 119)

        let count = parse(f.gzip("fleur_202301.dat.gz", Fleur.file(records, trailerCount: 120)), layout, month: jan)
        #expect(count.refusal?.description == "fleur_202301.dat.gz: trailer count 120 does not match 119 data records")

        let noTrailer = f.gzip("fleur_202302.dat.gz", ([Fleur.start()] + records).joined(separator: "\n") + "\n")
        #expect(parse(noTrailer, layout).refusal?.description == "fleur_202302.dat.gz: missing trailer")

        let noStart = f.gzip("fleur_202303.dat.gz", (records + [Fleur.trailer(119)]).joined(separator: "\n") + "\n")
        #expect(parse(noStart, layout).refusal?.message.hasPrefix("missing start record") == true)

        let otherMonth = parse(f.gzip("fleur_202304.dat.gz", Fleur.file(records)), layout, month: YearMonth(year: 2023, month: 4))
        #expect(otherMonth.refusal?.message == "start record is for 202301, the file name says 202304")

        let shortTrailer = f.gzip("fleur_202305.dat.gz", ([Fleur.start()] + records + ["99990000000119"]).joined(separator: "\n"))
        #expect(parse(shortTrailer, layout).refusal?.message.hasPrefix("malformed trailer") == true)

        let good = parse(f.gzip("fleur_202306.dat.gz", Fleur.file(records)), layout, month: jan)
        #expect(good.refusal == nil)
        #expect(good.table.rowCount == 119)
    }
}
