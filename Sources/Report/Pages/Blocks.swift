/// The building blocks of the pages: sections, tiles and tables whose figures are published
/// cells shown verbatim and marked with `data-src` (see ``PublishedCell/source``).
enum Blocks {
    /// A Tema (or the status page, or a Bilag): `<section class="tema">` with an `<h2>`.
    static func tema(id: String, title: String, extraClass: String? = nil, _ children: [Node]) -> Node {
        .el("section", [("class", extraClass.map { "tema \($0)" } ?? "tema"), ("id", id)],
            [.el("h2", [], text: title)] + children)
    }

    /// A Måling: `<section class="maaling">` with an `<h3>`.
    static func maaling(id: String, title: String, _ children: [Node]) -> Node {
        .el("section", [("class", "maaling"), ("id", id)], [.el("h3", [], text: title)] + children)
    }

    static func heading(_ text: String) -> Node { .el("h4", [], text: text) }
    static func note(_ text: String) -> Node { .el("p", [("class", "note")], text: text) }

    /// The text shown for a cell: as published, with ` %` after a number when it is a percent,
    /// `–` for an empty cell.
    static func shown(_ cell: PublishedCell, percent: Bool) -> String {
        BarChart.shown(cell, percent: percent)
    }

    /// A status tile: a label and a big figure.
    static func tile(_ label: String, _ cell: PublishedCell?) -> Node {
        .el("div", [("class", "tile")], [
            .el("div", [("class", "tile-label")], text: label),
            value("div", cell, percent: false, cls: "tile-value"),
        ])
    }

    /// An element showing one cell (`<td>` in tables); a missing cell is an empty element.
    static func value(_ tag: String, _ cell: PublishedCell?, percent: Bool, cls: String? = nil) -> Node {
        guard let cell else { return .el(tag, [("class", cls.map { "\($0) missing" } ?? "missing")], text: "") }
        return .el(tag, [("class", cls), ("data-src", cell.source)], text: shown(cell, percent: percent))
    }

    /// One row of a data table.
    struct Row {
        var label: String
        var cells: [PublishedCell?]
        var kind: Kind = .plain
        enum Kind { case plain, total, sub }
    }

    /// A table with a caption, column headers (the first heads the row labels) and rows.
    static func table(caption: String?, headers: [String], rows: [Row], percent: Bool = false,
                      percentColumns: Set<Int> = []) -> Node {
        var children: [Node] = []
        if let caption { children.append(.el("caption", [], text: caption)) }
        children.append(.el("thead", [], [.el("tr", [], headers.map { .el("th", [("scope", "col")], text: $0) })]))
        children.append(.el("tbody", [], rows.map { r in
            let cls: String? = r.kind == .total ? "total" : r.kind == .sub ? "sub" : nil
            return .el("tr", [("class", cls)], [.el("th", [("scope", "row")], text: r.label)]
                + r.cells.enumerated().map { i, c in value("td", c, percent: percent || percentColumns.contains(i)) })
        }))
        return .el("table", [("class", "data")], children)
    }

    /// The discretion caption of the seeds' Bilag (DISC-1, DISC-2).
    static let discretionNote = "Opgørelserne er diskretionerede. Såfremt der er to eller færre personer i en given "
        + "kombination er antallet erstattet med tegnet *."
}
