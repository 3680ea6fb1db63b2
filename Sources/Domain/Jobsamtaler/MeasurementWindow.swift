import ColumnStore
import ReferenceData

/// The measurement window `W = [Ws, E]` of a measured spell (WIN-1..4), used for talks
/// (TALK), the exemption share (EXEMPT-2) and the MII count (EXEMPT-4).
public struct MeasurementWindow: Sendable, Hashable {
    /// Ws.
    public var start: Day
    /// E.
    public var end: Day

    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }
}

extension PersonTimeline {
    /// WIN-1..3: the window of spell `s` with last benefit day `e` in M.
    /// - Under `twelve` the whole spell (WIN-1).
    /// - Days (WIN-2): the latest Ws such that [Ws, E] holds N non-dead days, N = the calendar
    ///   days of the 12 months ending E (365 or 366); clipped at start(σ).
    /// - Hours (WIN-3, AD): the latest Ws such that Σ h(x) over non-dead x in [Ws, E], rounded to
    ///   0.01 (DUR-7), is >= twelve; clipped at `foerste_dag`.
    public func measurementWindow(_ s: Spell, e: Day) -> MeasurementWindow {
        let unit = self.unit(of: s)
        let twelve = rules.twelve(unit)
        guard durValue(s, at: e) >= twelve else { return MeasurementWindow(start: s.start, end: e) }
        // The latest day in [start, e] for which `enough(day)` holds; `enough` is monotone
        // (true up to some day, false after it) and holds at s.start here.
        func latest(_ enough: (Day) -> Bool) -> Day {
            var lo = s.start, hi = e  // enough(lo) is true
            while lo < hi {
                let mid = lo + (hi - lo + 1) / 2
                if enough(mid) { lo = mid } else { hi = mid - 1 }
            }
            return lo
        }
        if s.group == .ad {
            let ws = latest { hoursSum(s, from: $0, to: e).roundedHundredths >= twelve }
            return MeasurementWindow(start: ws, end: e)
        }
        let n = (e + 1) - (e + 1).addingMonths(-12)
        let nonDead = { (a: Day) in (e - a + 1) - IntervalSet.dayCount(self.deadDays, in: a, e) }
        if nonDead(s.start) < n { return MeasurementWindow(start: s.start, end: e) }
        return MeasurementWindow(start: latest { nonDead($0) >= n }, end: e)
    }
}
