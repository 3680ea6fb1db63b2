import ArgumentParser
import Audit
import Foundation

/// `ydelse explain --out OUT --month M --pnr P [--group G] [--json]`: why one person counts
/// as they do in month M, step by step with the RULES.md rule IDs, from a finished run folder.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain how one person is counted in month M, with the rule ID at each step.",
        discussion: "Reads the run folder OUT/YYYYMM (its checkpoints); nothing is recomputed from delivery files. Exit status: 0 explained, 1 the run folder cannot be explained (missing, another version), 2 bad usage.")

    @Option(help: "The out folder given to `ydelse run` (the run folder is OUT/YYYYMM).") var out: String
    @Option(help: "Reporting month YYYY-MM.") var month: String
    @Option(help: "The person's 10-digit pnr.") var pnr: String
    @Option(help: "Only this benefit group (an OUTPUTS.md label, e.g. A-dagpenge).") var group: String?
    @Flag(help: "Print JSON instead of text.") var json = false

    func validate() throws {
        guard Self.isMonth(month) else { throw ValidationError("--month must be YYYY-MM, got '\(month)'") }
        guard pnr.count == 10, pnr.allSatisfy({ $0 >= "0" && $0 <= "9" }) else {
            throw ValidationError("--pnr must be 10 digits, got '\(pnr)'")
        }
    }

    static func isMonth(_ s: String) -> Bool {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        return p.count == 2 && p[0].count == 4 && p[1].count == 2 && p.allSatisfy { $0.allSatisfy(\.isNumber) }
            && (1...12).contains(Int(p[1]) ?? 0)
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out).appendingPathComponent(month.replacingOccurrences(of: "-", with: ""))
        do {
            let explainer = try Explainer(folder: try RunFolder(folder))
            try explainer.checkVersions()
            let e = try explainer.explain(pnr: pnr, group: group)
            if json {
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                enc.keyEncodingStrategy = .convertToSnakeCase
                FileHandle.standardOutput.write(try enc.encode(e))
                print()
            } else {
                print(e.text(), terminator: "")
            }
        } catch {
            FileHandle.standardError.write(Data("ydelse explain: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
