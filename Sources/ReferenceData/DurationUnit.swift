/// The unit a duration is measured in (Skema 1 columns).
public enum DurationUnit: Sendable, Hashable {
    /// Days (all groups except a-dagpenge).
    case days
    /// Hundredths of an hour, full-time insured (H).
    case hoursFullTime
    /// Hundredths of an hour, part-time insured (D).
    case hoursPartTime
}
