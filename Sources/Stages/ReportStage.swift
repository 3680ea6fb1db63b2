import ColumnStore
import Foundation
import Pipeline
import ReferenceData
import Report

/// Stage kind `report` (the last stage): the monthly HTML report built from the published
/// tables only — `report/index.html`, one `report/<a-kasse>.html` per a-kasse and
/// `report/jobsamtaler.html` (OUTPUTS.md "The run folder").
///
/// Parameters name the upstream stages whose `published/*.csv` files it reads (each must be a
/// declared input): `experiment` (the Part B tables), `jobsamtaler` (`jobsamtaler.csv`) and
/// `jobsamtaler_fokus` (`jobsamtaler_fokus.csv`; the `jobsamtaler` stage when not given).
/// A missing published file fails the stage with a message naming the file.
public struct ReportStage: Stage {
    let declaration: StageDeclaration
    public let codeVersion = "report-1"
    public let outputs: [String] = []

    public init(declaration: StageDeclaration) {
        self.declaration = declaration
    }

    public var name: String { declaration.name }
    public var inputs: [String] { declaration.inputs }
    public var parameters: [String: String] { declaration.parameters }
    public var fileOutputs: [String] { ReportPages.paths }

    public func run(_ context: StageContext) throws -> StageResult {
        let experimentStage = try context.parameter("experiment")
        let jobsamtalerStage = try context.parameter("jobsamtaler")
        let fokusStage = context.parameters["jobsamtaler_fokus"] ?? jobsamtalerStage
        let experiment = try load(context, files: PublishedData.experimentFiles) { _ in experimentStage }
        let jobsamtaler = try load(context, files: PublishedData.jobsamtalerFiles) { name in
            name == "jobsamtaler_fokus.csv" ? fokusStage : jobsamtalerStage
        }
        let pages = try Self.pages(experiment: experiment, jobsamtaler: jobsamtaler, month: context.month)
        return StageResult(tables: [:], files: pages.mapValues { Data($0) }, counters: ["pages": pages.count])
    }

    /// The pages (by path relative to the run folder) for month `month`.
    static func pages(experiment: PublishedData, jobsamtaler: PublishedData, month: YearMonth) throws -> [String: [UInt8]] {
        let names = Dictionary(uniqueKeysWithValues: Kommune.all.map { ($0.code, $0.name) })
        return try ReportPages(experiment: experiment, jobsamtaler: jobsamtaler, month: month.label, kommuneNames: names).render()
    }

    /// The pages built from a folder of published files (`ydelse report`, outside a run): by
    /// path relative to the run folder (`report/index.html`, …).
    public static func pages(publishedDirectory: URL, month: YearMonth) throws -> [String: [UInt8]] {
        func read(_ name: String) throws -> [UInt8]? {
            let url = publishedDirectory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return Array(try Data(contentsOf: url))
        }
        return try pages(experiment: PublishedData(files: PublishedData.experimentFiles, read: read),
                         jobsamtaler: PublishedData(files: PublishedData.jobsamtalerFiles, read: read), month: month)
    }

    /// The published files `files`, each read from the upstream stage `writer(name)`; a missing
    /// one is ``ReportError/missingFile(_:)``.
    private func load(_ context: StageContext, files: [String: PublishedLayout],
                      writer: (String) -> String) throws -> PublishedData {
        try PublishedData(files: files) { name in
            do {
                return Array(try context.file(writer(name), "published/" + name))
            } catch StageContextError.missingFile {
                return nil
            }
        }
    }
}
