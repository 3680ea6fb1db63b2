/// A bar chart drawn as inline SVG from published cells: vertical bars per category (months)
/// or horizontal bars (a-kasser, kommuner), one or more series grouped side by side or stacked.
///
/// Only cells holding a number are drawn, with a length of exactly `value × pixelsPerUnit`
/// (attribute `data-value` carries the number, `data-src` the cell). A cell holding `*`, `.`,
/// `NaN` or nothing is not drawn: grouped charts print the symbol where the bar would be, and
/// the figure gets a note (RULES.md DISC-1..4).
public struct BarChart: Sendable {
    public enum Orientation: Sendable { case vertical, horizontal }
    public enum Layout: Sendable { case grouped, stacked }
    /// A reference line, e.g. the 85 % target of the focus measure (FSG-2.2).
    public struct Target: Sendable {
        public var value: Double
        public var label: String
        public init(value: Double, label: String) { self.value = value; self.label = label }
    }

    public var id: String
    public var title: String
    public var description: String
    /// Category labels, each one or more lines (see ``DanishMonth/axisLabels(_:)``).
    public var categories: [[String]]
    public var series: [ChartSeries]
    public var orientation: Orientation = .vertical
    public var layout: Layout = .grouped
    /// Values are percentages: value labels get ` %`.
    public var percent = false
    public var target: Target?
    public var width: Double = 860

    public init(id: String, title: String, description: String, categories: [[String]], series: [ChartSeries],
                orientation: Orientation = .vertical, layout: Layout = .grouped, percent: Bool = false,
                target: Target? = nil, width: Double = 860) {
        self.id = id
        self.title = title
        self.description = description
        self.categories = categories
        self.series = series
        self.orientation = orientation
        self.layout = layout
        self.percent = percent
        self.target = target
        self.width = width
    }

    /// The text a cell is shown with: its published text, `–` for an empty cell.
    static func shown(_ cell: PublishedCell, percent: Bool) -> String {
        if cell.text.isEmpty { return "–" }
        return percent && cell.value.number != nil ? cell.text + " %" : cell.text
    }

    /// The cells of every series that are present but hold no number.
    var symbolCells: [PublishedCell] {
        series.flatMap { $0.cells.compactMap { $0 } }.filter { $0.value.number == nil }
    }

    /// The largest value on the axis: the largest bar, or the largest stack.
    var largest: Double {
        var m = target?.value ?? 0
        for c in categories.indices {
            let values = series.compactMap { $0.cells[safe: c]??.value.number }
            m = max(m, layout == .stacked ? values.reduce(0, +) : (values.max() ?? 0))
        }
        return m
    }

    /// The chart as a `<figure>` with its svg, legend and note.
    public func render() -> Node {
        orientation == .vertical ? vertical() : horizontal()
    }

    private var showValues: Bool {
        layout == .grouped && (orientation == .horizontal || categories.count * series.count <= 16)
    }

    private func vertical() -> Node {
        let lines = categories.map(\.count).max() ?? 1
        let left = 64.0, right = target == nil ? 16.0 : 76.0, top = 18.0, plotHeight = 220.0
        let bottom = 10 + 13 * Double(lines)
        let height = top + plotHeight + bottom
        let plotWidth = width - left - right
        let scale = ChartScale(maxValue: largest, length: plotHeight)
        let baseY = top + plotHeight
        var content: [Node] = []
        for t in scale.ticks {
            let y = baseY - scale.pixels(t)
            content.append(ChartFrame.line(left, y, left + plotWidth, y, cls: t == 0 ? "axis" : "grid"))
            content.append(ChartFrame.text(ChartScale.tickText(t) + (percent ? " %" : ""), x: left - 6, y: y + 4,
                                           anchor: "end", cls: "tick"))
        }
        let n = max(categories.count, 1)
        let slot = plotWidth / Double(n)
        let groupWidth = slot * 0.8
        let barWidth = layout == .grouped ? groupWidth / Double(max(series.count, 1)) : groupWidth
        let labelStep = Int((Double(n) / 24).rounded(.up))
        for (c, label) in categories.enumerated() {
            let x0 = left + slot * Double(c) + (slot - groupWidth) / 2
            var stackTop = baseY
            for (s, serie) in series.enumerated() {
                guard let cell = serie.cells[safe: c] ?? nil else { continue }
                let x = layout == .grouped ? x0 + barWidth * Double(s) : x0
                guard let v = cell.value.number else {
                    if layout == .grouped {
                        content.append(ChartFrame.text(Self.shown(cell, percent: false), x: x + barWidth / 2, y: baseY - 4,
                                                       cls: "symbol", source: cell))
                    }
                    continue
                }
                let h = scale.pixels(v)
                let y = layout == .grouped ? baseY - h : stackTop - h
                if layout == .stacked { stackTop = y }
                content.append(bar(x: x, y: y, width: barWidth, height: h, series: s, cell: cell, value: v))
                if showValues {
                    content.append(ChartFrame.text(Self.shown(cell, percent: percent), x: x + barWidth / 2, y: y - 3,
                                                   cls: "value", source: cell))
                }
            }
            if c % labelStep == 0 || label.count > 1 {
                let cx = left + slot * (Double(c) + 0.5)
                content.append(.el("text", [("x", Fmt.px(cx)), ("y", Fmt.px(baseY + 13)), ("text-anchor", "middle"), ("class", "cat")],
                                   label.enumerated().map { i, l in
                                       .el("tspan", [("x", Fmt.px(cx)), ("dy", i == 0 ? "0" : "12")], text: l)
                                   }))
            }
        }
        if let target {
            let y = baseY - scale.pixels(target.value)
            content.append(ChartFrame.line(left, y, left + plotWidth, y, cls: "target"))
            content.append(ChartFrame.text(target.label, x: left + plotWidth + 4, y: y + 4, anchor: "start", cls: "target-label"))
        }
        return frame(height: height).figure(content: content, legend: series.map(\.name), symbols: symbolCells)
    }

    private func horizontal() -> Node {
        let left = 150.0, right = 70.0, top = 22.0
        let rowHeight = series.count > 1 ? 12.0 * Double(series.count) + 8 : 22.0
        let plotHeight = rowHeight * Double(max(categories.count, 1))
        let height = top + plotHeight + 8
        let plotWidth = width - left - right
        let scale = ChartScale(maxValue: largest, length: plotWidth)
        var content: [Node] = []
        for t in scale.ticks {
            let x = left + scale.pixels(t)
            content.append(ChartFrame.line(x, top, x, top + plotHeight, cls: t == 0 ? "axis" : "grid"))
            content.append(ChartFrame.text(ChartScale.tickText(t) + (percent ? " %" : ""), x: x, y: top - 6, cls: "tick"))
        }
        let barHeight = (rowHeight - 8) / Double(layout == .grouped ? max(series.count, 1) : 1)
        for (c, label) in categories.enumerated() {
            let y0 = top + rowHeight * Double(c) + 4
            content.append(ChartFrame.text(label.joined(separator: " "), x: left - 6, y: y0 + (rowHeight - 8) / 2 + 4,
                                           anchor: "end", cls: "cat"))
            var stackEnd = left
            for (s, serie) in series.enumerated() {
                guard let cell = serie.cells[safe: c] ?? nil else { continue }
                let y = layout == .grouped ? y0 + barHeight * Double(s) : y0
                guard let v = cell.value.number else {
                    if layout == .grouped {
                        content.append(ChartFrame.text(Self.shown(cell, percent: false), x: left + 4, y: y + barHeight / 2 + 4,
                                                       anchor: "start", cls: "symbol", source: cell))
                    }
                    continue
                }
                let w = scale.pixels(v)
                let x = layout == .grouped ? left : stackEnd
                if layout == .stacked { stackEnd += w }
                content.append(.el("rect", [("x", Fmt.px(x)), ("y", Fmt.px(y)), ("width", Fmt.px(w)), ("height", Fmt.px(barHeight)),
                                            ("class", "bar"), ("fill", ChartPalette.colour(s)), ("data-value", Self.plain(v)),
                                            ("data-src", cell.source)]))
                if showValues {
                    content.append(ChartFrame.text(Self.shown(cell, percent: percent), x: x + w + 4, y: y + barHeight / 2 + 4,
                                                   anchor: "start", cls: "value", source: cell))
                }
            }
        }
        if let target {
            let x = left + scale.pixels(target.value)
            content.append(ChartFrame.line(x, top, x, top + plotHeight, cls: "target"))
            content.append(ChartFrame.text(target.label, x: x + 3, y: top + plotHeight + 6, anchor: "start", cls: "target-label"))
        }
        return frame(height: height + 10).figure(content: content, legend: series.map(\.name), symbols: symbolCells)
    }

    private func bar(x: Double, y: Double, width: Double, height: Double, series s: Int, cell: PublishedCell, value: Double) -> Node {
        .el("rect", [("x", Fmt.px(x)), ("y", Fmt.px(y)), ("width", Fmt.px(width)), ("height", Fmt.px(height)),
                     ("class", "bar"), ("fill", ChartPalette.colour(s)), ("data-value", Self.plain(value)),
                     ("data-src", cell.source)])
    }

    private func frame(height: Double) -> ChartFrame {
        ChartFrame(id: id, title: title, description: description, width: width, height: height,
                   kind: orientation == .vertical ? "bar-vertical" : "bar-horizontal")
    }

    /// A value as plain machine text for `data-value` (`1234`, `3.2`).
    static func plain(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
