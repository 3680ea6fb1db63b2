/// What every chart shares: the `<svg>` element with its text alternative, the legend, and the
/// note about cells that are not drawn.
struct ChartFrame {
    /// Unique on the page; prefixes the ids of `<title>` and `<desc>`.
    var id: String
    var title: String
    var description: String
    var width: Double
    var height: Double
    /// `bar-vertical`, `bar-horizontal` or `line`, as attribute `data-kind` (for the tests and styling).
    var kind: String

    /// The `<figure>` holding the svg (with `role="img"`, `<title>`, `<desc>`), a legend when
    /// there is more than one series, and a note when some cells are symbols.
    func figure(content: [Node], legend: [String], symbols: [PublishedCell]) -> Node {
        let svg = Node.el("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("id", id), ("role", "img"), ("data-kind", kind),
            ("viewBox", "0 0 \(Fmt.px(width)) \(Fmt.px(height))"), ("width", Fmt.px(width)), ("height", Fmt.px(height)),
            ("aria-labelledby", "\(id)-title \(id)-desc"),
        ], [
            .el("title", [("id", "\(id)-title")], text: title),
            .el("desc", [("id", "\(id)-desc")], text: description),
        ] + content)
        var children = [svg]
        if legend.count > 1 {
            children.append(.el("ul", [("class", "legend")], legend.enumerated().map { i, name in
                .el("li", [], [
                    .el("span", [("class", "swatch"), ("style", "background:\(ChartPalette.colour(i))")], text: " "),
                    .text(name),
                ])
            }))
        }
        if !symbols.isEmpty {
            children.append(.el("figcaption", [("class", "chart-note")], text: Self.note(symbols)))
        }
        return .el("figure", [("class", "chart-figure")], children)
    }

    /// "Ikke tegnet: …" naming the symbols that occur (DISC-1, DISC-2, DISC-4).
    static func note(_ symbols: [PublishedCell]) -> String {
        let texts = Set(symbols.map(\.text))
        var parts: [String] = []
        if texts.contains("*") { parts.append("* = 1-2 personer (diskretioneret)") }
        if texts.contains(".") { parts.append(". = ingen personer eller ingen at beregne andelen af") }
        if texts.contains("NaN") { parts.append("NaN = ingen at beregne andelen af") }
        if texts.contains("") { parts.append("tom celle = ikke defineret") }
        return "Celler med symboler tegnes ikke i figuren (se tabellen): " + parts.joined(separator: "; ") + "."
    }

    /// A text element.
    static func text(_ s: String, x: Double, y: Double, anchor: String = "middle", cls: String? = nil,
                     source: PublishedCell? = nil) -> Node {
        .el("text", [("x", Fmt.px(x)), ("y", Fmt.px(y)), ("text-anchor", anchor), ("class", cls),
                     ("data-src", source?.source)], text: s)
    }

    /// A line element.
    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cls: String) -> Node {
        .el("line", [("x1", Fmt.px(x1)), ("y1", Fmt.px(y1)), ("x2", Fmt.px(x2)), ("y2", Fmt.px(y2)), ("class", cls)])
    }
}
