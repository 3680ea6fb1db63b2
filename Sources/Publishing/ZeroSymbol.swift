/// How a count of 0 is shown in a published table (RULES.md DISC-2, OUTPUTS.md "Discretion in
/// published/").
public enum ZeroSymbol: String, Sendable, Hashable, CaseIterable {
    /// `0`: Bilag 1 and 2, Måling 2.3 counts, the status tiles.
    case zero = "0"
    /// `*`: Bilag 3a/3b ("Ligeledes er observationen 0 erstattet med *").
    case star = "*"
    /// `.`: the other Måling tables of persons (Power BI).
    case dot = "."
}

/// How a share or average over no cases is shown (DISC-4).
public enum UndefinedSymbol: String, Sendable, Hashable, CaseIterable {
    /// `NaN`: the Måling 2.3 share table, as in [S002].
    case nan = "NaN"
    /// `.`: everywhere else.
    case dot = "."
}
