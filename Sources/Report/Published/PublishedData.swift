/// Every published table the report reads, loaded through a function that returns a file's
/// bytes (in the pipeline: ``StageContext/file(_:_:)`` of the stage that wrote it).
public struct PublishedData: Sendable {
    /// The experiment monitoring tables (OUTPUTS.md, RULES.md Part B), by file name.
    public static let experimentFiles: [String: [String]] = [
        "status.csv": ["maaned", "akasse", "omfattet_sidste_uge", "paabegyndte", "afsluttede", "unikke_samtaler",
                       "personer_paabegyndt_tilbud", "tilbud_vejledning_opkvalificering", "tilbud_virksomhedspraktik",
                       "gns_unikke_samtaler_fuld_periode"],
        "m1_1_paabegyndte.csv": ["maaned", "akasse", "antal", "andel"],
        "m1_2_afsluttede.csv": ["maaned", "akasse", "aarsag", "antal", "andel"],
        "m1_3_omfattede.csv": ["maaned", "akasse", "antal", "andel"],
        "m2_1_samtaler_per_deltager.csv": ["maaned", "akasse", "samtaler", "antal", "andel"],
        "m2_1_gennemsnit.csv": ["maaned", "akasse", "gennemsnit"],
        "m2_2_fokusmaal.csv": ["maaned", "akasse", "ja", "nej", "andel"],
        "m2_3_samtaler.csv": ["maaned", "akasse", "samtaletype", "antal"],
        "m2_3_sammen.csv": ["maaned", "akasse", "andel_jobsamtaler", "andel_faelles_jobsamtaler"],
        "m3_1_tilbud.csv": ["maaned", "akasse", "kategori", "personer", "andel"],
        "m4_1_afgang.csv": ["kvartal", "population", "uge", "kohorte", "andel_paa_dagpenge"],
        "m4_2_status.csv": ["kvartal", "population", "status", "andel"],
        "bilag1_paabegyndte.csv": ["kommune", "akasse", "antal"],
        "bilag1_afsluttede.csv": ["kommune", "akasse", "aarsagsgruppe", "antal"],
        "bilag2_fokus.csv": ["kommune", "akasse", "svar", "antal"],
        "bilag3_fokus.csv": ["tabel", "maaned", "akasse", "ja", "nej", "i_alt"],
    ]
    /// The jobsamtaler tables (OUTPUTS.md, RULES.md Part A), by file name.
    public static let jobsamtalerFiles: [String: [String]] = [
        "jobsamtaler.csv": ["maaned", "kommune", "ydelsesgruppe", "varighed", "samtaler_0", "samtaler_1", "samtaler_2",
                            "samtaler_3", "samtaler_4", "samtaler_5plus", "personer", "faerre_end_4",
                            "andel_faerre_end_4", "fritagne"],
        "jobsamtaler_fokus.csv": ["periode", "kommune", "ydelsesgruppe", "andel_faerre_end_4_gns"],
    ]

    let tables: [String: PublishedTable]

    /// Loads `files` (name → required columns) with `read(name)`, which returns the bytes of
    /// `published/<name>` or nil when the file does not exist.
    public init(files: [String: [String]], read: (String) throws -> [UInt8]?) throws {
        var t: [String: PublishedTable] = [:]
        for (name, columns) in files.sorted(by: { $0.key < $1.key }) {
            guard let bytes = try read(name) else { throw ReportError.missingFile("published/\(name)") }
            t[name] = try PublishedTable(name: name, data: bytes, columns: columns)
        }
        tables = t
    }

    /// The table `name`; it must be among the files loaded.
    public subscript(_ name: String) -> PublishedTable {
        guard let t = tables[name] else { preconditionFailure("published table \(name) was not loaded") }
        return t
    }
}
