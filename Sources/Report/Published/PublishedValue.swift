/// What a published cell holds (OUTPUTS.md "Discretion in published/", RULES.md DISC-1..5).
public enum PublishedValue: Sendable, Equatable {
    /// A number in Danish format (`1.234`, `84`, `3,2`), with its value.
    case number(Double)
    /// `*`: a count of 1-2, or a share or average over 1-2 (DISC-1, DISC-4); never drawn.
    case suppressed
    /// `.` or `NaN`: nothing to show (a count 0 in a Måling table, an empty denominator); never drawn.
    case undefined
    /// An empty cell (an undefined share in the undiscretised jobsamtaler tables, MEAS-4).
    case empty
    /// Anything else; shown verbatim, never drawn.
    case other

    /// Classifies the text of a cell.
    public init(_ text: String) {
        switch text {
        case "*": self = .suppressed
        case ".", "NaN": self = .undefined
        case "": self = .empty
        default: self = Self.parseDanish(text).map(PublishedValue.number) ?? .other
        }
    }

    /// The number, when the cell holds one.
    public var number: Double? {
        if case let .number(v) = self { return v }
        return nil
    }

    /// Parses a Danish number: optional `-`, digits with `.` every three from the right, an
    /// optional decimal comma. `1.234` is 1234, `3,2` is 3.2; `1.23` is not a number.
    static func parseDanish(_ text: String) -> Double? {
        var s = Substring(text)
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() }
        let parts = s.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        let groups = whole.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        var digits = groups.joined()
        if parts.count == 2 {
            let frac = parts[1]
            guard !frac.isEmpty, frac.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            digits += "." + frac
        }
        guard let v = Double(digits) else { return nil }
        return negative ? -v : v
    }
}
