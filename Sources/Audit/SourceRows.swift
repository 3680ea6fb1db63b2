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
