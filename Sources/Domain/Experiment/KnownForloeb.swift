import ColumnStore

/// A forløb as known at the end of the report month M (FSG-0.2, CONV-10, OUTPUTS.md "As known
/// at M"): visited on or before last(M); an `afslutningsdato` after last(M) is not known yet, so
/// the forløb is open and its `aarsag` is ignored.
public struct KnownForloeb: Sendable, Hashable {
    public var forloebId: String
    /// 2-digit a-kasse code (`forsoeg.akasse`, FSG-0.8).
    public var akasse: String
    /// 3-digit kommune code (`forsoeg.kommune`, FSG-0.8).
    public var kommune: String
    public var visitationsdato: Day
    /// nil while open (as known at M).
    public var afslutningsdato: Day?
    /// nil while open or when the registered code is not one of INPUTS.md's.
    public var aarsag: Afslutningsaarsag?
    public var forsikring: Forsikring

    /// nil when the forløb does not exist yet at `month` (visited after last(M)).
    public init?(_ row: ForsoegRow, month: YearMonth) {
        let last = month.last
        guard row.visitationsdato <= last else { return nil }
        forloebId = row.forloebId
        akasse = row.akasse
        kommune = row.kommune
        visitationsdato = row.visitationsdato
        forsikring = row.forsikring
        if let end = row.afslutningsdato, end <= last, end >= row.visitationsdato {
            afslutningsdato = end
            aarsag = row.aarsag.flatMap(Afslutningsaarsag.init(rawValue:))
        } else {
            afslutningsdato = nil
            aarsag = nil
        }
    }

    /// FSG-0.2 (+ Decision): covered on `d` when `visitationsdato <= d <= afslutningsdato` (open = +∞).
    public func covers(_ d: Day) -> Bool {
        visitationsdato <= d && afslutningsdato.map { d <= $0 } ?? true
    }

    /// Covered on at least one day of `days`.
    public func covers(any days: DayInterval) -> Bool {
        visitationsdato <= days.to && afslutningsdato.map { days.from <= $0 } ?? true
    }

    /// FSG-0.4: ended with the full experiment period.
    public var isFullPeriod: Bool { aarsag == .fa }
}

extension Array where Element == KnownForloeb {
    /// FSG-0.5 / FSG-3.0 attribution: the forløb covering `d`, the one with the latest
    /// `visitationsdato` when several do (then the greatest `forloeb_id`, so ties are stable).
    public func attributed(_ d: Day) -> Int? {
        var best: Int?
        for (i, f) in enumerated() where f.covers(d) {
            if let b = best, (self[b].visitationsdato, self[b].forloebId) > (f.visitationsdato, f.forloebId) { continue }
            best = i
        }
        return best
    }
}
