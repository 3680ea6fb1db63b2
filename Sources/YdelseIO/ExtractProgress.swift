/// How far an extract is: files and compressed bytes done of the totals.
public struct ExtractProgress: Sendable, Equatable {
    public var files: Int
    public var totalFiles: Int
    public var bytes: Int
    public var totalBytes: Int
}
