/// The permitted experiment pairs (`akasse_kommuner.csv`): which of the nine
/// experiment a-kasser (`01`-`09`) may run the experiment "Mere ansvar til
/// a-kasser" in which kommune (INPUTS.md "Reference tables", seed 004).
///
/// Dansk Metal-A (03), FOA-A (04) and SL-A (09) are permitted in the 83
/// kommuner outside the 15 frikommuner; 3F-A in 55, HK-A in 45, FTF-A in 36,
/// Min-A in 10, BUPL-A in 7 and MA-A in 4. See `docs/GENERATOR.md` for how
/// the regional sets were chosen.
public struct ExperimentPair: Sendable, Hashable {
    /// 2-digit a-kasse code `01`-`09`.
    public var akasse: String
    /// 3-digit kommune code.
    public var kommune: String

    public init(akasse: String, kommune: String) {
        self.akasse = akasse
        self.kommune = kommune
    }

    /// Every permitted pair, sorted by a-kasse then kommune code (`akasse_kommuner.csv`, compiled in).
    public static let all: [ExperimentPair] = ReferenceTable.bundled {
        let t = try ReferenceTable.load("akasse_kommuner")
        return zip(try t.requiredValues("akasse"), try t.requiredValues("kommune")).map { ExperimentPair(akasse: $0, kommune: $1) }
    }

    /// The permitted pairs as a set, for membership tests.
    public static let permitted: Set<ExperimentPair> = Set(all)

    /// Whether `akasse` may run the experiment in `kommune`.
    public static func isPermitted(akasse: String, kommune: String) -> Bool {
        permitted.contains(ExperimentPair(akasse: akasse, kommune: kommune))
    }

    /// The kommune codes where `akasse` takes part, in code order.
    public static func kommuner(for akasse: String) -> [String] {
        all.filter { $0.akasse == akasse }.map(\.kommune)
    }
}
