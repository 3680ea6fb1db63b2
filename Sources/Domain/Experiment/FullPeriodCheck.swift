import ColumnStore

/// FSG-0.3 Decision (data quality): compares a forløb's registered end with the full period
/// computed from FLEUR (the `forsoegsperiode` checkpoint), as known at M (OUTPUTS.md
/// `kvalitet_forsoegsperiode.csv`).
public enum FullPeriodCheck {
    public enum Deviation: String, Sendable, Hashable {
        /// Registered FA while the consumption at `afslutningsdato` is below 410/333 hours.
        case tooEarly = "for tidligt"
        /// Still open although the full period was reached more than a month before last(M).
        case tooLate = "for sent"
    }

    /// The deviation of `forloeb` given the day the full period was reached (nil = not by last(M)).
    public static func deviation(_ forloeb: KnownForloeb, fullPeriodDay: Day?, month: YearMonth) -> Deviation? {
        if forloeb.isFullPeriod, let end = forloeb.afslutningsdato {
            return fullPeriodDay.map { $0 > end } ?? true ? .tooEarly : nil
        }
        if forloeb.afslutningsdato == nil, let reached = fullPeriodDay, reached < month.last.addingMonths(-1) {
            return .tooLate
        }
        return nil
    }
}
