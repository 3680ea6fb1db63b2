import ArgumentParser

/// The `ydelse` command: see OUTPUTS.md "Command line".
@main
struct Ydelse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ydelse",
        abstract: "Batch ETL for STAR's monthly labour-market statistics.",
        subcommands: [RunCommand.self, StagesCommand.self, GenerateCommand.self, InspectCommand.self, BenchCommand.self]
    )
}
