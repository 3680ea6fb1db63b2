import ColumnStore

/// Row-level comparison of one normalised source between two runs.
enum SourceRows {
    struct Outcome {
        var added = 0, removed = 0, replaced = 0
        var persons: [String] = []
    }

    /// The row of `t` at `i` as comparable text, provenance columns (`_delivery`, `_tie`) left out.
    static func content(_ t: Table, _ i: Int) -> String {
        t.columns.filter { !$0.name.hasPrefix("_") }.map { $0.text(at: i) ?? "∅" }.joined(separator: "\u{1F}")
    }

    /// The pnr of row `i` as 10 digits (int64 keys in normalised tables, text elsewhere).
    static func pnr(_ t: Table, _ i: Int) -> String {
        guard let c = t["pnr"], let v = c.text(at: i) else { return "" }
        return PnrText.padded(v)
    }

    /// Keyed sources: added/removed/replaced keys. Event sources (`key` nil): the difference
    /// of the two multisets of rows.
    static func compare(_ a: Table?, _ b: Table?, key: String?) -> Outcome {
        // Only the rows of persons whose rows differ take part: the others count in nothing
        // (a key moved between persons changes both), and turning 45 M rows into text is what
        // made diff slow at national scale.
        if let a, let b, let (ra, rb) = rowsOfChangedPersons(a, b) {
            return rowWise(a.gather(ra), b.gather(rb), key: key)
        }
        return rowWise(a, b, key: key)
    }

    /// For two tables sorted by an int64 `pnr` (the normalised tables), the rows of the persons
    /// whose rows are not the same row for row (provenance columns left out), in each table; nil
    /// when the tables are not so sorted or have other columns.
    static func rowsOfChangedPersons(_ a: Table, _ b: Table) -> ([Int], [Int])? {
        let ca = a.columns.filter { !$0.name.hasPrefix("_") }, cb = b.columns.filter { !$0.name.hasPrefix("_") }
        guard ca.map(\.name) == cb.map(\.name), ca.map(\.type) == cb.map(\.type),
              a["pnr"]?.type == .int64, b["pnr"]?.type == .int64 else { return nil }
        func sorted(_ t: Table) -> Bool {
            let p = t.column("pnr").int64Values
            return p.indices.dropFirst().allSatisfy { p[$0 - 1] <= p[$0] }
        }
        guard sorted(a), sorted(b) else { return nil }
        var ra: [Int] = [], rb: [Int] = []
        for (_, rows) in CoGroup([a, b], key: "pnr") {
            let x = rows[0], y = rows[1]
            let same = x.count == y.count && zip(x, y).allSatisfy { i, j in
                zip(ca, cb).allSatisfy { $0.sameValue(at: i, as: $1, at: j) }
            }
            if !same { ra.append(contentsOf: x); rb.append(contentsOf: y) }
        }
        return (ra, rb)
    }

    /// ``compare(_:_:key:)`` on every row given.
    private static func rowWise(_ a: Table?, _ b: Table?, key: String?) -> Outcome {
        var o = Outcome()
        var persons = Set<String>()
        if let key {
            func index(_ t: Table?) -> [String: (content: String, pnr: String)] {
                guard let t, let k = t[key] else { return [:] }
                var out: [String: (String, String)] = [:]
                for i in 0..<t.rowCount { out[k.text(at: i) ?? ""] = (content(t, i), pnr(t, i)) }
                return out
            }
            let ia = index(a), ib = index(b)
            for (k, va) in ia {
                if let vb = ib[k] {
                    if va.content != vb.content { o.replaced += 1; persons.insert(va.pnr); persons.insert(vb.pnr) }
                } else {
                    o.removed += 1; persons.insert(va.pnr)
                }
            }
            for (k, vb) in ib where ia[k] == nil { o.added += 1; persons.insert(vb.pnr) }
        } else {
            func bag(_ t: Table?) -> [String: (count: Int, pnr: String)] {
                guard let t else { return [:] }
                var out: [String: (Int, String)] = [:]
                for i in 0..<t.rowCount { out[content(t, i), default: (0, pnr(t, i))].0 += 1 }
                return out
            }
            let ba = bag(a), bb = bag(b)
            for (k, va) in ba {
                let nb = bb[k]?.count ?? 0
                if va.count > nb { o.removed += va.count - nb; persons.insert(va.pnr) }
            }
            for (k, vb) in bb {
                let na = ba[k]?.count ?? 0
                if vb.count > na { o.added += vb.count - na; persons.insert(vb.pnr) }
            }
        }
        o.persons = persons.sorted()
        return o
    }
}
