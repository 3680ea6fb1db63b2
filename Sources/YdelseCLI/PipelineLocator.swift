import Foundation
import Pipeline

/// The pipeline declaration a command uses: `--pipeline FILE`, else the default pipeline
/// bundled into the binary at build time (`pipelines/monthly.toml`), so `ydelse` works from
/// any folder.
enum PipelineLocator {
    /// The text and a label for error messages.
    static func text(_ explicit: String?) throws -> (text: String, file: String) {
        guard let p = explicit else {
            return (BuildInfo.bundledPipeline, "pipelines/monthly.toml (bundled in the binary)")
        }
        do {
            return (try String(contentsOf: URL(fileURLWithPath: p), encoding: .utf8), p)
        } catch {
            throw PipelineFileError(file: p, message: "cannot read pipeline file: \(SystemErrorText.describe(error))")
        }
    }

    /// The validated definition.
    static func definition(_ explicit: String?, registry: StageRegistry) throws -> PipelineDefinition {
        let (text, file) = try text(explicit)
        return try PipelineDefinition.parse(text, file: file, registry: registry)
    }
}

/// A usage or setup problem reported by the CLI itself.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
