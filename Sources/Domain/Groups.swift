import ColumnStore
import ReferenceData

/// The measured benefit groups (CONV-6). Order is the POP-7 tie order.
public enum BenefitGroup: UInt8, Sendable, Hashable, CaseIterable, Comparable {
    case ad, sdp, kh, uh, sho, rev, res, jaf, led

    public static func < (a: BenefitGroup, b: BenefitGroup) -> Bool { a.rawValue < b.rawValue }

    /// Short code as in the spells checkpoint: `AD`, `SDP`, `KH`, …
    public var code: String {
        switch self {
        case .ad: "AD"
        case .sdp: "SDP"
        case .kh: "KH"
        case .uh: "UH"
        case .sho: "SHO"
        case .rev: "REV"
        case .res: "RES"
        case .jaf: "JAF"
        case .led: "LED"
        }
    }

    /// The OUTPUTS.md `ydelsesgruppe` label (without the 2025 KH split).
    public var label: String {
        switch self {
        case .ad: "A-dagpenge"
        case .sdp: "Sygedagpenge"
        case .kh: "Kontanthjælp"
        case .uh: "Uddannelseshjælp"
        case .sho: "Overgangsydelse"
        case .rev: "Revalidering"
        case .res: "Ressourceforløb"
        case .jaf: "Jobafklaring"
        case .led: "Ledighedsydelse"
        }
    }

    /// True for KH, UH, SHO, REV, RES, JAF, LED (SPELL-3).
    public var isMunicipal: Bool { self != .ad && self != .sdp }

    /// The group a `ky` ydelse is a benefit day of, before the SPELL-7 conversion
    /// (`FREV` is REV, SPELL-6); nil for SHOP, FTP and SKH.
    public init?(ky: KyYdelse) {
        switch ky {
        case .kh: self = .kh
        case .uh: self = .uh
        case .sho: self = .sho
        case .rev, .frev: self = .rev
        case .res: self = .res
        case .jaf: self = .jaf
        case .led: self = .led
        case .shop, .skh, .ftp: return nil
        }
    }
}

extension KHSats {
    /// OUTPUTS.md label of the KH subgroup (SPELL-7).
    public var label: String {
        switch self {
        case .mindste: "Kontanthjælp, mindste sats"
        case .grund: "Kontanthjælp, grundsats"
        case .hoejeste: "Kontanthjælp, højeste sats"
        }
    }
}

/// The output label of a group in month M: from the SPELL-7 month KH is split by sats;
/// a KH spell with no sats on E is labelled `Kontanthjælp` (SPELL-7 addendum).
public func groupLabel(_ group: BenefitGroup, sats: KHSats?, month: YearMonth, rules: DomainRules = .standard) -> String {
    if group == .kh, rules.khSplitApplies(month), let s = sats { return s.label }
    return group.label
}

/// The spells-checkpoint group code: `KH-M`/`KH-G`/`KH-H` from the SPELL-7 month.
public func groupCode(_ group: BenefitGroup, sats: KHSats?, month: YearMonth, rules: DomainRules = .standard) -> String {
    if group == .kh, rules.khSplitApplies(month), let s = sats { return "KH-" + s.code }
    return group.code
}
