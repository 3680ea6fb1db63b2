import Foundation

/// A checkpoint could not be found, read or written.
public enum CheckpointError: Error, CustomStringConvertible {
    case missingTable(stage: String, table: String, url: URL?)
    case unreadable(stage: String, table: String, url: URL, reason: String)
    case unwritable(stage: String, table: String, url: URL, reason: String)

    public var description: String {
        switch self {
        case let .missingTable(stage, table, url?):
            return "no checkpoint of table '\(table)' of stage \(stage) at \(url.path); run stage \(stage) first"
        case let .missingTable(stage, table, nil):
            return "no table '\(table)' of stage \(stage)"
        case let .unreadable(stage, table, url, reason):
            return "cannot read checkpoint of table '\(table)' of stage \(stage) at \(url.path): \(reason)"
        case let .unwritable(stage, table, url, reason):
            return "cannot write checkpoint of table '\(table)' of stage \(stage) at \(url.path): \(reason)"
        }
    }
}
