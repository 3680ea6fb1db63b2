/// Which (person, group) rows a measurement returns.
public enum JobsamtaleScope: Sendable {
    /// Every measured or exempt row (Måling 1-5).
    case all
    /// Only the rows the focus measure reads (FOCUS-1): the POP-7 all-groups row, when its
    /// duration summary is "12 måneder og derover". Rows that are not returned skip the
    /// exemption and talk steps, which is what makes the 11 earlier months of a cold run cheap.
    case focus
}
