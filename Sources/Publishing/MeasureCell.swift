/// One cell of a monitoring table, kept exact so that the same table can be written to
/// `measures/` (exact) and to `published/` (discretised) (OUTPUTS.md "Tables").
public enum MeasureCell: Sendable, Hashable {
    /// A label (month, a-kasse, kategori …), written as is in both forms.
    case label(String)
    /// A count.
    case count(Int)
    /// A share as a fraction 0...1 (nil when undefined) resting on `basis` cases (DISC-4).
    case share(Double?, basis: Int)
    /// An average (nil when undefined) over `basis` cases.
    case average(Double?, basis: Int)
    /// An empty cell.
    case blank

    /// `part / whole` with `whole` as basis; undefined when `whole` is 0.
    public static func share(_ part: Int, of whole: Int) -> MeasureCell {
        .share(whole > 0 ? Double(part) / Double(whole) : nil, basis: whole)
    }

    /// `sum / n` with `n` as basis; undefined when `n` is 0.
    public static func average(sum: Int, count n: Int) -> MeasureCell {
        .average(n > 0 ? Double(sum) / Double(n) : nil, basis: n)
    }

    /// The exact form for `measures/`: counts as integers, shares as percent with two
    /// decimals (`84,99`), averages with two decimals, an undefined share or average empty.
    public var exact: String {
        switch self {
        case .label(let s): s
        case .count(let n): String(n)
        case .share(let f, _): f.map { DanishNumber.percent($0, decimals: 2) } ?? ""
        case .average(let v, _): v.map { DanishNumber.decimal($0, decimals: 2) } ?? ""
        case .blank: ""
        }
    }

    /// The published form under `style` (DISC-1..5).
    public func published(_ style: PublishedStyle) -> String {
        switch self {
        case .label(let s): s
        case .count(let n): Discretion.count(n, zero: style.zero)
        case .share(let f, let basis): Discretion.share(f, basis: basis, decimals: style.shareDecimals, undefined: style.undefined)
        case .average(let v, let basis): Discretion.average(v, basis: basis, decimals: style.averageDecimals)
        case .blank: ""
        }
    }
}
