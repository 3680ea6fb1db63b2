import ColumnStore
import Domain

/// What ``HistoryReader/mayReachTwelve(rows:in:)`` checks a person against in one month, worked
/// out once per month: the month's days, the window of months a spell of `twelve` days with a
/// benefit day in m must cover, and the rules' bounds. A class: it is handed to the check of every
/// person-month, and a struct of arrays would be copied (its arrays retained) each time.
final class TwelveMonthWindow: Sendable {
    let month: YearMonth
    let rules: DomainRules
    /// first(m) and last(m).
    let first: Int32, last: Int32
    /// `last(m) − (twelve − 1)`: the latest start L of a spell of `twelve` days (DUR-1) with E in m.
    let latestStart: Int32
    /// first(X − 1), first(X), …, first(m), first(m + 1), X the month of ``latestStart``: the
    /// months X − 1...m are bits 0...(count − 2) of a ``coverage(from:to:)``.
    let monthFirsts: [Int32]
    /// The bits of months X...m.
    let required: UInt64
    /// The bit of a ``coverage(from:to:)`` with a day in `first(X)...L`.
    static let startBit: UInt64 = 1 << 63
    /// CONV-7 `twelve` of an AD spell by its forsikring (index: `Forsikring.rawValue`), looked up once.
    let adTwelve: [Int64]

    init(_ m: YearMonth, rules: DomainRules) {
        month = m
        self.rules = rules
        first = m.first.rawValue
        last = m.last.rawValue
        latestStart = last - Int32(rules.twelve(.days) - 1)
        adTwelve = Forsikring.allCases.sorted { $0.rawValue < $1.rawValue }
            .map { rules.twelve(rules.unit(for: .ad, forsikring: $0)) }
        var firsts: [Int32] = []
        var x = Day(rawValue: latestStart).yearMonth.advanced(by: -1)
        while x <= m { firsts.append(x.first.rawValue); x = x.advanced(by: 1) }
        firsts.append(m.advanced(by: 1).first.rawValue)
        monthFirsts = firsts
        // A window wider than 63 months (a rule change) requires nothing: every person may reach it.
        let n = firsts.count - 1
        required = n <= 63 ? ((1 << UInt64(n)) - 1) & ~1 : 0
    }

    /// The months of X − 1...m (bit k: month X − 1 + k) with a day of `a...b` (cut to last(m)),
    /// and ``startBit`` when one of its days is in `first(X)...L`.
    func coverage(from a: Int32, to b: Int32) -> UInt64 {
        let b = min(b, last)
        guard required != 0, a <= b, b >= monthFirsts[0] else { return 0 }
        var lo = 0, hi = 0
        while lo + 1 < monthFirsts.count - 1 && monthFirsts[lo + 1] <= a { lo += 1 }
        while hi + 1 < monthFirsts.count - 1 && monthFirsts[hi + 1] <= b { hi += 1 }
        var bits: UInt64 = ((1 << UInt64(hi + 1)) - 1) & ~((1 << UInt64(lo)) - 1)
        if a <= latestStart && b >= monthFirsts[1] { bits |= Self.startBit }
        return bits
    }

    /// Whether a family's ``coverage(from:to:)`` (OR-ed over its rows) can hold a spell of
    /// `twelve` days with E in m: a day in every month X...m, and its start either in
    /// `first(X)...L` or before X, when it has a day in month X − 1 (a spell has no whole month
    /// without a day: SPELL-2, SPELL-3 b).
    func mayReach(_ bits: UInt64) -> Bool {
        required == 0 || (bits & required == required && bits & (Self.startBit | 1) != 0)
    }

    /// POP-3: whether a person born on `birth` can have a benefit day in m on or after the 16th
    /// birthday and before folkepensionsalder.
    func mayBeMeasured(born birth: Day) -> Bool {
        max(birth.addingMonths(16 * 12).rawValue, first) <= min(rules.pensionAge.pensionDay(born: birth).rawValue - 1, last)
    }

    /// The families of groups a municipal spell's days come from (its coverage), by
    /// ``BenefitGroup``: KH, UH and SHO one family (SPELL-5 joins an SHO spell to a KH/UH spell,
    /// SPELL-7 continues a UH/SHO spell as KH and turns their days into KH), every other municipal
    /// group its own (REV includes FREV, SPELL-6); nil for AD and SDP.
    static func family(_ g: BenefitGroup) -> Int? {
        switch g {
        case .kh, .uh, .sho: 0
        case .rev: 1
        case .res: 2
        case .jaf: 3
        case .led: 4
        case .ad, .sdp: nil
        }
    }
    /// The number of ``family(_:)`` values.
    static let families = 5
}

extension HistoryReader {
    /// Whether the person, as known at month `m`, may have a focus row in m: a POP-7 spell with a
    /// benefit day in m whose duration reaches `twelve` (CONV-7; FOCUS-1, "12 måneder og derover").
    /// Checked on the rows known at m (the rows of the history as known at m, any order) before
    /// any history is built; false only when no measured spell can be that long, so a
    /// person-month it skips has no focus row and no row of 12 months or more.
    ///
    /// - POP-3: the person has a `person` row (else no spell is measured) with a birth date for
    ///   which some day of m lies on or after the 16th birthday and before folkepensionsalder.
    /// - Municipal groups and SDP (DUR-1, days): a spell of `twelve` days with E in m starts on or
    ///   before `L = last(m) − (twelve − 1)`, in month X or earlier. Its days come from the rows of
    ///   its family (``TwelveMonthWindow/family(_:)``; SDP: `ksd`), and it has one in every
    ///   calendar month from X to m: E is in m; a municipal spell breaks at a whole month without a
    ///   payment of its group (SPELL-3 b; SPELL-5 and SPELL-7 join only across less), an SDP spell
    ///   is an unbroken run of overlapping `ksd` rows (SPELL-2). So the family's rows have a day in
    ///   every month X...m, and one in `first(X)...L` or in month X − 1 (the spell's days, with
    ///   the SHO or UH/SHO spell SPELL-5 or SPELL-7 joined to it, have no whole month without a
    ///   day; a KH spell that a kontaktgruppe change starts, SPELL-8, lies inside such days).
    /// - AD (DUR-4, hours): E's dagpengeperiode starts in `F...last(m)`, F the latest `foerste_dag`
    ///   on or before first(m) among the rows known at m (first(m) when there is none), and its
    ///   duration is at most the positive net hours of the paid FLEUR rows (types 01-05)
    ///   overlapping `F...last(m)` (DUR-2, DUR-3 spread a record's hours over its own days), which
    ///   must reach the bound of its forsikring: the smallest among the periods starting there
    ///   (none: no AD spell has a day in m).
    func mayReachTwelve(rows r: [Range<Int>], in window: TwelveMonthWindow) -> Bool {
        mayHaveLongSpell(rows: r, in: window) && mayBeMeasured(rows: r, in: window)
    }

    /// POP-3: whether the person has a `person` row known at m with a birth date for which some
    /// day of m is on or after the 16th birthday and before folkepensionsalder.
    private func mayBeMeasured(rows r: [Range<Int>], in window: TwelveMonthWindow) -> Bool {
        var ofAge = false
        forEachKnown(.person, rows: r, at: Int32(window.month.index)) { reader, i in
            if !ofAge, let p = reader.person, window.mayBeMeasured(born: p.birth[i]) { ofAge = true }
        }
        return ofAge
    }

    /// The spell part of ``mayReachTwelve(rows:in:)``: municipal families, SDP, AD.
    private func mayHaveLongSpell(rows r: [Range<Int>], in window: TwelveMonthWindow) -> Bool {
        let m = window.month, first = window.first, last = window.last
        let known = Int32(m.index)

        // Municipal families and SDP: the months X − 1...m their rows cover.
        let reached = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: TwelveMonthWindow.families) { covered in
            covered.initialize(repeating: 0)
            forEachKnown(.ky, rows: r, at: known) { reader, i in
                guard let ky = reader.ky else { return }
                let f = ky.twelveFamily[i]
                if f >= 0 { covered[Int(f)] |= window.coverage(from: ky.fra.values[i], to: ky.til.values[i]) }
            }
            if (0..<TwelveMonthWindow.families).contains(where: { window.mayReach(covered[$0]) }) { return true }
            var sdp: UInt64 = 0
            forEachKnown(.ksd, rows: r, at: known) { reader, i in
                guard let ksd = reader.ksd else { return }
                sdp |= window.coverage(from: ksd.start.values[i], to: ksd.slut.optional(i)?.rawValue ?? last)
            }
            return window.mayReach(sdp)
        }
        if reached { return true }

        // AD: the dagpengeperioder known at m (one known later could only move F later).
        var periods: [(first: Int32, forsikring: Forsikring)] = []
        forEachKnown(.taeller, rows: r, at: known) { reader, i in
            if let taeller = reader.taeller, let f = taeller.fors[i] { periods.append((taeller.first.values[i], f)) }
        }
        let from = periods.lazy.map(\.first).filter { $0 <= first }.max() ?? first
        // E's period starts in from...last(m); its forsikring sets the bound (CONV-7 `twelve`).
        let bounds = periods.filter { $0.first >= from && $0.first <= last }
            .map { window.adTwelve[Int($0.forsikring.rawValue)] }
        guard let bound = bounds.min() else { return false }
        var hundredths: Int64 = 0
        forEachKnown(.fleur, rows: r, at: known) { reader, i in
            guard let fleur = reader.fleur,
                  fleur.fra.values[i] <= last, fleur.til.values[i] >= from, (1...5).contains(fleur.type[i]) else { return }
            let net = Int64(fleur.timer[i]) - Int64(fleur.fradrag[i])
            hundredths += max(0, fleur.reversal[i] ? -net : net)
        }
        // DUR-7 rounds to whole hundredths: one more covers any rounding up.
        return hundredths + 1 >= bound
    }

    /// Calls `body` with each of the person's rows of `source` known at month index `month`: the
    /// current rows delivered by then and the replaced versions still known then, each with the
    /// reader of its table (every row of this reader when it does not read histories as known at
    /// earlier months).
    @inline(__always)
    private func forEachKnown(_ source: SourceSlots.Source, rows r: [Range<Int>], at month: Int32,
                              _ body: (HistoryReader, Int) -> Void) {
        guard let s = sourceSlots[source] else { return }
        guard let versions, let old else {
            for i in r[s] { body(self, i) }
            return
        }
        let cur = versions.current[s]
        for i in r[s] where cur.known(i, at: month) { body(self, i) }
        if let os = versions.supersededSlot[s] {
            let was = versions.superseded[os - versions.current.count]
            for j in r[os] where was.known(j, at: month) { body(old, j) }
        }
    }
}
