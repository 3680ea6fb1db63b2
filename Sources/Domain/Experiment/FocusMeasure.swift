/// FSG-2.2: the focus measure of the tilsynsmåling. For each supervision month m, share(m) =
/// Ja / (Ja + Nej) over the FA forløb ended in m; the measure is the mean of share(m) over the
/// supervision months with FA forløb (months without are skipped), compared unrounded with the
/// target (TV-35, TV-36).
public struct FocusMeasure: Sendable, Hashable {
    /// Ja and Nej of one supervision month.
    public struct Month: Sendable, Hashable {
        public var ja: Int
        public var nej: Int
        public init(ja: Int, nej: Int) {
            self.ja = ja
            self.nej = nej
        }
        public var total: Int { ja + nej }
        /// share(m); nil without FA forløb.
        public var share: Double? { total > 0 ? Double(ja) / Double(total) : nil }
    }

    /// "Minimum 85 %" of the FA forløb with at least two individual jobsamtaler.
    public static let target = 0.85

    public var months: [Month]

    public init(months: [Month]) { self.months = months }

    /// The mean of share(m) over the months with FA forløb; nil when there are none.
    public var value: Double? {
        let shares = months.compactMap(\.share)
        return shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count)
    }

    /// Σ Ja and Σ Nej over the months (the `Gennemsnit` row's counts).
    public var ja: Int { months.reduce(0) { $0 + $1.ja } }
    public var nej: Int { months.reduce(0) { $0 + $1.nej } }

    /// Whether the target is met, compared unrounded (DISC-5); false without FA forløb.
    public var targetMet: Bool { value.map { $0 >= Self.target } ?? false }
}
