/// Why a person counts as they do in month M (`ydelse explain`): steps, each tied to the
/// RULES.md rule that decides it, grouped in sections.
public struct Explanation: Sendable, Codable, Equatable {
    public var pnr: String
    public var month: String
    /// Whether the person is in any cell of `measures/jobsamtaler.csv` (measured or exempt).
    public var measured: Bool
    /// When not measured: the reason, with its rule (`POP-1: no benefit day in 2023-06`).
    public var notMeasuredReason: String?
    public var sections: [Section]

    public struct Section: Sendable, Codable, Equatable {
        public var title: String
        public var steps: [Step]
    }

    /// One step: the rule ID and what it decided for this person.
    public struct Step: Sendable, Codable, Equatable {
        public var rule: String
        public var text: String
    }

    /// Every rule ID cited, in order of appearance, without repeats.
    public var rules: [String] {
        var seen = Set<String>()
        return sections.flatMap { $0.steps.map(\.rule) }.filter { seen.insert($0).inserted }
    }

    /// Plain text for a terminal.
    public func text() -> String {
        var out = "Person \(pnr), month \(month)\n"
        out += measured ? "Measured in the jobsamtaler measurement.\n" : "Not measured: \(notMeasuredReason ?? "no reason recorded")\n"
        for s in sections {
            out += "\n\(s.title)\n"
            for st in s.steps { out += "  [\(st.rule)] \(st.text)\n" }
        }
        return out
    }
}
