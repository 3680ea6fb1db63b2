import ColumnStore
import Foundation
import ReferenceData

/// The persons or forløb whose rows differ between two runs, with both versions of each row,
/// so that a changed cell can name the units that land in it.
struct MovedUnits {
    /// A moved unit: its id and its row on each side (column → value; nil when absent there).
    struct Unit {
        var id: String
        var old: [String: String]?
        var new: [String: String]?
        var versions: [[String: String]] { [old, new].compactMap { $0 } }
    }

    var units: [Unit]

    /// Persons whose `jobsamtaler/maalte` rows (one per person and group) differ.
    static func persons(_ a: RunFolder, _ b: RunFolder) throws -> MovedUnits {
        guard let (ta, tb) = try a.changedCheckpoints(b, "jobsamtaler", "maalte") else { return MovedUnits(units: []) }
        return moved(ta, tb, key: ["pnr", "ydelsesgruppe"], id: "pnr")
    }

    /// Forløb whose normalised `forsoeg` row or experiment facts differ.
    static func forloeb(_ a: RunFolder, _ b: RunFolder) throws -> MovedUnits {
        var all: [String: Unit] = [:]
        var tables: [(String, String)] = [("normalise", "forsoeg"), ("forsoegsperiode", "forsoegsperiode")]
        for stage in a.manifest.stages.map(\.name) where !stage.hasPrefix("extract_") && stage != "normalise" && stage != "forsoegsperiode" {
            let dir = a.url.appendingPathComponent("checkpoints/\(stage)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for n in names.sorted() where n.hasSuffix(".arrow") { tables.append((stage, String(n.dropLast(6)))) }
        }
        // A table the same in both folders moves nothing.
        for (stage, table) in tables {
            guard let (ta, tb) = try a.changedCheckpoints(b, stage, table) else { continue }
            guard (ta ?? tb)?["forloeb_id"] != nil else { continue }
            for u in moved(ta, tb, key: ["forloeb_id"], id: "forloeb_id").units {
                var m = all[u.id] ?? Unit(id: u.id, old: nil, new: nil)
                if let o = u.old { m.old = (m.old ?? [:]).merging(o) { x, _ in x } }
                if let n = u.new { m.new = (m.new ?? [:]).merging(n) { x, _ in x } }
                all[u.id] = m
            }
        }
        return MovedUnits(units: all.values.sorted { $0.id < $1.id })
    }

    static func moved(_ a: Table?, _ b: Table?, key: [String], id: String) -> MovedUnits {
        func rows(_ t: Table?) -> [[String]: [String: String]] {
            guard let t, key.allSatisfy({ t[$0] != nil }) else { return [:] }
            var out: [[String]: [String: String]] = [:]
            for i in 0..<t.rowCount {
                var r: [String: String] = [:]
                for c in t.columns where !c.name.hasPrefix("_") { r[c.name] = c.text(at: i) ?? "" }
                if let p = r["pnr"] { r["pnr"] = PnrText.padded(p) }
                out[key.map { r[$0] ?? "" }] = r
            }
            return out
        }
        let ra = rows(a), rb = rows(b)
        var byId: [String: Unit] = [:]
        for k in Set(ra.keys).union(rb.keys) where ra[k] != rb[k] {
            let uid = (ra[k] ?? rb[k])![id] ?? ""
            var u = byId[uid] ?? Unit(id: uid, old: nil, new: nil)
            // A person with several groups: keep each group's rows apart by the group in the key.
            if let o = ra[k] { u.old = (u.old ?? [:]).merging(Self.tagged(o, k)) { x, _ in x } }
            if let n = rb[k] { u.new = (u.new ?? [:]).merging(Self.tagged(n, k)) { x, _ in x } }
            byId[uid] = u
        }
        return MovedUnits(units: byId.values.sorted { $0.id < $1.id })
    }

    /// For multi-row units the columns are kept per key (`col@key`) as well as plain.
    static func tagged(_ r: [String: String], _ k: [String]) -> [String: String] {
        var out = r
        let tag = k.joined(separator: "|")
        for (c, v) in r { out["\(c)@\(tag)"] = v }
        return out
    }

    /// The ids of the moved units whose row on either side lands in `cell`.
    func landing(in cell: CellChange, file: String) -> [String] {
        guard file == "jobsamtaler.csv" || file == "jobsamtaler_fokus.csv" else { return [] }
        return units.filter { u in
            u.versions.contains { v in Self.personRows(v).contains { Self.lands($0, in: cell, file: file) } }
        }.map(\.id)
    }

    /// Forløb landing in a Part B cell (by a-kasse, kommune name and month where the cell has them).
    func landing(in cell: CellChange) -> [String] {
        guard cell.keyValue("akasse") != nil else { return [] }
        return units.filter { u in u.versions.contains { Self.forloebLands($0, in: cell) } }.map(\.id)
    }

    /// A person's rows (one per group) out of a merged, tagged row dictionary.
    static func personRows(_ v: [String: String]) -> [[String: String]] {
        var groups: [String: [String: String]] = [:]
        for (c, val) in v {
            guard let at = c.firstIndex(of: "@") else { continue }
            groups[String(c[c.index(after: at)...]), default: [:]][String(c[..<at])] = val
        }
        return groups.isEmpty ? [v] : Array(groups.values)
    }

    static func lands(_ r: [String: String], in cell: CellChange, file: String) -> Bool {
        if let k = cell.keyValue("kommune"), k != "I alt", r["kommune"] != k { return false }
        if let g = cell.keyValue("ydelsesgruppe") {
            if g == "I alt" {
                if let all = r["alle_grupper"], all != "true" { return false }
            } else if r["ydelsesgruppe"] != g { return false }
        }
        if file == "jobsamtaler_fokus.csv" {
            return r["varighed"] == "12 måneder og derover" && r["fritaget"] != "true"
        }
        if let d = cell.keyValue("varighed"), d != "I alt" {
            let labels = [r["varighed"], r["varighed_samlet"], r["aarsbaand"]].compactMap { $0 }
            if !labels.contains(d) { return false }
        }
        return true
    }

    static func forloebLands(_ r: [String: String], in cell: CellChange) -> Bool {
        // A share's denominator spans the a-kasser (OUTPUTS.md "Share denominators"), so a
        // forløb of another a-kasse can move it.
        let share = cell.column?.hasPrefix("andel") == true
        if let a = cell.keyValue("akasse"), a != "I alt", !share {
            guard let code = r["akasse"] else { return false }
            let short = AKasse.byCode[code]?.shortName ?? code
            if short != a && code != a { return false }
        }
        if let k = cell.keyValue("kommune"), k != "I alt", let code = r["kommune"] {
            if (Kommune.byCode[code]?.name ?? code) != k { return false }
        }
        if let m = cell.keyValue("maaned"), let month = Self.month(m), let v = r["visitationsdato"].flatMap({ Day(iso: $0) }) {
            let end = r["afslutningsdato"].flatMap { Day(iso: $0) } ?? Day(rawValue: .max)
            if v > month.last || end < month.first { return false }
        }
        return true
    }

    /// `2023M06` as a month.
    static func month(_ s: String) -> YearMonth? {
        let p = s.split(separator: "M")
        guard p.count == 2, let y = Int(p[0]), let m = Int(p[1]), (1...12).contains(m) else { return nil }
        return YearMonth(year: y, month: m)
    }
}
