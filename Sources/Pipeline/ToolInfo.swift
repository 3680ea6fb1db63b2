/// The program that wrote a run: its version and the git commit it was built from
/// (`unknown` when the build could not tell).
public struct ToolInfo: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var commit: String

    public init(name: String = "ydelse", version: String, commit: String) {
        self.name = name
        self.version = version
        self.commit = commit
    }

    public static let unknown = ToolInfo(version: "unknown", commit: "unknown")
}
