/// KH `sats` from 2025-07-01 (SPELL-7).
public enum KHSats: UInt8, Sendable, Hashable, CaseIterable {
    case mindste = 0  // M
    case grund = 1    // G
    case hoejeste = 2 // H

    public init?(code: String) {
        switch code {
        case "M": self = .mindste
        case "G": self = .grund
        case "H": self = .hoejeste
        default: return nil
        }
    }

    public var code: String {
        switch self {
        case .mindste: "M"
        case .grund: "G"
        case .hoejeste: "H"
        }
    }
}
