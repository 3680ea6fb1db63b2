import Publishing

/// Cell-by-cell comparison of one CSV table present in one or both run folders.
enum TableDiff {
    /// The changed cells of `path` between `a` and `b` (nil = the file is absent there).
    static func cells(path: String, file: String, a: CSVTable?, b: CSVTable?) -> [CellChange] {
        let header = (b ?? a)!.header
        let keys = OutputKeys.keys(file: file, header: header)
        func index(_ t: CSVTable?) -> [[String]: [String: String]] {
            guard let t else { return [:] }
            let k = OutputKeys.keys(file: file, header: t.header)
            let ki = k.compactMap { t.header.firstIndex(of: $0) }
            var out: [[String]: [String: String]] = [:]
            for r in t.rows {
                var values: [String: String] = [:]
                for (i, c) in t.header.enumerated() where !k.contains(c) { values[c] = r[i] }
                out[ki.map { r[$0] }] = values
            }
            return out
        }
        let ia = index(a), ib = index(b)
        // Keep the order of the files: A's rows, then rows only in B.
        var order: [[String]] = []
        var seen = Set<[String]>()
        for t in [a, b].compactMap({ $0 }) {
            let ki = keys.compactMap { t.header.firstIndex(of: $0) }
            for r in t.rows {
                let k = ki.map { r[$0] }
                if seen.insert(k).inserted { order.append(k) }
            }
        }
        let valueColumns = header.filter { !keys.contains($0) }
        var out: [CellChange] = []
        for k in order {
            let key = zip(keys, k).map { CellChange.KeyValue($0, $1) }
            switch (ia[k], ib[k]) {
            case let (va?, vb?):
                for c in valueColumns where va[c] != vb[c] {
                    out.append(CellChange(table: path, key: key, column: c, old: va[c], new: vb[c], persons: [], forloeb: []))
                }
            case (nil, _?):
                out.append(CellChange(table: path, key: key, column: nil, old: nil, new: "row", persons: [], forloeb: []))
            case (_?, nil):
                out.append(CellChange(table: path, key: key, column: nil, old: "row", new: nil, persons: [], forloeb: []))
            case (nil, nil):
                break
            }
        }
        return out
    }
}
