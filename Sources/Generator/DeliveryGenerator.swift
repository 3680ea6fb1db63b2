import ColumnStore
import Foundation

/// What `ydelse generate` is asked to produce (OUTPUTS.md).
public struct GeneratorConfig: Sendable, Equatable {
    /// The data directory to write: one folder per source.
    public var out: String
    /// Number of simulated persons (a pnr change adds a second pnr for the same person).
    public var persons: Int
    /// First delivery month; history before it is delivered in this month.
    public var from: YearMonth
    /// Last delivery month; what becomes known later is not delivered.
    public var to: YearMonth
    /// The seed: same arguments, same bytes.
    public var seed: UInt64
    /// zlib compression level (0-9) of the deliveries.
    public var compressionLevel: Int32
    /// Input buffer per open delivery writer, in bytes.
    public var bufferSize: Int

    public init(out: String, persons: Int, from: YearMonth, to: YearMonth, seed: UInt64,
                compressionLevel: Int32 = 6, bufferSize: Int = 32 * 1024) {
        self.out = out
        self.persons = persons
        self.from = from
        self.to = to
        self.seed = seed
        self.compressionLevel = compressionLevel
        self.bufferSize = bufferSize
    }
}

/// What a generator run wrote.
public struct GeneratorSummary: Sendable, Equatable {
    /// Delivery files written (sources × months).
    public var files: Int
    /// Compressed bytes written, all files.
    public var bytes: Int
    /// Data rows (trailer counts) per source folder name.
    public var rowsPerSource: [String: Int]
    /// Compressed bytes per source folder name.
    public var bytesPerSource: [String: Int]
    /// Experiment forløb created.
    public var forloeb: Int
}

/// Errors of the generator's arguments.
public enum GeneratorError: Error, CustomStringConvertible, Equatable {
    case badArguments(String)
    public var description: String {
        switch self { case .badArguments(let m): "generate: \(m)" }
    }
}

/// The synthetic data generator (docs/GENERATOR.md).
public enum DeliveryGenerator {
    /// Writes one delivery per source per month from `config.from` to `config.to`
    /// into `config.out`, in the INPUTS.md layouts. Deterministic: the same config
    /// gives the same bytes. `progress` gets a line every few thousand persons.
    @discardableResult
    public static func generate(_ config: GeneratorConfig, progress: (@Sendable (String) -> Void)? = nil) throws -> GeneratorSummary {
        guard config.persons >= 0 else { throw GeneratorError.badArguments("--persons must be >= 0") }
        guard config.from <= config.to else { throw GeneratorError.badArguments("--from must not be after --to") }
        guard config.from.year >= 1990, config.to.year <= 2099 else { throw GeneratorError.badArguments("months must lie in 1990-2099") }
        let writers = try DeliveryWriterSet(out: config.out, from: config.from, to: config.to,
                                            level: config.compressionLevel, bufferSize: config.bufferSize)
        let sim = PersonSimulator(out: writers, seed: config.seed)
        let step = max(1, min(50_000, config.persons / 20))
        for i in 0..<config.persons {
            try sim.simulate(index: i)
            if (i + 1) % step == 0 || i + 1 == config.persons {
                progress?("generate: \(i + 1)/\(config.persons) persons")
            }
        }
        progress?("generate: writing trailers")
        let (rows, bytes, files) = try writers.finish()
        return GeneratorSummary(files: files, bytes: bytes.values.reduce(0, +), rowsPerSource: rows,
                                bytesPerSource: bytes, forloeb: sim.stats.forloeb)
    }
}
