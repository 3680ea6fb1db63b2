// Typed views of the time-dependent rules (RULES.md CONV-8) and the Skema 1
// bounds (INT-1) that the Domain module reads. The values live in the CSV
// files under Resources/; no rule date is a literal in the logic.

/// `rule_windows.csv`: the validity windows of the rules by rule ID.
public struct RuleWindows: Sendable {
    public var windows: [String: [DayWindow]]

    public init(windows: [String: [DayWindow]]) { self.windows = windows }

    /// The windows of `rule` (e.g. `DEAD-1`), in file order; empty when unknown.
    public func windows(_ rule: String) -> [DayWindow] { windows[rule] ?? [] }

    public static func load() throws -> RuleWindows {
        let t = try ReferenceTable.load("rule_windows")
        var w: [String: [DayWindow]] = [:]
        for (i, r) in t.records.enumerated() {
            guard let rule = r["regel"], !rule.isEmpty else {
                throw ReferenceDataError(file: "rule_windows.csv", line: i + 2, reason: "empty regel")
            }
            let f = try parseOptionalDay(r["fra"] ?? "", file: "rule_windows.csv", row: i)
            let to = try parseOptionalDay(r["til"] ?? "", file: "rule_windows.csv", row: i)
            w[rule, default: []].append(DayWindow(from: f, to: to))
        }
        return RuleWindows(windows: w)
    }
}
