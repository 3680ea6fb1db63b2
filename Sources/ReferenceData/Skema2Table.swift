import ColumnStore

/// `skema2_kommuner.csv`: the Skema 2 forsøgskommuner (TALK-7) with the window in which a
/// telephone (`T`) or digital (`D`) talk held by their jobcenter is allowed, and which forms.
public struct Skema2Table: Sendable {
    public struct Window: Sendable, Hashable {
        public var kommune: String
        public var from: Day
        public var to: Day
        /// Allowed kontaktform codes (`T`, `D`).
        public var forms: Set<String>

        public init(kommune: String, from: Day, to: Day, forms: Set<String>) {
            self.kommune = kommune
            self.from = from
            self.to = to
            self.forms = forms
        }
    }

    public var windows: [String: [Window]]

    public init(_ list: [Window]) {
        var w: [String: [Window]] = [:]
        for x in list { w[x.kommune, default: []].append(x) }
        windows = w
    }

    /// TALK-7: is form `form` allowed for a talk on `day` held by the jobcenter of `kommune`?
    public func allows(kommune: String, day: Day, form: String) -> Bool {
        windows[kommune]?.contains { $0.from <= day && day <= $0.to && $0.forms.contains(form) } ?? false
    }

    public static func load() throws -> Skema2Table {
        let file = "skema2_kommuner.csv"
        let t = try ReferenceTable.load("skema2_kommuner")
        var list: [Window] = []
        for (i, r) in t.records.enumerated() {
            guard let k = r["kommune"], k.count == 3, let f = Day(iso: r["fra"] ?? ""), let to = Day(iso: r["til"] ?? ""),
                  let forms = r["former"], !forms.isEmpty else {
                throw ReferenceDataError(file: file, line: i + 2, reason: "bad row")
            }
            list.append(Window(kommune: k, from: f, to: to, forms: Set(forms.split(separator: "|").map(String.init))))
        }
        return Skema2Table(list)
    }
}
