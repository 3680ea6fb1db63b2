import ColumnStore
import Domain
import Pipeline

/// Brings each person's rows from the normalised source tables together as a
/// ``PersonHistory`` and runs a per-person computation partition-parallel.
///
/// The normalised tables are sorted by pnr, so a partition is a pnr range:
/// P - 1 split values (quantiles of the largest table's pnr) cut every table
/// into P contiguous row ranges, found by binary search; nothing is copied.
/// Partition p of every table is co-grouped on pnr (``CoGroup``) by one
/// worker. Results come back in partition order, that is in pnr order, so the
/// output is deterministic whatever the number of threads.
public struct PersonHistoryAssembler: Sendable {
    /// Every source a ``PersonHistory`` can be built from, in a fixed order.
    public static let sources = ["person", "taeller", "fleur", "ky", "ksd", "fravaer", "maalgruppe", "bopael", "forsoeg",
                                 "samtale", "tilbud", "tilmelding", "eindkomst"]

    /// The sources the spell and duration logic (``Domain/PersonTimeline``) reads.
    public static let timelineSources = ["person", "taeller", "fleur", "ky", "ksd", "fravaer", "maalgruppe", "bopael"]

    /// The sources present, in ``sources`` order.
    let present: [String]
    /// The normalised tables, in `present` order.
    let tables: [Table]
    /// `partitions[p][t]`: the rows of table t in partition p.
    let partitions: [[Range<Int>]]
    /// Told of every partition done (the stage's live progress line), if set.
    let progress: ProgressReporter?
    /// For reading histories as known at an earlier month (``mapMonths(_:threads:_:)``): the
    /// superseded versions and the delivery months; nil for the histories as known at M.
    let versions: VersionColumns.Set?

    /// `tables` maps some of ``sources`` to their normalised tables (sorted by pnr); a source
    /// that is absent leaves its part of every history empty, so a stage assembles only what
    /// it reads.
    public init(tables: [String: Table], partitions: Int, progress: ProgressReporter? = nil) {
        self.init(tables: tables, superseded: [:], deliveryMonths: nil, partitions: partitions, progress: progress)
    }

    /// The normalised tables of M (`current`) with, for keyed sources, their replaced versions
    /// (`superseded`: the normalise stage's `<source>_versioner`), to read histories as known at
    /// months before M with ``mapMonths(_:threads:_:)`` (CONV-3). `deliveryMonths[source][d]` is
    /// the month of delivery index d.
    init(current: [String: Table], superseded: [String: Table], deliveryMonths: [String: [YearMonth]],
         partitions: Int, progress: ProgressReporter? = nil) {
        self.init(tables: current, superseded: superseded, deliveryMonths: deliveryMonths, partitions: partitions, progress: progress)
    }

    private init(tables: [String: Table], superseded: [String: Table], deliveryMonths: [String: [YearMonth]]?,
                 partitions: Int, progress: ProgressReporter?) {
        self.progress = progress
        let unknown = tables.keys.filter { !Self.sources.contains($0) }
        precondition(unknown.isEmpty, "PersonHistoryAssembler has no reader for source(s) \(unknown.sorted())")
        let present = Self.sources.filter { tables[$0] != nil }
        let old = present.filter { superseded[$0] != nil }
        // Superseded tables follow the current ones in the co-group (slots present.count...).
        let ordered: [Table] = present.map { tables[$0]! } + old.map { superseded[$0]! }
        let keys = ordered.map { $0.column("pnr").int64Values }
        for (name, k) in zip(present + old, keys) {
            precondition(zip(k, k.dropFirst()).allSatisfy { $0 <= $1 }, "normalised table \(name) is not sorted by pnr")
        }
        // Split values: quantiles of the largest table's keys, strictly increasing.
        let largest = keys.max { $0.count < $1.count } ?? []
        var splits: [Int64] = []
        for p in 1..<max(1, partitions) where !largest.isEmpty {
            let v = largest[largest.count * p / partitions]
            if splits.last.map({ v > $0 }) ?? true { splits.append(v) }
        }
        let bounds: [[Int]] = keys.map { k in [0] + splits.map { SortedSearch.lowerBound(k, $0) } + [k.count] }
        self.present = present
        self.tables = ordered
        self.versions = deliveryMonths.map { months in
            VersionColumns.Set(present: present, superseded: old, tables: ordered, deliveryMonths: months)
        }
        self.partitions = (0...splits.count).map { p in bounds.map { $0[p]..<$0[p + 1] } }
    }

    /// Calls `body` for every person (in pnr order) on up to `threads` workers
    /// and returns each partition's accumulated results, in partition order.
    ///
    /// With `benefitIn`, only persons who may have a benefit record in that month are read: those
    /// with a `ky`, `ksd` or paid FLEUR (types 01-05) row overlapping it (the rows of
    /// ``Domain/PersonHistory/hasBenefitRecord(in:)``, checked on the columns before any history is
    /// built). A computation that yields nothing without such a record may skip the others.
    public func map<R: Sendable>(threads: Int = Parallel.width, benefitIn month: YearMonth? = nil,
                                 _ body: @escaping @Sendable (PersonHistory) -> R) -> [[R]] {
        var include: (@Sendable (HistoryReader, [Range<Int>]) -> Bool)?
        if let month { include = { reader, rows in reader.mayHaveBenefit(rows: rows, in: month) } }
        return map(threads: threads, where: include, body)
    }

    /// Calls `body` for every person for whom `include` (a check on the person's rows, made
    /// before any history is built) is true, or for every person when it is nil; see
    /// ``map(threads:benefitIn:_:)``.
    func map<R: Sendable>(threads: Int = Parallel.width, where include: (@Sendable (HistoryReader, [Range<Int>]) -> Bool)?,
                          _ body: @escaping @Sendable (PersonHistory) -> R) -> [[R]] {
        mapPersons(threads: threads) { p -> R? in
            if let include, !include(p.reader, p.rows) { return nil }
            return body(p.history())
        }.map { $0.compactMap { $0 } }
    }

    /// Calls `body` for every person (in pnr order) with the person's rows, read into a history
    /// only when `body` asks for it (``PersonRows/history()``); results per partition, in pnr
    /// order.
    func mapPersons<R: Sendable>(threads: Int = Parallel.width, _ body: @escaping @Sendable (PersonRows) -> R) -> [[R]] {
        let tables = self.tables, parts = partitions, present = self.present, progress = self.progress
        return Parallel.map(parts.count, threads: threads) { p in
            let reader = HistoryReader(present: present, tables: tables)
            var out: [R] = []
            for group in CoGroup(tables, key: "pnr", ranges: parts[p]) {
                out.append(body(PersonRows(pnr: group.key, rows: group.rows, reader: reader)))
            }
            progress?.advance(total: parts.count, unit: "partitions")
            return out
        }
    }

    /// Column `name` of every present source table, in slot order (the order of a
    /// ``PersonRows/rows``).
    func int32Columns(_ name: String) -> [[Int32]] {
        present.indices.map { tables[$0].column(name).int32Values }
    }

    /// The sources of the slots of ``PersonRows/rows``.
    var slotSources: [String] { present }

    /// Calls `body` for every person and every month of `months` (all before M), with the
    /// person's history as known at that month: the current rows delivered by then and the
    /// superseded versions known then, in the order a normalised table of that month has.
    /// One co-grouping pass for all the months. Results per partition, in pnr order.
    ///
    /// - Precondition: the assembler was made with ``init(current:superseded:deliveryMonths:partitions:progress:)``.
    /// With `include`, a (person, month) is read only when it holds for the person's rows and the
    /// month (a check on the columns, e.g. ``HistoryReader/mayHaveBenefit(rows:in:)``).
    func mapMonths<R: Sendable>(_ months: [YearMonth], threads: Int = Parallel.width,
                                where include: (@Sendable (HistoryReader, [Range<Int>], YearMonth) -> Bool)? = nil,
                                _ body: @escaping @Sendable (YearMonth, MonthHistory) -> R) -> [[R]] {
        guard let versions else { preconditionFailure("mapMonths needs the superseded versions") }
        let tables = self.tables, parts = partitions, present = self.present, progress = self.progress
        return Parallel.map(parts.count, threads: threads) { p in
            let reader = HistoryReader(present: present, tables: tables, versions: versions)
            var out: [R] = []
            for group in CoGroup(tables, key: "pnr", ranges: parts[p]) {
                for m in months where include?(reader, group.rows, m) ?? true {
                    let known = Int32(m.index)
                    let timeline = reader.history(pnr: group.key, rows: group.rows, knownAt: known, part: .timeline)
                    out.append(body(m, MonthHistory(timeline: timeline) {
                        reader.completing(timeline, rows: group.rows, knownAt: known)
                    }))
                }
            }
            progress?.advance(total: parts.count, unit: "partitions")
            return out
        }
    }
}
