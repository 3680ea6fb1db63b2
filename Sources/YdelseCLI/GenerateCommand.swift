import ArgumentParser
import ColumnStore
import Foundation
import Generator

/// `ydelse generate --out DIR --persons N --from YYYY-MM --to YYYY-MM --seed S`
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write synthetic deliveries in the INPUTS.md layouts (same seed, same bytes).")

    @Option(help: "Output data directory (one folder per source).") var out: String
    @Option(help: "Number of persons.") var persons: Int
    @Option(help: "First delivery month, YYYY-MM.") var from: String
    @Option(help: "Last delivery month, YYYY-MM.") var to: String
    @Option(help: "Random seed.") var seed: UInt64

    func validate() throws {
        guard let f = YearMonth(from), let t = YearMonth(to) else { throw ValidationError("--from and --to must be YYYY-MM") }
        guard f <= t else { throw ValidationError("--from must not be after --to") }
        guard persons > 0 else { throw ValidationError("--persons must be positive") }
    }

    func run() throws {
        let config = GeneratorConfig(out: out, persons: persons, from: YearMonth(from)!, to: YearMonth(to)!, seed: seed)
        let interactive = isatty(2) != 0
        let started = Date()
        do {
            let summary = try DeliveryGenerator.generate(config) { message in
                if interactive {
                    FileHandle.standardError.write(Data("\r\u{1B}[K\(message)".utf8))
                } else {
                    FileHandle.standardError.write(Data("\(message)\n".utf8))
                }
            }
            if interactive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            let secs = Date().timeIntervalSince(started)
            print("wrote \(summary.files) files, \(summary.bytes) bytes in \(String(format: "%.1f", secs)) s")
            for (source, rows) in summary.rowsPerSource.sorted(by: { $0.key < $1.key }) {
                print("  \(source.padding(toLength: 12, withPad: " ", startingAt: 0)) \(rows) rows, \(summary.bytesPerSource[source] ?? 0) bytes")
            }
        } catch {
            FileHandle.standardError.write(Data("ydelse: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
