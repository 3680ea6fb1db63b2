/// A piece of XHTML-compatible markup: an element with attributes and children, or text.
///
/// Every page and every chart is built from nodes and rendered by ``render()``; text and
/// attribute values are escaped there, so a label read from a published file can never break
/// the markup. The output is well-formed XML (void elements self-closed), which lets the tests
/// parse pages with a strict XML parser.
public indirect enum Node: Sendable, Equatable {
    case element(String, [Attribute], [Node])
    case text(String)

    /// One `name="value"` attribute.
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }

    /// An element; attributes whose value is `nil` are left out.
    public static func el(_ name: String, _ attributes: [(String, String?)] = [], _ children: [Node] = []) -> Node {
        .element(name, attributes.compactMap { a in a.1.map { Attribute(a.0, $0) } }, children)
    }

    /// An element holding only text.
    public static func el(_ name: String, _ attributes: [(String, String?)] = [], text: String) -> Node {
        el(name, attributes, [.text(text)])
    }

    /// The markup as text.
    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        switch self {
        case let .text(s):
            out += Self.escape(s, quotes: false)
        case let .element(name, attributes, children):
            out += "<" + name
            for a in attributes { out += " \(a.name)=\"\(Self.escape(a.value, quotes: true))\"" }
            if children.isEmpty && !Self.needsClosingTag.contains(name) {
                out += "/>"
                return
            }
            out += ">"
            for c in children { c.render(into: &out) }
            out += "</\(name)>"
        }
    }

    /// Elements that HTML parsers do not accept self-closed (`<div/>` would open a div).
    static let needsClosingTag: Set<String> = [
        "div", "span", "p", "td", "th", "tr", "table", "section", "style", "title", "svg", "g", "text",
        "a", "h1", "h2", "h3", "h4", "ul", "li", "script", "caption", "thead", "tbody", "desc", "dl",
        "dt", "dd", "header", "footer", "nav", "main", "figure", "figcaption", "tspan", "strong", "em",
    ]

    /// `&`, `<`, `>` (and `"` in attributes) as entities.
    public static func escape(_ s: String, quotes: Bool) -> String {
        guard s.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || (quotes && $0 == "\"") }) else { return s }
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
