/// Danish month names for the report's titles and chart axes ("december 2020", "dec.").
public enum DanishMonth {
    static let names = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
                        "oktober", "november", "december"]
    static let short = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]

    /// Year and month (1-12) of a published month label `2022M03`, or nil.
    public static func parse(_ label: String) -> (year: Int, month: Int)? {
        let p = label.split(separator: "M")
        guard p.count == 2, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), (1...12).contains(m) else { return nil }
        return (y, m)
    }

    /// `2022M03` → `marts 2022`; other labels unchanged.
    public static func long(_ label: String) -> String {
        guard let (y, m) = parse(label) else { return label }
        return "\(names[m - 1]) \(y)"
    }

    /// `2022M03` → `mar.`; other labels unchanged.
    public static func abbreviated(_ label: String) -> String {
        guard let (_, m) = parse(label) else { return label }
        return short[m - 1]
    }

    /// Axis label lines for the months of a series: the short name, and the year under the
    /// first month and under every January (`["sep.", "2020"]`, `["okt."]`, …, `["jan.", "2021"]`).
    public static func axisLabels(_ months: [String]) -> [[String]] {
        months.enumerated().map { i, label in
            guard let (y, m) = parse(label) else { return [label] }
            return i == 0 || m == 1 ? [short[m - 1], String(y)] : [short[m - 1]]
        }
    }
}
