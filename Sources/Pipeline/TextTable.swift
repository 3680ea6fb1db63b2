/// Renders rows as an aligned plain-text table (first row is the header).
enum TextTable {
    static func render(_ rows: [[String]], rightAligned: Set<Int>, indent: String = "") -> String {
        guard let header = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: header.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ r: [String]) -> String {
            var parts: [String] = []
            for (i, w) in widths.enumerated() {
                let c = i < r.count ? r[i] : ""
                let pad = String(repeating: " ", count: w - c.count)
                parts.append(rightAligned.contains(i) ? pad + c : (i == widths.count - 1 ? c : c + pad))
            }
            return indent + parts.joined(separator: "  ")
        }
        var out = [line(header)]
        out.append(indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for r in rows.dropFirst() { out.append(line(r)) }
        return out.joined(separator: "\n")
    }

    /// Aligned rows without a header.
    static func renderBody(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        guard let n = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: n)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            widths.indices.map { i -> String in
                let c = i < r.count ? r[i] : ""
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return rightAligned.contains(i) ? pad + c : (i == n - 1 ? c : c + pad)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func seconds(_ s: Double) -> String {
        let tenths = Int((s * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
