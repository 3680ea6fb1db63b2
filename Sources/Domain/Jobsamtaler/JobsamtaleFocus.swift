/// The skærpet-tilsyn focus measure (FOCUS-1..3) and Måling 4 (MEAS-4) as plain arithmetic.
public enum JobsamtaleFocus {
    /// Months in a focus period (FOCUS-1: M−11..M).
    public static let months = 12

    /// MEAS-4: Måling 3 ÷ Måling 2, undefined (nil) when Måling 2 is 0.
    public static func share(fewerThanFour: Int, persons: Int) -> Double? {
        persons > 0 ? Double(fewerThanFour) / Double(persons) : nil
    }

    /// FOCUS-1/FOCUS-3: the mean of the monthly MEAS-4 values of the 12 months ending M;
    /// undefined when a month is missing or undefined.
    public static func mean(_ shares: [Double?]) -> Double? {
        guard shares.count == months else { return nil }
        var sum = 0.0
        for s in shares {
            guard let v = s else { return nil }
            sum += v
        }
        return sum / Double(months)
    }
}
