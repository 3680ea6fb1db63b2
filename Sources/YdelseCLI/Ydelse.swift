import ArgumentParser
import Foundation

/// The `ydelse` command: see OUTPUTS.md "Command line".
///
/// Exit status: 0 success, 1 the run failed (a message names the stage and the cause), 2 bad
/// usage, 3 the run finished on partial data (`--accept-partial`).
@main
struct Ydelse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ydelse",
        abstract: "Batch ETL for STAR's monthly labour-market statistics.",
        version: Version.text,
        subcommands: [RunCommand.self, StagesCommand.self, GenerateCommand.self, InspectCommand.self, BenchCommand.self, ReportCommand.self, DiffCommand.self, ExplainCommand.self]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // ArgumentParser reports usage errors as EX_USAGE (64); the contract says 2.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
