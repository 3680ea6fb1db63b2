import ColumnStore
import Foundation

/// Checks a source's folder against INPUTS.md "Deliveries" before anything is read: the
/// folder exists, every month from the source's first delivery to M has exactly one file
/// `<source>_<YYYYMM>.<ext>.gz`, and no other file sits in the folder (a misnamed delivery
/// such as `KY_202204.csv.gz`, `ky_2022-05.csv.gz` or `ky_202203.csv` would otherwise be
/// skipped without a word). Names starting with `.` are ignored (editor and system files).
///
/// Each problem is one message naming the files, e.g.
/// `ky: no delivery for 2022-04 (ky/ky_202204.csv.gz is missing)`.
public struct DeliverySetCheck: Sendable {
    public var dataDirectory: String

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    /// The problems of `layout`'s folder for reporting month `month`; empty when complete.
    public func problems(of layout: SourceLayout, upTo month: YearMonth) throws -> [String] {
        let source = layout.name
        let folder = (dataDirectory as NSString).appendingPathComponent(source)
        func file(_ m: YearMonth) -> String { "\(source)/\(source)_\(m.compact).\(layout.fileExtension).gz" }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            return ["\(source): the source folder \(folder) is missing (expected \(file(month)) and every month before it)"]
        }
        guard isDirectory.boolValue else {
            return ["\(source): \(folder) is not a folder"]
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            return ["\(source): cannot list \(folder): \((error as NSError).localizedDescription)"]
        }
        var problems: [String] = []
        var months = Set<YearMonth>()
        for name in names.sorted() where !name.hasPrefix(".") {
            if let m = SourceExtractor.month(of: name, layout: layout) {
                months.insert(m)
            } else {
                problems.append("\(source)/\(name): not a delivery name, so not read (expected \(source)_YYYYMM.\(layout.fileExtension).gz)")
            }
        }
        guard let first = months.filter({ $0 <= month }).min() else {
            let later = months.min().map { "; its first delivery is for \($0)" } ?? ""
            return problems + ["\(source): no delivery up to \(month) (\(file(month)) is missing\(later))"]
        }
        var m = first
        var gap: [YearMonth] = []
        func flush() {
            guard let a = gap.first, let b = gap.last else { return }
            problems.append(a == b
                ? "\(source): no delivery for \(a) (\(file(a)) is missing)"
                : "\(source): no deliveries for \(a)..\(b) (\(file(a)) … \(file(b)), \(gap.count) files, are missing)")
            gap = []
        }
        while m <= month {
            if months.contains(m) { flush() } else { gap.append(m) }
            m = m.advanced(by: 1)
        }
        flush()
        return problems
    }

    /// The month of the earliest delivery of any of `layouts`, or `nil` when there is none.
    public func firstDeliveryMonth(_ layouts: [SourceLayout]) -> YearMonth? {
        layouts.compactMap { layout -> YearMonth? in
            let folder = (dataDirectory as NSString).appendingPathComponent(layout.name)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.compactMap { SourceExtractor.month(of: $0, layout: layout) }.min()
        }.min()
    }
}
