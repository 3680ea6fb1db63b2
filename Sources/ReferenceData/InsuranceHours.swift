import ColumnStore

/// `forsikring_timer.csv`: monthly hours R (DUR-3) and the full experiment period (FSG-0.3).
public struct InsuranceHours: Sendable {
    /// Hundredths of an hour per forsikring code ("H", "D").
    public var monthlyHours: [String: Int64]
    public var fullExperimentPeriod: [String: Int64]

    public init(monthlyHours: [String: Int64], fullExperimentPeriod: [String: Int64]) {
        self.monthlyHours = monthlyHours
        self.fullExperimentPeriod = fullExperimentPeriod
    }

    public static func load() throws -> InsuranceHours {
        let t = try ReferenceTable.load("forsikring_timer")
        var m: [String: Int64] = [:], f: [String: Int64] = [:]
        for (i, r) in t.records.enumerated() {
            guard let k = r["forsikring"], let a = parseHundredths(r["maanedstimer"] ?? ""),
                  let b = parseHundredths(r["fuld_forsoegsperiode"] ?? "") else {
                throw ReferenceDataError(file: "forsikring_timer.csv", line: i + 2, reason: "bad row")
            }
            m[k] = a
            f[k] = b
        }
        return InsuranceHours(monthlyHours: m, fullExperimentPeriod: f)
    }
}

/// Parses `160,33` / `160.33` / `160` into hundredths (160,33 → 16033).
public func parseHundredths(_ text: String) -> Int64? {
    let s = text.replacingOccurrences(of: ",", with: ".")
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2, let whole = Int64(parts[0]) else { return nil }
    var frac: Int64 = 0
    if parts.count == 2 {
        let f = parts[1]
        guard f.count >= 1, f.count <= 2, let v = Int64(f) else { return nil }
        frac = f.count == 1 ? v * 10 : v
    }
    return whole * 100 + frac
}
