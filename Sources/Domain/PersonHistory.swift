import ColumnStore

// Per-person inputs (RULES.md, INPUTS.md). The stage adapter fills these
// from the columnar tables after keyed replacement and delivery cut-offs;
// CONV-10 (facts known at the end of M) is applied by the Domain logic.

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
