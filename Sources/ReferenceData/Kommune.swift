/// One of the 98 kommuner (`kommuner.csv`).
public struct Kommune: Sendable, Hashable {
    /// 3-digit code, e.g. `751`.
    public var code: String
    /// Danish name, e.g. `Aarhus`.
    public var name: String
    /// Approximate population, used to weight synthetic residence.
    public var population: Int

    /// All kommuner in code order.
    public static let all: [Kommune] = {
        guard let t = try? ReferenceTable.load("kommuner") else { return [] }
        return t.records.map { Kommune(code: $0["kode"]!, name: $0["navn"]!, population: Int($0["indbyggere"]!) ?? 0) }
    }()

    public static let byCode: [String: Kommune] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}

/// An a-kasse (`akasser.csv`): `01`-`09` are the experiment a-kasser.
public struct AKasse: Sendable, Hashable {
    /// 2-digit code.
    public var code: String
    /// Short name used in tables (`3F-A`).
    public var shortName: String
    public var name: String
    /// Takes part in the experiment "Mere ansvar til a-kasser".
    public var inExperiment: Bool

    public static let all: [AKasse] = {
        guard let t = try? ReferenceTable.load("akasser") else { return [] }
        return t.records.map {
            AKasse(code: $0["kode"]!, shortName: $0["kortnavn"]!, name: $0["navn"]!, inExperiment: $0["forsoeg"] == "J")
        }
    }()

    /// The nine experiment a-kasser in column order 01..09.
    public static let experiment: [AKasse] = all.filter(\.inExperiment)
    public static let byCode: [String: AKasse] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}
