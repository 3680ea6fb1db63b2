/// A whole report page: one self-contained XHTML-compatible HTML5 document (`lang="da"`,
/// inline CSS, no scripts, no external resources).
struct PageDocument {
    var title: String
    var subtitle: String
    /// Links to every page: (file name, text).
    var navigation: [(file: String, text: String)]
    /// The file name of this page; its entry in the navigation is not a link.
    var current: String
    var body: [Node]

    func render() -> String {
        let html = Node.el("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "da"), ("xml:lang", "da")], [
            .el("head", [], [
                .el("meta", [("charset", "utf-8")]),
                .el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                .el("title", [], text: title),
                .el("style", [], text: ReportStyle.css),
            ]),
            .el("body", [], [
                .el("header", [("class", "page-header")], [
                    .el("h1", [], text: title),
                    .el("p", [], text: subtitle),
                ]),
                .el("nav", [("class", "pages"), ("aria-label", "Andre sider")],
                    navigation.map { item in
                        item.file == current
                            ? .el("strong", [("aria-current", "page")], text: item.text)
                            : .el("a", [("href", item.file)], text: item.text)
                    }),
                .el("main", [], body),
            ]),
        ])
        return "<!DOCTYPE html>\n" + html.render() + "\n"
    }
}
