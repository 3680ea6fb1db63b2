import ColumnStore
import ReferenceData

/// The 13 sources of INPUTS.md, declared as data.
public enum SourceCatalog {
    static let forsikring: FieldKind = .code(["H", "D"])
    static let jn: FieldKind = .code(["J", "N"])

    /// SPELL-7: the day UH and SHO become KH, from `rule_windows.csv` (rules are dated data).
    static let conversionDay: Day = {
        guard let day = (try? RuleWindows.load())?.windows("SPELL-7").first?.from else {
            preconditionFailure("reference data rule_windows.csv lacks the SPELL-7 window")
        }
        return day
    }()

    /// FLEUR a-dagpenge payments: fixed width, 80 characters, events.
    public static let fleur = SourceLayout(
        name: "fleur", fileExtension: "dat", format: .fixedWidth(recordLength: 80),
        fields: [
            FieldSpec("recordtype", .literal("1001"), at: (1, 4)),
            FieldSpec("pnr", .pnr, at: (5, 10)),
            FieldSpec("akasse", .akasse, at: (15, 2)),
            FieldSpec("periode_fra", .compactDate, at: (17, 8)),
            FieldSpec("periode_til", .compactDate, at: (25, 8)),
            FieldSpec("ydelsestype", .code(["01", "02", "03", "04", "05", "06", "07"]), at: (33, 2)),
            FieldSpec("timer", .fixedHours, at: (35, 7)),
            FieldSpec("fradragstimer", .fixedHours, at: (42, 7)),
            FieldSpec("forsikring", forsikring, at: (49, 1)),
            FieldSpec("kommune", .kommune, at: (50, 3)),
            FieldSpec("udbetalingsdato", .compactDate, at: (53, 8)),
            FieldSpec("fortegn", .code(["+", "-"]), at: (61, 1)),
        ],
        key: nil,
        checks: [.endNotBeforeStart(start: "periode_fra", end: "periode_til")])

    public static let taeller = SourceLayout(
        name: "taeller", fileExtension: "csv", format: .delimited,
        fields: [
            FieldSpec("pnr", .pnr), FieldSpec("periode_id", .text),
            FieldSpec("foerste_dag", .date), FieldSpec("sidste_dag", .date, optional: true),
            FieldSpec("forsikring", forsikring),
        ],
        key: "periode_id",
        checks: [.endNotBeforeStart(start: "foerste_dag", end: "sidste_dag")])

    public static let ky = SourceLayout(
        name: "ky", fileExtension: "csv", format: .delimited,
        fields: [
            FieldSpec("pnr", .pnr),
            FieldSpec("ydelse", .code(["KH", "UH", "SHO", "SHOP", "REV", "FREV", "RES", "JAF", "LED", "SKH", "FTP"])),
            FieldSpec("sats", .code(["M", "G", "H"]), optional: true),
            FieldSpec("fra", .date), FieldSpec("til", .date),
            FieldSpec("kommune", .kommune), FieldSpec("loentilskud", jn),
        ],
        key: nil,
        checks: [
            .endNotBeforeStart(start: "fra", end: "til"),
            .codeEndsBefore(field: "ydelse", values: ["UH", "SHO"], dateField: "til",
                            from: conversionDay,
                            reason: "UH or SHO paid after 2025-06-30 (SPELL-7)"),
        ])

    public static let ksd = SourceLayout(
        name: "ksd", fileExtension: "csv", format: .delimited,
        fields: [
            FieldSpec("pnr", .pnr), FieldSpec("forloeb_id", .text),
            FieldSpec("start", .date), FieldSpec("slut", .date, optional: true),
            FieldSpec("kommune", .kommune),
        ],
        key: "forloeb_id",
        checks: [.endNotBeforeStart(start: "start", end: "slut")])

    public static let samtale = SourceLayout(
        name: "samtale", fileExtension: "csv", format: .delimited,
        fields: [
            FieldSpec("pnr", .pnr), FieldSpec("samtale_id", .text), FieldSpec("dato", .date),
            FieldSpec("type", .code(["JOB", "FJOB", "CV", "RAAD", "SYG"])),
            FieldSpec("kontaktform", .code(["P", "T", "D"])),
            FieldSpec("afholder", .code(["JC", "AK", "AA"])),
            FieldSpec("individuel", jn),
            FieldSpec("kommune", .kommune),
            FieldSpec("akasse", .akasse, optional: true),
        ],
        key: "samtale_id")

    /// Exemption and dead-period codes: the seed's Bilagstabeller IDs plus the spec-assigned 1, 90, 91, 92.
    public static let fravaerCodes: [String] = [
        "1", "2", "3", "4", "6", "7", "10", "11", "16", "23", "24", "43", "44", "45", "46", "47", "50", "53",
        "65", "66", "70", "71", "72", "73", "76", "77", "78", "79", "90", "91", "92",
    ]

    public static let fravaer = SourceLayout(
        name: "fravaer", fileExtension: "csv", format: .delimited,
        fields: [
            FieldSpec("pnr", .pnr), FieldSpec("fravaer_id", .text),
            FieldSpec("kode", .code(fravaerCodes)),
            FieldSpec("fra", .date), FieldSpec("til", .date, optional: true),
        ],
        key: "fravaer_id",
        checks: [.endNotBeforeStart(start: "fra", end: "til")])

    public static let maalgruppe = SourceLayout(
        name: "maalgruppe", fileExtension: "csv", format: .delimited,
        fields: [
            FieldSpec("pnr", .pnr), FieldSpec("periode_id", .text),
            FieldSpec("fra", .date), FieldSpec("til", .date, optional: true),
            FieldSpec("kontaktgruppe", .code(["1", "2", "12"])),
            FieldSpec("visitation", .code(["J", "A", "U", "OU"]), optional: true),
        ],
        key: "periode_id",
        checks: [.endNotBeforeStart(start: "fra", end: "til")])

    public static let tilbud = SourceLayout(
        name: "tilbud", fileExtension: "csv", format: .delimited,
        fields: [
            FieldSpec("pnr", .pnr), FieldSpec("tilbud_id", .text),
            FieldSpec("kategori", .code(["VO", "JRU", "VP", "LT", "RAT"])),
            FieldSpec("fra", .date), FieldSpec("til", .date, optional: true),
            FieldSpec("kommune", .kommune),
            FieldSpec("akasse", .akasse, optional: true),
        ],
        key: "tilbud_id",
        checks: [.endNotBeforeStart(start: "fra", end: "til")])

    public static let tilmelding = SourceLayout(
        name: "tilmelding", fileExtension: "csv", format: .delimited,
        fields: [FieldSpec("pnr", .pnr), FieldSpec("dato", .date)],
        key: nil)

    public static let forsoeg = SourceLayout(
        name: "forsoeg", fileExtension: "csv", format: .delimited,
        fields: [
            FieldSpec("pnr", .pnr), FieldSpec("forloeb_id", .text),
            FieldSpec("akasse", .akasse), FieldSpec("kommune", .kommune),
            FieldSpec("visitationsdato", .date), FieldSpec("afslutningsdato", .date, optional: true),
            FieldSpec("aarsag", .code(["TI", "UP", "FA", "KE", "ND", "UA"]), optional: true),
            FieldSpec("forsikring", forsikring),
        ],
        key: "forloeb_id",
        checks: [.endNotBeforeStart(start: "visitationsdato", end: "afslutningsdato")])

    public static let person = SourceLayout(
        name: "person", fileExtension: "csv", format: .delimited,
        fields: [FieldSpec("pnr", .pnr), FieldSpec("foedselsdato", .date)],
        key: "pnr")

    public static let bopael = SourceLayout(
        name: "bopael", fileExtension: "csv", format: .delimited,
        fields: [
            FieldSpec("pnr", .pnr), FieldSpec("periode_id", .text), FieldSpec("kommune", .kommune),
            FieldSpec("fra", .date), FieldSpec("til", .date, optional: true),
        ],
        key: "periode_id",
        checks: [.endNotBeforeStart(start: "fra", end: "til")])

    public static let eindkomst = SourceLayout(
        name: "eindkomst", fileExtension: "csv", format: .delimited,
        fields: [FieldSpec("pnr", .pnr), FieldSpec("maaned", .month), FieldSpec("loentimer", .decimalHours)],
        key: nil)

    /// Every source, in the order of INPUTS.md.
    public static let all: [SourceLayout] = [
        fleur, taeller, ky, ksd, samtale, fravaer, maalgruppe, tilbud, tilmelding, forsoeg, person, bopael, eindkomst,
    ]

    public static func layout(named name: String) -> SourceLayout? { all.first { $0.name == name } }
}
