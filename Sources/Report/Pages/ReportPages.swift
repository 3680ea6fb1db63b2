import Foundation
import Publishing

/// Builds every page of the report from the published tables: `report/index.html` (all
/// a-kasser), one `report/<a-kasse>.html` per a-kasse and `report/jobsamtaler.html`.
public struct ReportPages: Sendable {
    /// The nine experiment a-kasser in column order 01..09 (FSG-0.8), by short name.
    public static let akasser = ["3F-A", "BUPL-A", "Dansk Metal-A", "FOA-A", "FTF-A", "HK-A", "MA-A", "Min-A", "SL-A"]
    /// The label of every total row or column (OUTPUTS.md).
    static let total = "I alt"

    /// The page file of an a-kasse: short name with spaces as `-` (`Dansk-Metal-A.html`).
    public static func fileName(akasse: String) -> String {
        akasse.replacingOccurrences(of: " ", with: "-") + ".html"
    }

    /// Every page path relative to the run folder, in a fixed order.
    public static var paths: [String] {
        ["report/index.html"] + akasser.map { "report/" + fileName(akasse: $0) } + ["report/jobsamtaler.html"]
    }

    let experiment: PublishedData
    let jobsamtaler: PublishedData
    /// The reporting month as published (`2022M03`).
    let month: String
    /// Kommune names by 3-digit code, for the jobsamtaler page.
    let kommuneNames: [String: String]

    /// - Parameters:
    ///   - experiment: the Part B tables (``PublishedData/experimentFiles``).
    ///   - jobsamtaler: the Part A tables (``PublishedData/jobsamtalerFiles``).
    ///   - month: the reporting month as published, e.g. `2022M03`.
    ///   - kommuneNames: names by kommune code.
    public init(experiment: PublishedData, jobsamtaler: PublishedData, month: String, kommuneNames: [String: String]) {
        self.experiment = experiment
        self.jobsamtaler = jobsamtaler
        self.month = month
        self.kommuneNames = kommuneNames
    }

    /// Every page, by path relative to the run folder (``paths``), as UTF-8 bytes.
    public func render() throws -> [String: [UInt8]] {
        var pages: [String: [UInt8]] = [:]
        pages["report/index.html"] = Array(try ExperimentPage(data: experiment, month: month, akasse: nil, navigation: navigation).render().utf8)
        for a in Self.akasser {
            let page = ExperimentPage(data: experiment, month: month, akasse: a, navigation: navigation)
            pages["report/" + Self.fileName(akasse: a)] = Array(try page.render().utf8)
        }
        let job = JobsamtalerPage(data: jobsamtaler, month: month, kommuneNames: kommuneNames, navigation: navigation)
        pages["report/jobsamtaler.html"] = Array(try job.render().utf8)
        return pages
    }

    /// Links between the pages.
    var navigation: [(file: String, text: String)] {
        [("index.html", "Alle a-kasser")] + Self.akasser.map { (Self.fileName(akasse: $0), $0) }
            + [("jobsamtaler.html", "Jobsamtaler")]
    }
}
