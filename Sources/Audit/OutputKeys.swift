/// The key (dimension) columns of each published or measures table of OUTPUTS.md: the
/// columns that name a cell's row. The other columns are the cell's values.
public enum OutputKeys {
    /// Key columns by file name.
    public static let byFile: [String: [String]] = [
        "jobsamtaler.csv": ["maaned", "kommune", "ydelsesgruppe", "varighed"],
        "jobsamtaler_fokus.csv": ["periode", "kommune", "ydelsesgruppe"],
        "status.csv": ["maaned", "akasse"],
        "m1_1_paabegyndte.csv": ["maaned", "akasse"],
        "m1_2_afsluttede.csv": ["maaned", "akasse", "aarsag"],
        "m1_3_omfattede.csv": ["maaned", "akasse"],
        "m2_1_samtaler_per_deltager.csv": ["maaned", "akasse", "samtaler"],
        "m2_1_gennemsnit.csv": ["maaned", "akasse"],
        "m2_2_fokusmaal.csv": ["maaned", "akasse"],
        "m2_3_samtaler.csv": ["maaned", "akasse", "samtaletype"],
        "m2_3_sammen.csv": ["maaned", "akasse"],
        "m3_1_tilbud.csv": ["maaned", "akasse", "kategori"],
        "m4_1_afgang.csv": ["kvartal", "population", "uge"],
        "m4_2_status.csv": ["kvartal", "population", "status"],
        "bilag1_paabegyndte.csv": ["kommune", "akasse"],
        "bilag1_afsluttede.csv": ["kommune", "akasse", "aarsagsgruppe"],
        "bilag2_fokus.csv": ["kommune", "akasse", "svar"],
        "bilag3_fokus.csv": ["tabel", "maaned", "akasse"],
        "kvalitet_forsoegsperiode.csv": ["akasse", "forloeb_id"],
    ]

    /// The key columns of `file` with header `header`: the known ones, or for a table this
    /// list does not know, every column (so a change shows as a removed and an added row).
    public static func keys(file: String, header: [String]) -> [String] {
        if let k = byFile[file], k.allSatisfy(header.contains) { return k }
        return header
    }
}
