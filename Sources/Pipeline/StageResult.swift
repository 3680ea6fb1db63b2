import ColumnStore
import Foundation

/// What a stage hands back to the runner.
public struct StageResult: Sendable {
    /// Output tables by name; must hold exactly the stage's ``Stage/outputs``.
    public var tables: [String: Table]
    /// Output tables handed over already encoded (see ``EncodedTable``), by name; together with
    /// ``tables`` they hold exactly the stage's ``Stage/outputs``.
    public var encodedTables: [String: any EncodedTable]
    /// Output files by path relative to the run folder; must hold exactly the stage's
    /// ``Stage/fileOutputs``.
    public var files: [String: Data]
    /// Rows the stage read (records in the delivery files for an extract stage). When `nil`,
    /// the runner uses the total row count of the upstream tables the stage loaded.
    public var rowsIn: Int?
    /// Named counts worth reporting, e.g. `missing_person`.
    public var counters: [String: Int]
    /// Rejected records per source (`fleur`, `ky`, …); summed over stages into the run's
    /// rejects per source.
    public var rejects: [String: Int]
    /// Free-text remarks for run.json and the log.
    public var notes: [String]
    /// Refused deliveries, one message each that names the file and the reason, e.g.
    /// `FLEUR_202303.csv.gz: trailer says 1200 records, file has 1187`. A non-empty list stops
    /// the run before any stage that depends on this one, unless the run accepts partial data.
    public var refusals: [String]
    /// The delivery files the stage read, by path relative to the data folder
    /// (`fleur/fleur_202301.dat.gz`), with size and content hash; recorded in run.json.
    public var inputFiles: [String: FileRecord]

    public init(
        tables: [String: Table],
        encodedTables: [String: any EncodedTable] = [:],
        files: [String: Data] = [:],
        rowsIn: Int? = nil,
        counters: [String: Int] = [:],
        rejects: [String: Int] = [:],
        notes: [String] = [],
        refusals: [String] = [],
        inputFiles: [String: FileRecord] = [:]
    ) {
        self.tables = tables
        self.encodedTables = encodedTables
        self.files = files
        self.rowsIn = rowsIn
        self.counters = counters
        self.rejects = rejects
        self.notes = notes
        self.refusals = refusals
        self.inputFiles = inputFiles
    }
}
