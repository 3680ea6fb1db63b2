import ColumnStore
import Domain
import Pipeline

/// Stage kind `durations`: the person pass of reporting month M. For each person with a
/// benefit in M it builds the ``Domain/PersonTimeline`` once and takes from it
/// - `varighed`: one row per measured group with a benefit day in M that passes POP-1..4, with
///   the duration (DUR-1..8, dead periods paused) and its Skema 1 labels (INT-1..3);
/// - `maalte`: the jobsamtaler measurement of M (RULES.md Part A, EXEMPT-8: POP-1..4 → POP-5 →
///   EXEMPT-6 → EXEMPT-3 → TALK → MEAS), one row per measured or exempt (person, group), which
///   the `jobsamtaler` stage publishes.
/// - `forloeb`: the person's spells known at the end of M, as `spells/forloeb` holds them
///   (``SpellsStage/table(_:month:)``), for every person read (one row per spell, none for a
///   person without one); the `spells` stage takes these persons' rows from here instead of
///   building their timelines again.
/// One timeline serves all three (issue 11: one person model per run); its histories hold the
/// timeline sources plus `samtale`, `tilbud` and `tilmelding`.
///
/// Counters: `missing_person`, `no_dagpengeperiode`, `negative_net_groups` (durations);
/// `maalte`, `fritagne`, `pop5_fravaer`, `pop6_kode91` (the measurement), and `varighed_mismatch`,
/// the EXEMPT-8 check that every `varighed` row is measured, exempt, or removed by POP-5/POP-6
/// (with a note in run.json when it is not 0).
///
/// Only persons who may have a benefit record in M are read (the benefit pre-check of
/// ``PersonHistoryAssembler/map(threads:benefitIn:_:)``): a row or counter needs a benefit day in
/// M (a paid FLEUR 01-05, `ky` or `ksd` day) or a FLEUR 01-05 group overlapping M, and each of
/// those lies inside a row the pre-check looks at.
public struct DurationsStage: PersonLevelStage {
    let declaration: StageDeclaration
    public let codeVersion = "durations-4"
    let historySources = JobsamtalerStage.sources
    public let outputs = ["varighed", "maalte", SpellsStage.passSpells]

    public init(declaration: StageDeclaration) {
        self.declaration = declaration
    }

    /// One person's part of both tables.
    struct PersonResult: Sendable {
        var durations: [DurationRow]
        var durationCounters: DurationCounters
        var measured: [MeasuredPerson]
        var measureCounters: JobsamtaleCounters
        var spells: [SpellsStage.Row]
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let assembler = try assembler(context)
        let month = context.month
        let parts = assembler.map(benefitIn: month) { h -> PersonResult in
            let timeline = PersonTimeline(h, month: month)
            let (rows, counters) = timeline.durations()
            let (measured, measureCounters) = JobsamtaleMeasurement.measure(h, timeline: timeline)
            return PersonResult(durations: rows, durationCounters: counters, measured: measured, measureCounters: measureCounters,
                                spells: timeline.spells.map(SpellsStage.Row.init))
        }
        var counters = DurationCounters(), measureCounters = JobsamtaleCounters()
        var durationRows = 0, measured = 0, exempt = 0
        for p in parts {
            for r in p {
                counters = counters + r.durationCounters
                measureCounters = measureCounters + r.measureCounters
                durationRows += r.durations.count
                for m in r.measured { if m.isExempt { exempt += 1 } else { measured += 1 } }
            }
        }
        // EXEMPT-8: POP-1..4 (durations) → POP-5 → EXEMPT-6 → the rest; nothing else drops a row.
        let accounted = measured + exempt + measureCounters.absentAllMonth + measureCounters.code91Excluded
        var notes: [String] = []
        if durationRows != accounted {
            notes.append("varighed has \(durationRows) rows, the jobsamtaler measurement accounts for \(accounted)")
        }
        // The three tables' rows gathered from the persons' results side by side, then every
        // column of the three built side by side: one table after the other, with the rows
        // gathered first, the stage's last seconds kept one core of two busy.
        let rowCount = durationRows, personCount = measured + exempt
        // Every person's `field` rows, in a deterministic order whatever the partitioning: pnr,
        // then group.
        @Sendable func sortedRows<T>(_ count: Int, _ field: (PersonResult) -> [T], key: (T) -> (Int64, UInt8)) -> [T] {
            var rows: [T] = []
            rows.reserveCapacity(count)
            for p in parts { for r in p { rows.append(contentsOf: field(r)) } }
            rows.sort { key($0) < key($1) }
            return rows
        }
        let makers = Parallel.map(3) { i -> [@Sendable () -> Column] in
            switch i {
            case 0: Self.columns(sortedRows(rowCount, \.durations) { ($0.pnr, $0.group.rawValue) })
            case 1: JobsamtalerStage.columns(sortedRows(personCount, \.measured) { ($0.pnr, $0.group.rawValue) })
            default:
                // Partitions come in pnr order and each person's spells sorted by group and
                // start: the rows are in `spells/forloeb` order.
                SpellsStage.columns(parts.flatMap { $0.map(\.spells) }, month: month)
            }
        }
        let tables = ColumnBuilder.tables(makers)
        return StageResult(
            tables: ["varighed": tables[0], "maalte": tables[1], SpellsStage.passSpells: tables[2]],
            counters: [
                "missing_person": counters.missingPerson,
                "no_dagpengeperiode": counters.noDagpengeperiode,
                "negative_net_groups": counters.negativeNetGroups,
                "maalte": measured,
                "fritagne": exempt,
                "pop5_fravaer": measureCounters.absentAllMonth,
                "pop6_kode91": measureCounters.code91Excluded,
                "varighed_mismatch": abs(durationRows - accounted),
            ],
            notes: notes)
    }

    /// The checkpoint table of `rows`.
    static func table(_ rows: [DurationRow]) -> Table {
        ColumnBuilder.table(columns(rows))
    }

    /// The column makers of ``table(_:)``.
    static func columns(_ rows: [DurationRow]) -> [@Sendable () -> Column] {
        [
            { ColumnBuilder.pnr("pnr", rows.map(\.pnr)) },
            { ColumnBuilder.utf8("ydelsesgruppe", rows.map(\.groupLabel)) },
            { ColumnBuilder.date("forloeb_start", rows.map(\.spellStart)) },
            { ColumnBuilder.date("sidste_dag", rows.map(\.e)) },
            { ColumnBuilder.int32("varighed_dage", rows.map { $0.durationDays.map(Int32.init) }, nullable: true) },
            { ColumnBuilder.float64("varighed_timer", rows.map(\.durationHours), nullable: true) },
            { ColumnBuilder.utf8("varighed", rows.map(\.interval)) },
            { ColumnBuilder.utf8("varighed_samlet", rows.map(\.summary)) },
            { ColumnBuilder.utf8("aarsbaand", rows.map(\.yearBand)) },
            { ColumnBuilder.utf8("kommune", rows.map(\.kommune)) },
            { ColumnBuilder.utf8("forsikring", rows.map { $0.forsikring?.code }) },
            { ColumnBuilder.utf8("gruppe_kode", rows.map(\.groupCode)) },
        ]
    }
}
