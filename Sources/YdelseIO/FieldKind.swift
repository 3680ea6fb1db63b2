import ColumnStore

/// How one field of a delivery is validated and typed (INPUTS.md).
///
/// A layout is data: each source lists its fields with a kind, and the
/// readers turn each kind into a typed column. See ``SourceCatalog``.
public enum FieldKind: Sendable, Equatable {
    /// A 10-digit pnr, stored as its integer value (the compact key), column type `int64`.
    case pnr
    /// `YYYY-MM-DD` (delimited files), column type `date32`.
    case date
    /// `YYYYMMDD` (the fixed-width FLEUR file), column type `date32`.
    case compactDate
    /// `YYYY-MM` (eindkomst), stored as the first day of the month, column type `date32`.
    case month
    /// One of a fixed set of codes, column type `dictionary`. Anything else is "unknown code".
    case code([String])
    /// A 3-digit kommune code that exists in the reference table, column type `dictionary`.
    case kommune
    /// A 2-digit a-kasse code `01`-`30`, column type `dictionary`.
    case akasse
    /// Hours with a decimal comma (`160,33`), stored in hundredths, column type `int32` (at most
    /// 7 digits before the comma: 9,999,999.99 hours; a larger value is a bad number).
    case decimalHours
    /// Hours × 100 as zero-padded digits (FLEUR `0016033`, 7 digits), column type `int32`.
    case fixedHours
    /// An identifier or free text, column type `utf8`.
    case text
    /// A fixed literal (FLEUR's record type `1001`); checked, not stored.
    case literal(String)

    /// The column type this kind produces, or `nil` for literals (not stored).
    public var columnType: ColumnType? {
        switch self {
        case .pnr: .int64
        case .decimalHours, .fixedHours: .int32
        case .date, .compactDate, .month: .date32
        case .code, .kommune, .akasse: .dictionary
        case .text: .utf8
        case .literal: nil
        }
    }
}

/// One field of a source layout.
public struct FieldSpec: Sendable, Equatable {
    public var name: String
    public var kind: FieldKind
    /// An empty value is allowed and becomes null (open end dates, `sats`, …).
    public var optional: Bool
    /// For fixed-width records: 1-based first position and length.
    public var position: (start: Int, length: Int)?

    public init(_ name: String, _ kind: FieldKind, optional: Bool = false, at position: (Int, Int)? = nil) {
        self.name = name
        self.kind = kind
        self.optional = optional
        self.position = position.map { (start: $0.0, length: $0.1) }
    }

    public static func == (a: FieldSpec, b: FieldSpec) -> Bool {
        a.name == b.name && a.kind == b.kind && a.optional == b.optional
            && a.position?.start == b.position?.start && a.position?.length == b.position?.length
    }
}

/// A check across fields of one record; a record that fails it is rejected.
public enum RecordCheck: Sendable, Equatable {
    /// `end` (if present) must not be before `start`: reason "end before start".
    case endNotBeforeStart(start: String, end: String)
    /// A record whose `field` has one of `values` and whose `dateField` is on
    /// or after `from` is a bad record (RULES.md SPELL-7: UH/SHO after 2025-06-30).
    case codeEndsBefore(field: String, values: [String], dateField: String, from: Day, reason: String)
}
