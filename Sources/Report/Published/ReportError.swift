/// A published input the report cannot use; the message names the file.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// A published file the report needs is missing.
    case missingFile(String)
    /// A published file could not be read as the contract describes it.
    case malformed(file: String, reason: String)
    /// A published file has no row for the reporting month.
    case noRowsForMonth(file: String, month: String)

    public var description: String {
        switch self {
        case let .missingFile(f):
            return "report: published file \(f) is missing (the stage that writes it must run first)"
        case let .malformed(f, reason):
            return "report: published file \(f) is malformed: \(reason)"
        case let .noRowsForMonth(f, m):
            return "report: published file \(f) has no row for the reporting month \(m)"
        }
    }
}
