import ArgumentParser
import ArrowIPC
import Foundation

/// `ydelse inspect FILE`: schema, row count and first rows of a checkpoint.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Show schema, row count and first rows of an Arrow checkpoint.")
    @Argument(help: "An .arrow checkpoint file.") var file: String
    @Option(help: "Rows to show.") var rows = 10

    func run() throws {
        do {
            print(try ArrowInspector.describe(url: URL(fileURLWithPath: file), rows: rows), terminator: "")
        } catch {
            FileHandle.standardError.write(Data("ydelse: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
