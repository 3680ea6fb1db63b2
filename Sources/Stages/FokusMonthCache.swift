import ColumnStore
import Foundation
import Pipeline
import Publishing
import YdelseIO

/// The focus cells (Måling 1 buckets and Måling 5 per kommune, all groups, `12 måneder og
/// derover`) of one month as known then, kept in `OUT/.cache/fokus/` so that the nightly run of
/// month M takes months M−11..M−1 from the runs before it instead of measuring them again.
///
/// An entry is keyed by everything its cells depend on: the code versions of the focus and
/// jobsamtaler stages, the bundled reference data, the month, and the cache key of every
/// delivery up to that month of the sources read (``DeliveryCacheFolder``: name, size, times,
/// head and tail samples). A changed delivery therefore gives another key; entries are written
/// under a temporary name and renamed, so a killed run leaves whole entries or none, and an
/// entry that does not parse is not trusted (the month is measured again).
struct FokusMonthCache {
    /// `OUT/.cache/fokus`.
    let directory: URL
    let digest: String

    init(outputDirectory: URL, codeVersions: [String]) {
        directory = outputDirectory.appendingPathComponent(".cache/fokus", isDirectory: true)
        var b = Fingerprint.Builder()
        b.combine("fokus-cache-1")
        for v in codeVersions { b.combine(v) }
        b.combine(StageCatalog.referenceDataFingerprint)
        digest = b.finalize().hex
    }

    /// The key of month `m` from the deliveries of every source (`deliveries[i]`: the source's
    /// deliveries in month order) and their delivery caches; nil when a file cannot be read.
    func key(_ m: YearMonth, deliveries: [[Delivery]], caches: [DeliveryCacheFolder], keyOf: (Int, Delivery) -> String?) -> String? {
        var b = Fingerprint.Builder()
        b.combine(digest)
        b.combine(m.description)
        for (i, list) in deliveries.enumerated() {
            let upTo = list.filter { $0.month <= m }
            b.combine(upTo.count)
            for d in upTo {
                guard let k = keyOf(i, d) else { return nil }
                b.combine(k)
            }
        }
        return b.finalize().hex
    }

    /// The keys of `months` for the deliveries of `layouts` in `dataDirectory`, with the delivery
    /// caches of `outputDirectory` (a month whose files cannot be read has no key).
    func keys(_ months: [YearMonth], layouts: [SourceLayout], dataDirectory: URL, outputDirectory: URL) throws -> [YearMonth: String] {
        guard let last = months.max() else { return [:] }
        let extractor = SourceExtractor(dataDirectory: dataDirectory.path)
        let deliveries = try layouts.map { try extractor.deliveries(of: $0, upTo: last) }
        let caches = layouts.map { DeliveryCacheFolder(outputDirectory: outputDirectory, layout: $0, codeVersion: ExtractStage.version) }
        var deliveryKeys: [String: String] = [:]
        var out: [YearMonth: String] = [:]
        for m in months {
            out[m] = key(m, deliveries: deliveries, caches: caches) { i, d in
                if let k = deliveryKeys[d.path] { return k }
                let k = caches[i].key(of: d.path)
                deliveryKeys[d.path] = k
                return k
            }
        }
        return out
    }

    func url(_ m: YearMonth, key: String) -> URL {
        directory.appendingPathComponent("\(m.compact).\(key).csv")
    }

    /// The cells of month `m` under `key`, or nil when there is no trustworthy entry.
    func read(_ m: YearMonth, key: String) -> [String: JobsamtaleTable.Cell]? {
        guard let data = FileManager.default.contents(atPath: url(m, key: key).path),
              let text = String(data: data, encoding: .utf8),
              let t = try? CSVTable.parse(text), t.header == Self.header else { return nil }
        var cells: [String: JobsamtaleTable.Cell] = [:]
        for r in t.rows {
            let numbers = r.dropFirst().compactMap { Int($0) }
            guard numbers.count == 7 else { return nil }
            var c = JobsamtaleTable.Cell()
            c.buckets = Array(numbers.prefix(6))
            c.exempt = numbers[6]
            cells[r[0]] = c
        }
        return cells
    }

    /// Keeps the cells of month `m` under `key` (best effort: a failed write only costs time later).
    func keep(_ cells: [String: JobsamtaleTable.Cell], _ m: YearMonth, key: String) {
        var t = CSVTable(header: Self.header)
        for k in cells.keys.sorted() {
            let c = cells[k]!
            t.append([k] + c.buckets.map(String.init) + [String(c.exempt)])
        }
        try? AtomicFile.write(t.data, to: url(m, key: key))
    }

    static let header = ["kommune", "samtaler_0", "samtaler_1", "samtaler_2", "samtaler_3", "samtaler_4", "samtaler_5plus", "fritagne"]
}
