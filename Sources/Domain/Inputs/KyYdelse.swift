/// `ky.ydelse`.
public enum KyYdelse: UInt8, Sendable, Hashable, CaseIterable {
    case kh, uh, sho, shop, rev, frev, res, jaf, led, skh, ftp

    public init?(code: String) {
        switch code {
        case "KH": self = .kh
        case "UH": self = .uh
        case "SHO": self = .sho
        case "SHOP": self = .shop
        case "REV": self = .rev
        case "FREV": self = .frev
        case "RES": self = .res
        case "JAF": self = .jaf
        case "LED": self = .led
        case "SKH": self = .skh
        case "FTP": self = .ftp
        default: return nil
        }
    }

    public var code: String {
        switch self {
        case .kh: "KH"
        case .uh: "UH"
        case .sho: "SHO"
        case .shop: "SHOP"
        case .rev: "REV"
        case .frev: "FREV"
        case .res: "RES"
        case .jaf: "JAF"
        case .led: "LED"
        case .skh: "SKH"
        case .ftp: "FTP"
        }
    }
}
