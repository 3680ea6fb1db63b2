import YdelseIO

/// The 13 sources of INPUTS.md, in its order; the raw value indexes ``SourceCatalog/all``.
enum Source: Int, CaseIterable, Sendable {
    case fleur, taeller, ky, ksd, samtale, fravaer, maalgruppe, tilbud, tilmelding, forsoeg, person, bopael, eindkomst

    var layout: SourceLayout { SourceCatalog.all[rawValue] }
    var name: String { layout.name }
}
