import ColumnStore

// Per-person inputs (RULES.md, INPUTS.md). The stage adapter fills these
// from the columnar tables after keyed replacement and delivery cut-offs;
// CONV-10 (facts known at the end of M) is applied by the Domain logic.

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

/// A `taeller` row: one dagpengeperiode.
public struct DagpengePeriodeRow: Sendable, Hashable {
    public var periodeId: String
    public var foersteDag: Day
    /// Empty means open.
    public var sidsteDag: Day?
    public var forsikring: Forsikring

    public init(periodeId: String, foersteDag: Day, sidsteDag: Day?, forsikring: Forsikring) {
        self.periodeId = periodeId
        self.foersteDag = foersteDag
        self.sidsteDag = sidsteDag
        self.forsikring = forsikring
    }
}

/// A FLEUR data record.
public struct FleurRecord: Sendable, Hashable {
    /// 2-digit a-kasse code.
    public var akasse: String
    public var periodeFra: Day
    public var periodeTil: Day
    /// `ydelsestype` 1...7 (`01`..`07`).
    public var ydelsestype: UInt8
    /// Hours × 100.
    public var timer: Int64
    /// Hours deducted × 100.
    public var fradragstimer: Int64
    public var forsikring: Forsikring
    public var kommune: String?
    /// `fortegn = -`: a reversal.
    public var isReversal: Bool

    public init(akasse: String, periodeFra: Day, periodeTil: Day, ydelsestype: UInt8, timer: Int64,
                fradragstimer: Int64 = 0, forsikring: Forsikring = .fullTime, kommune: String? = nil, isReversal: Bool = false) {
        self.akasse = akasse
        self.periodeFra = periodeFra
        self.periodeTil = periodeTil
        self.ydelsestype = ydelsestype
        self.timer = timer
        self.fradragstimer = fradragstimer
        self.forsikring = forsikring
        self.kommune = kommune
        self.isReversal = isReversal
    }

    /// Parses `01`..`07`.
    public static func typeCode(_ text: String) -> UInt8? {
        guard let v = UInt8(text), v >= 1, v <= 7 else { return nil }
        return v
    }
}

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

/// A `ky` line: one paid period `fra..til`.
public struct KyLine: Sendable, Hashable {
    public var ydelse: KyYdelse
    public var sats: KHSats?
    public var fra: Day
    public var til: Day
    public var kommune: String
    public var loentilskud: Bool

    public init(ydelse: KyYdelse, sats: KHSats? = nil, fra: Day, til: Day, kommune: String = "", loentilskud: Bool = false) {
        self.ydelse = ydelse
        self.sats = sats
        self.fra = fra
        self.til = til
        self.kommune = kommune
        self.loentilskud = loentilskud
    }
}

/// A `ksd` row (sygedagpenge).
public struct KsdRow: Sendable, Hashable {
    public var forloebId: String
    public var start: Day
    /// Empty means open.
    public var slut: Day?
    public var kommune: String

    public init(forloebId: String, start: Day, slut: Day?, kommune: String = "") {
        self.forloebId = forloebId
        self.start = start
        self.slut = slut
        self.kommune = kommune
    }
}

/// A `fravaer` period.
public struct FravaerRow: Sendable, Hashable {
    /// Numeric code as text (`1`, `90`, `10`, …).
    public var kode: String
    public var fra: Day
    public var til: Day?

    public init(kode: String, fra: Day, til: Day?) {
        self.kode = kode
        self.fra = fra
        self.til = til
    }
}

/// A `maalgruppe` period.
public struct MaalgruppeRow: Sendable, Hashable {
    public var fra: Day
    public var til: Day?
    /// `1`, `2` or `12`.
    public var kontaktgruppe: Int
    /// `J`, `A`, `U`, `OU` or nil.
    public var visitation: String?

    public init(fra: Day, til: Day?, kontaktgruppe: Int, visitation: String? = nil) {
        self.fra = fra
        self.til = til
        self.kontaktgruppe = kontaktgruppe
        self.visitation = visitation
    }
}

/// A `bopael` period.
public struct BopaelRow: Sendable, Hashable {
    public var kommune: String
    public var fra: Day
    public var til: Day?

    public init(kommune: String, fra: Day, til: Day?) {
        self.kommune = kommune
        self.fra = fra
        self.til = til
    }
}

/// A `forsoeg` forløb (latest version per forloeb_id).
public struct ForsoegRow: Sendable, Hashable {
    public var forloebId: String
    /// 2-digit a-kasse code.
    public var akasse: String
    public var kommune: String
    public var visitationsdato: Day
    public var afslutningsdato: Day?
    public var aarsag: String?
    public var forsikring: Forsikring

    public init(forloebId: String, akasse: String, kommune: String = "", visitationsdato: Day,
                afslutningsdato: Day? = nil, aarsag: String? = nil, forsikring: Forsikring = .fullTime) {
        self.forloebId = forloebId
        self.akasse = akasse
        self.kommune = kommune
        self.visitationsdato = visitationsdato
        self.afslutningsdato = afslutningsdato
        self.aarsag = aarsag
        self.forsikring = forsikring
    }
}

/// Everything the Domain logic needs about one pnr (SPELL-9: a new pnr is a new person).
public struct PersonHistory: Sendable, Hashable {
    public var pnr: Int64
    /// From `person`; nil when the person has no `person` record (POP-3 `missing_person`).
    public var birthDate: Day?
    public var dagpengeperioder: [DagpengePeriodeRow]
    public var fleur: [FleurRecord]
    public var ky: [KyLine]
    public var ksd: [KsdRow]
    public var fravaer: [FravaerRow]
    public var maalgruppe: [MaalgruppeRow]
    public var bopael: [BopaelRow]
    public var forsoeg: [ForsoegRow]
    /// `samtale` lines (latest version per samtale_id), in pnr-sorted table order.
    public var samtaler: [SamtaleRow]
    /// `tilbud` rows (latest version per tilbud_id).
    public var tilbud: [TilbudRow]
    /// `tilmelding.dato` values (first contact with the jobcenter).
    public var tilmeldinger: [Day]
    /// `eindkomst` lines.
    public var eindkomst: [EindkomstRow]

    public init(pnr: Int64, birthDate: Day?, dagpengeperioder: [DagpengePeriodeRow] = [], fleur: [FleurRecord] = [],
                ky: [KyLine] = [], ksd: [KsdRow] = [], fravaer: [FravaerRow] = [], maalgruppe: [MaalgruppeRow] = [],
                bopael: [BopaelRow] = [], forsoeg: [ForsoegRow] = [], samtaler: [SamtaleRow] = [],
                tilbud: [TilbudRow] = [], tilmeldinger: [Day] = [], eindkomst: [EindkomstRow] = []) {
        self.pnr = pnr
        self.birthDate = birthDate
        self.dagpengeperioder = dagpengeperioder
        self.fleur = fleur
        self.ky = ky
        self.ksd = ksd
        self.fravaer = fravaer
        self.maalgruppe = maalgruppe
        self.bopael = bopael
        self.forsoeg = forsoeg
        self.samtaler = samtaler
        self.tilbud = tilbud
        self.tilmeldinger = tilmeldinger
        self.eindkomst = eindkomst
    }
}
