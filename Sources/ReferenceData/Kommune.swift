/// One of the 98 kommuner (`kommuner.csv`).
public struct Kommune: Sendable, Hashable {
    /// 3-digit code, e.g. `751`.
    public var code: String
    /// Danish name, e.g. `Aarhus`.
    public var name: String
    /// Approximate population, used to weight synthetic residence.
    public var population: Int

    /// All kommuner in code order (`kommuner.csv`, compiled in).
    public static let all: [Kommune] = ReferenceTable.bundled { try kommuner(in: ReferenceTable.load("kommuner")) }

    /// The kommuner of a `kommuner.csv` table (`kode;navn;indbyggere`); throws, naming the file
    /// and line, for a missing column or a population that is not a whole number.
    public static func kommuner(in t: ReferenceTable) throws -> [Kommune] {
        let codes = try t.requiredValues("kode"), names = try t.requiredValues("navn")
        let populations = try t.requiredValues("indbyggere")
        return try codes.indices.map { i in
            guard let population = Int(populations[i]) else {
                throw ReferenceDataError(file: "\(t.name).csv", line: i + 2, reason: "indbyggere \(populations[i]) is not a whole number")
            }
            return Kommune(code: codes[i], name: names[i], population: population)
        }
    }

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

    /// All a-kasser in code order (`akasser.csv`, compiled in).
    public static let all: [AKasse] = ReferenceTable.bundled { try akasser(in: ReferenceTable.load("akasser")) }

    /// The a-kasser of an `akasser.csv` table (`kode;kortnavn;navn;forsoeg`, `forsoeg` `J` or
    /// `N`); throws, naming the file and line, for a missing column or another `forsoeg` value.
    public static func akasser(in t: ReferenceTable) throws -> [AKasse] {
        let codes = try t.requiredValues("kode"), shortNames = try t.requiredValues("kortnavn")
        let names = try t.requiredValues("navn"), experiment = try t.requiredValues("forsoeg")
        return try codes.indices.map { i in
            guard experiment[i] == "J" || experiment[i] == "N" else {
                throw ReferenceDataError(file: "\(t.name).csv", line: i + 2, reason: "forsoeg \(experiment[i]) is neither J nor N")
            }
            return AKasse(code: codes[i], shortName: shortNames[i], name: names[i], inExperiment: experiment[i] == "J")
        }
    }

    /// The nine experiment a-kasser in column order 01..09.
    public static let experiment: [AKasse] = all.filter(\.inExperiment)
    public static let byCode: [String: AKasse] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}
