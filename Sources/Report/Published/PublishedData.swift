/// Every published table the report reads, loaded through a function that returns a file's
/// bytes (in the pipeline: ``StageContext/file(_:_:)`` of the stage that wrote it).
public struct PublishedData: Sendable {
    /// The experiment monitoring tables (OUTPUTS.md, RULES.md Part B), by file name.
    public static let experimentFiles: [String: PublishedLayout] = [
        "status.csv": PublishedLayout(keys: ["maaned", "akasse"],
            values: ["omfattet_sidste_uge", "paabegyndte", "afsluttede", "unikke_samtaler", "personer_paabegyndt_tilbud", "tilbud_vejledning_opkvalificering", "tilbud_virksomhedspraktik", "gns_unikke_samtaler_fuld_periode"]),
        "m1_1_paabegyndte.csv": PublishedLayout(keys: ["maaned", "akasse"],
            values: ["antal", "andel"]),
        "m1_2_afsluttede.csv": PublishedLayout(keys: ["maaned", "akasse", "aarsag"],
            values: ["antal", "andel"]),
        "m1_3_omfattede.csv": PublishedLayout(keys: ["maaned", "akasse"],
            values: ["antal", "andel"]),
        "m2_1_samtaler_per_deltager.csv": PublishedLayout(keys: ["maaned", "akasse", "samtaler"],
            values: ["antal", "andel"]),
        "m2_1_gennemsnit.csv": PublishedLayout(keys: ["maaned", "akasse"],
            values: ["gennemsnit"]),
        "m2_2_fokusmaal.csv": PublishedLayout(keys: ["maaned", "akasse"],
            values: ["ja", "nej", "andel"]),
        "m2_3_samtaler.csv": PublishedLayout(keys: ["maaned", "akasse", "samtaletype"],
            values: ["antal"]),
        "m2_3_sammen.csv": PublishedLayout(keys: ["maaned", "akasse"],
            values: ["andel_jobsamtaler", "andel_faelles_jobsamtaler"]),
        "m3_1_tilbud.csv": PublishedLayout(keys: ["maaned", "akasse", "kategori"],
            values: ["personer", "andel"]),
        "m4_1_afgang.csv": PublishedLayout(keys: ["kvartal", "population", "uge"],
            values: ["kohorte", "andel_paa_dagpenge"]),
        "m4_2_status.csv": PublishedLayout(keys: ["kvartal", "population", "status"],
            values: ["andel"]),
        "bilag1_paabegyndte.csv": PublishedLayout(keys: ["kommune", "akasse"],
            values: ["antal"]),
        "bilag1_afsluttede.csv": PublishedLayout(keys: ["kommune", "akasse", "aarsagsgruppe"],
            values: ["antal"]),
        "bilag2_fokus.csv": PublishedLayout(keys: ["kommune", "akasse", "svar"],
            values: ["antal"]),
        "bilag3_fokus.csv": PublishedLayout(keys: ["tabel", "maaned", "akasse"],
            values: ["ja", "nej", "i_alt"]),
    ]
    /// The jobsamtaler tables (OUTPUTS.md, RULES.md Part A), by file name.
    public static let jobsamtalerFiles: [String: PublishedLayout] = [
        "jobsamtaler.csv": PublishedLayout(keys: ["maaned", "kommune", "ydelsesgruppe", "varighed"],
            values: ["samtaler_0", "samtaler_1", "samtaler_2", "samtaler_3", "samtaler_4", "samtaler_5plus", "personer", "faerre_end_4", "andel_faerre_end_4", "fritagne"]),
        "jobsamtaler_fokus.csv": PublishedLayout(keys: ["periode", "kommune", "ydelsesgruppe"],
            values: ["andel_faerre_end_4_gns"]),
    ]

    let tables: [String: PublishedTable]

    /// Loads `files` (name → layout) with `read(name)`, which returns the bytes of
    /// `published/<name>` or nil when the file does not exist.
    public init(files: [String: PublishedLayout], read: (String) throws -> [UInt8]?) throws {
        var t: [String: PublishedTable] = [:]
        for (name, layout) in files.sorted(by: { $0.key < $1.key }) {
            guard let bytes = try read(name) else { throw ReportError.missingFile("published/\(name)") }
            t[name] = try PublishedTable(name: name, data: bytes, layout: layout)
        }
        tables = t
    }

    /// The table `name`; it must be among the files loaded.
    public subscript(_ name: String) -> PublishedTable {
        guard let t = tables[name] else { preconditionFailure("published table \(name) was not loaded") }
        return t
    }
}

/// The columns of a published file (OUTPUTS.md): the label columns that identify a row (`maaned`,
/// `akasse`, …), then the figures.
public struct PublishedLayout: Sendable {
    public var keys: [String]
    public var values: [String]
    public var columns: [String] { keys + values }

    public init(keys: [String], values: [String]) {
        self.keys = keys
        self.values = values
    }
}
