/// `forsikring`: H fuldtidsforsikret, D deltidsforsikret.
public enum Forsikring: UInt8, Sendable, Hashable, CaseIterable {
    case fullTime = 0   // H
    case partTime = 1   // D

    public init?(code: String) {
        switch code {
        case "H": self = .fullTime
        case "D": self = .partTime
        default: return nil
        }
    }

    public var code: String { self == .fullTime ? "H" : "D" }
}
