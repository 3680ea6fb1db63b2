import Publishing

/// A linear value axis from 0 to a "nice" maximum, with evenly spaced ticks.
///
/// Every chart maps values to pixels through one scale, so a bar's length is exactly
/// `value × pixelsPerUnit` (the tests check that proportionality).
public struct ChartScale: Sendable, Equatable {
    /// The value at the end of the axis.
    public let maximum: Double
    /// Tick values, 0 first.
    public let ticks: [Double]
    /// Axis length in pixels.
    public let length: Double

    /// A scale that fits `maxValue` (at least `floor`, e.g. 100 for percentages) into `length` pixels.
    public init(maxValue: Double, length: Double, floor: Double = 0) {
        let top = Swift.max(maxValue, floor, 1)
        let step = Self.niceStep(top / 5)
        let n = (top / step).rounded(.up)
        maximum = n * step
        ticks = (0...Int(n)).map { Double($0) * step }
        self.length = length
    }

    /// Pixels per unit of value.
    public var pixelsPerUnit: Double { length / maximum }

    /// The length in pixels of a bar showing `value`.
    public func pixels(_ value: Double) -> Double { value * pixelsPerUnit }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        var p = 1.0
        while p * 10 <= raw { p *= 10 }
        while p > raw && p > 1e-9 { p /= 10 }
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where m * p >= raw { return m * p }
        return 10 * p
    }

    /// A tick value as Danish text (`2.500`, `0,5`).
    public static func tickText(_ v: Double) -> String {
        v == v.rounded() ? DanishNumber.integer(Int(v)) : DanishNumber.decimal(v, decimals: 1)
    }
}

/// Number formatting of chart geometry and tick labels.
enum Fmt {
    /// A coordinate with at most two decimals (`12.25`, `300`).
    static func px(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
