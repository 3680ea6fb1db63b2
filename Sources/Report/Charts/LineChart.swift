/// A line chart drawn as inline SVG: one line per series over numeric x values (Måling 4.1,
/// weeks 0-26 after the start of unemployment, Forsøg against Ikke-forsøg).
///
/// Points whose cell holds no number are not drawn; the line is broken there and the figure
/// gets a note. Each drawn point is a `<circle>` with `data-value` and `data-src`.
public struct LineChart: Sendable {
    public var id: String
    public var title: String
    public var description: String
    /// The x values of the points (e.g. the weeks 0...26), shared by every series.
    public var xValues: [Double]
    /// Which x values get a tick label.
    public var xTicks: [Double]
    public var xAxisTitle: String
    public var series: [ChartSeries]
    /// Values are percentages (the y axis runs to at least 100).
    public var percent = true
    public var width: Double = 860

    public init(id: String, title: String, description: String, xValues: [Double], xTicks: [Double],
                xAxisTitle: String, series: [ChartSeries], percent: Bool = true, width: Double = 860) {
        self.id = id
        self.title = title
        self.description = description
        self.xValues = xValues
        self.xTicks = xTicks
        self.xAxisTitle = xAxisTitle
        self.series = series
        self.percent = percent
        self.width = width
    }

    /// The chart as a `<figure>` with its svg, legend and note.
    public func render() -> Node {
        let left = 64.0, right = 20.0, top = 16.0, plotHeight = 240.0, bottom = 40.0
        let plotWidth = width - left - right
        let baseY = top + plotHeight
        let values = series.flatMap { $0.cells.compactMap { $0?.value.number } }
        let yScale = ChartScale(maxValue: values.max() ?? 0, length: plotHeight, floor: percent ? 100 : 0)
        let xMin = xValues.min() ?? 0, xMax = max(xValues.max() ?? 1, xMin + 1)
        func xPos(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotWidth }
        var content: [Node] = []
        for t in yScale.ticks {
            let y = baseY - yScale.pixels(t)
            content.append(ChartFrame.line(left, y, left + plotWidth, y, cls: t == 0 ? "axis" : "grid"))
            content.append(ChartFrame.text(ChartScale.tickText(t) + (percent ? " %" : ""), x: left - 6, y: y + 4,
                                           anchor: "end", cls: "tick"))
        }
        for t in xTicks {
            content.append(ChartFrame.line(xPos(t), baseY, xPos(t), baseY + 4, cls: "axis"))
            content.append(ChartFrame.text(ChartScale.tickText(t), x: xPos(t), y: baseY + 16, cls: "tick"))
        }
        content.append(ChartFrame.text(xAxisTitle, x: left + plotWidth / 2, y: baseY + 34, cls: "axis-title"))
        for (s, serie) in series.enumerated() {
            var path = ""
            var pen = false
            var points: [Node] = []
            for (i, x) in xValues.enumerated() {
                guard let cell = serie.cells[safe: i] ?? nil, let v = cell.value.number else { pen = false; continue }
                let px = xPos(x), py = baseY - yScale.pixels(v)
                path += (pen ? " L" : (path.isEmpty ? "M" : " M")) + "\(Fmt.px(px)) \(Fmt.px(py))"
                pen = true
                points.append(.el("circle", [("cx", Fmt.px(px)), ("cy", Fmt.px(py)), ("r", "2.5"), ("class", "point"),
                                             ("fill", ChartPalette.colour(s)), ("data-value", BarChart.plain(v)),
                                             ("data-src", cell.source)]))
            }
            if !path.isEmpty {
                content.append(.el("path", [("d", path), ("class", "series-line"), ("stroke", ChartPalette.colour(s))]))
            }
            content += points
        }
        let symbols = series.flatMap { $0.cells.compactMap { $0 } }.filter { $0.value.number == nil }
        return ChartFrame(id: id, title: title, description: description, width: width, height: top + plotHeight + bottom,
                   kind: "line")
            .figure(content: content, legend: series.map(\.name), symbols: symbols)
    }
}
