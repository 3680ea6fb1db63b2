/// The program's version; the git commit comes from ``BuildInfo`` (generated at build time).
enum Version {
    /// Bumped by hand with each release.
    static let number = "0.12.0"

    /// `ydelse 0.12.0 (commit 1a2b3c4d5e6f)`.
    static var text: String { "ydelse \(number) (commit \(BuildInfo.commit))" }
}
