import ColumnStore

/// When a person's spells known at the end of a later month are exactly those known at the end
/// of an earlier one (the rows of `spells/forloeb`, CONV-11), given that the person's rows did
/// not change in between: the nightly `spells` stage then keeps the earlier month's rows of the
/// person instead of building the timeline again.
///
/// With the rows fixed, a spell row depends on last(M) only through
/// - the rows known by last(M) and the ends cut at last(M) (CONV-10): the same for both months
///   when no row starts, ends or is cut inside (L1, L2] (L1 = last of the earlier month, L2 of
///   the later one): `ky`, FLEUR and `ksd` rows lie wholly on or before L1 (or, for `ky` and FLEUR,
///   start after L2); no dagpengeperiode starts or ends in (L1, L2]; no `maalgruppe` period
///   starts in it;
/// - `slut` and `kommune_ultimo` of a spell still running (CONV-11, KOM-1): a municipal spell
///   running at L1 may end by L2 (`earlierOpenBesidesAD` must be false; SDP spells cannot run
///   with the `ksd` rows ended by L1); an AD spell running at L1 still runs at L2 (its period has
///   no end in (L1, L2]) and keeps its last benefit day, and its kommune is read on last(M), so no
///   `bopael` period may start in (L1, L2] or end in [L1, L2);
/// - the group labels and codes of the month (SPELL-7's KH split): ``labelsAgree(_:_:rules:)``.
///
/// The conditions are sufficient, not necessary: a person who fails them is simply computed.
public enum SpellCarryOver {
    /// Whether `h`'s spells at the end of `later` are its spells at the end of `earlier` (see the
    /// type's documentation). `earlierOpenBesidesAD`: whether one of the person's spells at
    /// `earlier` other than an AD spell has no `slut`.
    public static func holds(_ h: PersonHistory, from earlier: YearMonth, to later: YearMonth,
                             earlierOpenBesidesAD: Bool) -> Bool {
        if earlier == later { return true }
        guard earlier < later, !earlierOpenBesidesAD else { return false }
        let w = Window(from: earlier, to: later)
        return h.ky.allSatisfy { w.keepsPayment(from: $0.fra, to: $0.til) }
            && h.fleur.allSatisfy { w.keepsPayment(from: $0.periodeFra, to: $0.periodeTil) }
            && h.ksd.allSatisfy { w.keepsKsd(start: $0.start, slut: $0.slut) }
            && h.dagpengeperioder.allSatisfy { w.keepsDagpengeperiode(first: $0.foersteDag, last: $0.sidsteDag) }
            // Implied by the `ky` condition today (a SPELL-8 split day acts only inside a
            // municipal spell, whose days then all lie on or before L1); kept so that a change
            // there cannot slip through.
            && h.maalgruppe.allSatisfy { w.keepsMaalgruppe(from: $0.fra) }
            && h.bopael.allSatisfy { w.keepsBopael(from: $0.fra, to: $0.til) }
    }

    /// The conditions of ``holds(_:from:to:earlierOpenBesidesAD:)`` row by row, for the days
    /// (L1, L2] between the two months' last days: the one statement of them, used on a history
    /// and (by the nightly `spells` stage) on a person's rows in the normalised columns, before
    /// any history is built. A row for which a check is false may change the spells.
    public struct Window: Sendable {
        /// last(earlier), last(later).
        public let l1: Day, l2: Day

        public init(from earlier: YearMonth, to later: YearMonth) {
            l1 = earlier.last
            l2 = later.last
        }

        @usableFromInline @inline(__always) func inside(_ d: Day) -> Bool { l1 < d && d <= l2 }

        /// A `ky` line or FLEUR record: wholly on or before L1, or starting after L2.
        @inlinable public func keepsPayment(from fra: Day, to til: Day) -> Bool { !(fra <= l2 && til > l1) }

        /// A `ksd` row: starting after L2, or ended by L1.
        @inlinable public func keepsKsd(start: Day, slut: Day?) -> Bool {
            if start > l2 { return true }
            guard let slut else { return false }
            return slut <= l1
        }

        /// A dagpengeperiode: neither starts nor (having started by L2) ends in (L1, L2].
        @inlinable public func keepsDagpengeperiode(first: Day, last: Day?) -> Bool {
            if inside(first) { return false }
            if first <= l2, let last, inside(last) { return false }
            return true
        }

        /// A `maalgruppe` period: does not start in (L1, L2].
        @inlinable public func keepsMaalgruppe(from fra: Day) -> Bool { !inside(fra) }

        /// A `bopael` period: does not start in (L1, L2] nor end in [L1, L2).
        @inlinable public func keepsBopael(from fra: Day, to til: Day?) -> Bool {
            if inside(fra) { return false }
            if let til, l1 <= til, til < l2 { return false }
            return true
        }
    }

    /// Whether every group's label and code (``groupLabel(_:sats:month:rules:)``,
    /// ``groupCode(_:sats:month:rules:)``) are the same in both months.
    public static func labelsAgree(_ earlier: YearMonth, _ later: YearMonth, rules: DomainRules = .standard) -> Bool {
        let sats: [KHSats?] = [nil] + KHSats.allCases.map { $0 }
        for g in BenefitGroup.allCases {
            for s in sats {
                if groupLabel(g, sats: s, month: earlier, rules: rules) != groupLabel(g, sats: s, month: later, rules: rules)
                    || groupCode(g, sats: s, month: earlier, rules: rules) != groupCode(g, sats: s, month: later, rules: rules) {
                    return false
                }
            }
        }
        return true
    }
}
