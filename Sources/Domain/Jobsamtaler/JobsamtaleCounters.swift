/// Run-summary counts of the measurement.
public struct JobsamtaleCounters: Sendable, Hashable {
    /// POP-5: (person, group) pairs with every day of the spell in M on code 1 or 90.
    public var absentAllMonth = 0
    /// POP-6 / EXEMPT-6: sygedagpenge spells excluded by code 91.
    public var code91Excluded = 0
    /// POP-3: persons with a benefit day in M but no `person` record.
    public var missingPerson = 0

    public init() {}

    public static func + (a: JobsamtaleCounters, b: JobsamtaleCounters) -> JobsamtaleCounters {
        var r = a
        r.absentAllMonth += b.absentAllMonth
        r.code91Excluded += b.code91Excluded
        r.missingPerson += b.missingPerson
        return r
    }
}
