/// One named series of a chart: a published cell (or nothing) per category.
public struct ChartSeries: Sendable {
    /// The legend text, e.g. `Forsøg` or `Behov for tidlig indsats`.
    public var name: String
    /// One entry per category; nil when the published table has no such cell.
    public var cells: [PublishedCell?]

    public init(name: String, cells: [PublishedCell?]) {
        self.name = name
        self.cells = cells
    }
}

/// The colours of the series, in order (colour-blind friendly, distinct in greyscale print).
enum ChartPalette {
    static let colours = ["#1f4e79", "#e07b39", "#5b9bd5", "#70ad47", "#a5a5a5", "#ffc000", "#7030a0", "#c00000"]
    static func colour(_ i: Int) -> String { colours[i % colours.count] }
}
