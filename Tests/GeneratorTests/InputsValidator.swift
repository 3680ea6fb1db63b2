import Foundation

/// An independent reading of INPUTS.md, written from the text of the contract
/// and not from YdelseIO's catalog, used to check every generated file.
struct InputsValidator {
    struct Column {
        enum Kind { case pnr, date, month, code([String]), kommune, akasse, decimal, id }
        var name: String
        var kind: Kind
        var optional = false
    }

    static let kommuner: Set<String> = [
        "101", "147", "151", "153", "155", "157", "159", "161", "163", "165", "167", "169", "173", "175", "183", "185",
        "187", "190", "201", "210", "217", "219", "223", "230", "240", "250", "253", "259", "260", "265", "269", "270",
        "306", "316", "320", "326", "329", "330", "336", "340", "350", "360", "370", "376", "390", "400", "410", "420",
        "430", "440", "450", "461", "479", "480", "482", "492", "510", "530", "540", "550", "561", "563", "573", "575",
        "580", "607", "615", "621", "630", "657", "661", "665", "671", "706", "707", "710", "727", "730", "740", "741",
        "746", "751", "756", "760", "766", "773", "779", "787", "791", "810", "813", "820", "825", "840", "846", "849",
        "851", "860",
    ]
    static let fravaerCodes = ["1", "2", "3", "4", "6", "7", "10", "11", "16", "23", "24", "43", "44", "45", "46", "47",
                               "50", "53", "65", "66", "70", "71", "72", "73", "76", "77", "78", "79", "90", "91", "92"]

    /// Delimited layouts: name → columns, and (start, end) column pairs that must not be reversed.
    static let layouts: [String: (cols: [Column], order: [(String, String)])] = [
        "taeller": ([.init(name: "pnr", kind: .pnr), .init(name: "periode_id", kind: .id), .init(name: "foerste_dag", kind: .date),
                     .init(name: "sidste_dag", kind: .date, optional: true), .init(name: "forsikring", kind: .code(["H", "D"]))],
                    [("foerste_dag", "sidste_dag")]),
        "ky": ([.init(name: "pnr", kind: .pnr),
                .init(name: "ydelse", kind: .code(["KH", "UH", "SHO", "SHOP", "REV", "FREV", "RES", "JAF", "LED", "SKH", "FTP"])),
                .init(name: "sats", kind: .code(["M", "G", "H"]), optional: true), .init(name: "fra", kind: .date),
                .init(name: "til", kind: .date), .init(name: "kommune", kind: .kommune), .init(name: "loentilskud", kind: .code(["J", "N"]))],
               [("fra", "til")]),
        "ksd": ([.init(name: "pnr", kind: .pnr), .init(name: "forloeb_id", kind: .id), .init(name: "start", kind: .date),
                 .init(name: "slut", kind: .date, optional: true), .init(name: "kommune", kind: .kommune)], [("start", "slut")]),
        "samtale": ([.init(name: "pnr", kind: .pnr), .init(name: "samtale_id", kind: .id), .init(name: "dato", kind: .date),
                     .init(name: "type", kind: .code(["JOB", "FJOB", "CV", "RAAD", "SYG"])), .init(name: "kontaktform", kind: .code(["P", "T", "D"])),
                     .init(name: "afholder", kind: .code(["JC", "AK", "AA"])), .init(name: "individuel", kind: .code(["J", "N"])),
                     .init(name: "kommune", kind: .kommune), .init(name: "akasse", kind: .akasse, optional: true)], []),
        "fravaer": ([.init(name: "pnr", kind: .pnr), .init(name: "fravaer_id", kind: .id), .init(name: "kode", kind: .code(fravaerCodes)),
                     .init(name: "fra", kind: .date), .init(name: "til", kind: .date, optional: true)], [("fra", "til")]),
        "maalgruppe": ([.init(name: "pnr", kind: .pnr), .init(name: "periode_id", kind: .id), .init(name: "fra", kind: .date),
                        .init(name: "til", kind: .date, optional: true), .init(name: "kontaktgruppe", kind: .code(["1", "2", "12"])),
                        .init(name: "visitation", kind: .code(["J", "A", "U", "OU"]), optional: true)], [("fra", "til")]),
        "tilbud": ([.init(name: "pnr", kind: .pnr), .init(name: "tilbud_id", kind: .id), .init(name: "kategori", kind: .code(["VO", "JRU", "VP", "LT", "RAT"])),
                    .init(name: "fra", kind: .date), .init(name: "til", kind: .date, optional: true), .init(name: "kommune", kind: .kommune),
                    .init(name: "akasse", kind: .akasse, optional: true)], [("fra", "til")]),
        "tilmelding": ([.init(name: "pnr", kind: .pnr), .init(name: "dato", kind: .date)], []),
        "forsoeg": ([.init(name: "pnr", kind: .pnr), .init(name: "forloeb_id", kind: .id), .init(name: "akasse", kind: .akasse),
                     .init(name: "kommune", kind: .kommune), .init(name: "visitationsdato", kind: .date),
                     .init(name: "afslutningsdato", kind: .date, optional: true),
                     .init(name: "aarsag", kind: .code(["TI", "UP", "FA", "KE", "ND", "UA"]), optional: true),
                     .init(name: "forsikring", kind: .code(["H", "D"]))], [("visitationsdato", "afslutningsdato")]),
        "person": ([.init(name: "pnr", kind: .pnr), .init(name: "foedselsdato", kind: .date)], []),
        "bopael": ([.init(name: "pnr", kind: .pnr), .init(name: "periode_id", kind: .id), .init(name: "kommune", kind: .kommune),
                    .init(name: "fra", kind: .date), .init(name: "til", kind: .date, optional: true)], [("fra", "til")]),
        "eindkomst": ([.init(name: "pnr", kind: .pnr), .init(name: "maaned", kind: .month), .init(name: "loentimer", kind: .decimal)], []),
    ]

    static func isDigits(_ s: Substring) -> Bool { !s.isEmpty && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }

    /// A real calendar date `YYYY-MM-DD`, returned as a sortable integer.
    static func date(_ s: Substring) -> Int? {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return nil }
        return compactDate(Substring(String(decoding: u[0..<4] + u[5..<7] + u[8..<10], as: UTF8.self)))
    }

    /// `YYYYMMDD` → integer, nil if no such day.
    static func compactDate(_ s: Substring) -> Int? {
        guard s.count == 8, isDigits(s), let v = Int(s) else { return nil }
        let y = v / 10000, m = (v / 100) % 100, d = v % 100
        guard m >= 1, m <= 12, d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= dim ? v : nil
    }

    static func check(_ c: Column, _ v: Substring) -> String? {
        if v.isEmpty { return c.optional ? nil : "missing \(c.name)" }
        switch c.kind {
        case .pnr: return v.count == 10 && isDigits(v) ? nil : "bad pnr \(v)"
        case .date: return date(v) == nil ? "bad date \(c.name)=\(v)" : nil
        case .month:
            let u = Array(v.utf8)
            guard u.count == 7, u[4] == 45, let m = Int(v.suffix(2)), (1...12).contains(m), isDigits(v.prefix(4)) else { return "bad month \(v)" }
            return nil
        case .code(let codes): return codes.contains(String(v)) ? nil : "unknown code \(c.name)=\(v)"
        case .kommune: return kommuner.contains(String(v)) ? nil : "unknown kommune \(v)"
        case .akasse:
            guard v.count == 2, let a = Int(v), (1...30).contains(a) else { return "bad akasse \(v)" }
            return nil
        case .decimal:
            let parts = v.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, isDigits(parts[0]), parts[1].count == 2, isDigits(parts[1]) else { return "bad decimal \(v)" }
            return nil
        case .id: return v.contains(";") ? "bad id" : nil
        }
    }

    /// Validates one decompressed delivery; returns (data rows, problems). `rows` gets every data line's fields.
    static func validate(source: String, month: String, text: Data, rows: ((([Substring]) -> Void))? = nil) -> (Int, [String]) {
        guard let s = String(data: text, encoding: .utf8) else { return (0, ["invalid UTF-8"]) }
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() } else { return (0, ["no final LF"]) }
        var problems: [String] = []
        if source == "fleur" {
            guard lines.count >= 2 else { return (0, ["too short"]) }
            for (i, l) in lines.enumerated() where l.utf8.count != 80 { problems.append("line \(i + 1): length \(l.utf8.count)") }
            let start = lines.first!
            if !start.hasPrefix("0001FLEUR" + month) { problems.append("bad start record") }
            if compactDate(start.dropFirst(15).prefix(8)) == nil { problems.append("bad creation date") }
            if !start.dropFirst(23).allSatisfy({ $0 == " " }) { problems.append("start record not blank-padded") }
            let trailer = lines.last!
            let n = lines.count - 2
            if !trailer.hasPrefix("9999") || Int(trailer.dropFirst(4).prefix(10)) != n || trailer.dropFirst(4).prefix(10).count != 10 {
                problems.append("bad trailer \(trailer.prefix(14)) for \(n) records")
            }
            for (i, l) in lines.dropFirst().dropLast().enumerated() {
                let u = Array(l.utf8)
                guard u.count == 80 else { continue }
                func f(_ a: Int, _ len: Int) -> Substring { Substring(String(decoding: u[(a - 1)..<(a - 1 + len)], as: UTF8.self)) }
                var errs: [String] = []
                if f(1, 4) != "1001" { errs.append("record type") }
                if !isDigits(f(5, 10)) { errs.append("pnr") }
                if let a = Int(f(15, 2)), (1...30).contains(a), isDigits(f(15, 2)) {} else { errs.append("akasse") }
                let fra = compactDate(f(17, 8)), til = compactDate(f(25, 8))
                if fra == nil || til == nil { errs.append("period dates") } else if til! < fra! { errs.append("end before start") }
                if !["01", "02", "03", "04", "05", "06", "07"].contains(f(33, 2)) { errs.append("ydelsestype") }
                if !isDigits(f(35, 7)) || !isDigits(f(42, 7)) { errs.append("hours") }
                if !["H", "D"].contains(f(49, 1)) { errs.append("forsikring") }
                if !kommuner.contains(String(f(50, 3))) { errs.append("kommune") }
                if compactDate(f(53, 8)) == nil { errs.append("udbetalingsdato") }
                if !["+", "-"].contains(f(61, 1)) { errs.append("fortegn") }
                if !f(62, 19).allSatisfy({ $0 == " " }) { errs.append("filler") }
                if !errs.isEmpty { problems.append("line \(i + 2): \(errs.joined(separator: ","))") }
                if let rows, errs.isEmpty {
                    rows([f(5, 10), f(15, 2), f(17, 8), f(25, 8), f(33, 2), f(35, 7), f(42, 7), f(49, 1), f(50, 3), f(53, 8), f(61, 1)])
                }
            }
            return (n, problems)
        }
        guard let layout = layouts[source] else { return (0, ["unknown source \(source)"]) }
        guard lines.count >= 2 else { return (0, ["too short"]) }
        let header = layout.cols.map(\.name).joined(separator: ";")
        if lines.first! != Substring(header) { problems.append("bad header \(lines.first!)") }
        let trailer = lines.last!
        let n = lines.count - 2
        if trailer != Substring("*EOF*;\(n)") { problems.append("bad trailer \(trailer) for \(n) rows") }
        let idx = Dictionary(uniqueKeysWithValues: layout.cols.enumerated().map { ($1.name, $0) })
        for (i, l) in lines.dropFirst().dropLast().enumerated() {
            let fields = l.split(separator: ";", omittingEmptySubsequences: false)
            guard fields.count == layout.cols.count else { problems.append("line \(i + 2): \(fields.count) fields"); continue }
            var errs: [String] = []
            for (c, v) in zip(layout.cols, fields) { if let e = check(c, v) { errs.append(e) } }
            for (a, b) in layout.order {
                if let x = date(fields[idx[a]!]), let y = date(fields[idx[b]!]), y < x { errs.append("end before start \(a)") }
            }
            if source == "ky", ["UH", "SHO"].contains(fields[1]), let til = date(fields[4]), til >= 20250701 { errs.append("UH/SHO after 2025-06-30") }
            if source == "ky", fields[2] != "", fields[1] != "KH" { errs.append("sats on non-KH") }
            if !errs.isEmpty { problems.append("line \(i + 2): \(errs.joined(separator: ","))") }
            else { rows?(fields) }
        }
        return (n, problems)
    }
}
