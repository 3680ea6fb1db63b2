import Foundation

/// Finds the pipeline declaration: `--pipeline`, else `pipelines/monthly.toml`
/// in the working directory, else next to the checkout the executable was built in.
enum PipelineLocator {
    static func locate(_ explicit: String?) throws -> URL {
        if let p = explicit { return URL(fileURLWithPath: p) }
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("pipelines/monthly.toml")
        if fm.fileExists(atPath: cwd.path) { return cwd }
        // .build/<triple>/release/ydelse → checkout root is three levels up.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent("pipelines/monthly.toml")
            if fm.fileExists(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw CLIError("no pipeline file: pass --pipeline FILE or run from the repository root (pipelines/monthly.toml)")
    }
}

/// A usage or setup problem reported by the CLI itself.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
