import ArgumentParser
import Audit
import Foundation

/// `ydelse diff OUT_A/YYYYMM OUT_B/YYYYMM`: what differs between two runs of the same month.
///
/// Exit status 0 when the measures and published tables are identical, 1 when they differ,
/// 2 when a folder is not a run folder or the months differ.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two run folders of the same month: deliveries, source rows, changed cells and the persons behind them.",
        discussion: "Exit status: 0 the outputs are identical, 1 they differ, 2 bad usage or not comparable.")

    @Argument(help: "The first run folder (OUT/YYYYMM).") var a: String
    @Argument(help: "The second run folder (OUT/YYYYMM).") var b: String
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() throws {
        let diff: RunDiff
        do {
            diff = try RunDiff.compare(try RunFolder(URL(fileURLWithPath: a)), try RunFolder(URL(fileURLWithPath: b)))
        } catch {
            FileHandle.standardError.write(Data("ydelse diff: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if json {
            FileHandle.standardOutput.write(try diff.json())
            print()
        } else {
            print(diff.text(), terminator: "")
        }
        if !diff.outputsIdentical { throw ExitCode(1) }
    }
}
