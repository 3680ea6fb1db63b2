import ColumnStore
import Domain
import Pipeline

/// Stage kind `spells`: every benefit spell known at the end of M
/// (RULES.md SPELL-1..9, CONV-11), written to `checkpoints/spells/forloeb.arrow`
/// with `pnr`, `ydelsesgruppe`, `start`, `slut` (null while running),
/// `kommune_ultimo` and `forsikring` (H/D for a-dagpenge, else null).
///
/// The persons the person pass of M (stage `durations`, when declared among the inputs;
/// parameter `durations` names it) has read — those who may have a benefit record in M, the
/// pre-check ``HistoryReader/mayHaveBenefit(rows:in:)`` on the same normalised tables — take
/// their rows from its `forloeb` table (the same timeline, built once; counter
/// `persons_from_durations`). In a nightly run (``previousSpells(_:_:)``) the other persons whose
/// rows did not change in M and for whom ``Domain/SpellCarryOver`` holds keep M-1's rows
/// (counter `persons_carried_over`). Either way the same table as computing everyone here, for a
/// part of the work.
public struct SpellsStage: PersonLevelStage {
    let declaration: StageDeclaration
    public let codeVersion = "spells-4"
    let historySources = PersonHistoryAssembler.timelineSources
    public let outputs = ["forloeb"]
    /// The table of the person pass (`durations`) holding its persons' spells.
    static let passSpells = "forloeb"
    /// The person pass whose spells are taken, when declared.
    let passStage: String?

    public init(declaration: StageDeclaration) throws {
        self.declaration = declaration
        passStage = declaration.parameters["durations"] != nil || declaration.inputs.contains("durations")
            ? try declaration.declaredInput(parameter: "durations", default: "durations") : nil
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let assembler = try assembler(context)
        let month = context.month, earlier = month.advanced(by: -1)
        // The tables rows are taken from: M-1's (a nightly run) and the person pass's. Only their
        // row indexes are used per person; the tables are let go while they are gathered.
        var previousTable: Table?, passTable: Table?
        let pass = try passStage.map { stage in
            let t = try context.table(stage, Self.passSpells)
            guard let index = SpellRowIndex(t) else {
                throw StageSetupError(stage: name, message: "\(stage)/\(Self.passSpells) is not in pnr order or holds a pnr that is not one")
            }
            passTable = t
            return index
        }
        // A nightly run keeps M-1's rows of the persons whose rows and spells cannot have changed.
        let previous = previousSpells(context, assembler).map { found in
            previousTable = found.table
            return found.0
        }
        // Each person's spells come sorted by group and start, and partitions come in pnr order,
        // so the rows are in (pnr, group, start) order whatever the partitioning. A spell is
        // turned into its row at once, so the timelines' day lists are never all held.
        // The carry-over is checked on the columns first (most persons kept pass there, without
        // a history), then on the history for the rows the column check is stricter about.
        let window = SpellCarryOver.Window(from: earlier, to: month)
        let parts = assembler.mapPersons { p -> Piece in
            if let pass, p.reader.mayHaveBenefit(rows: p.rows, in: month) { return .fromPass(pass.rows(of: p.pnr)) }
            var kept: (rows: Range<Int>, open: Bool)?
            if let previous, !previous.changed(p) {
                let rows = previous.rows(of: p.pnr)
                let open = previous.openBesidesAD[rows].contains(true)
                if !open, p.reader.keepsSpells(rows: p.rows, window) { return .carried(rows) }
                kept = (rows, open)
            }
            let h = p.history()
            if let kept, SpellCarryOver.holds(h, from: earlier, to: month, earlierOpenBesidesAD: kept.open) {
                return .carried(kept.rows)
            }
            return .computed(SpellBuilder.spells(for: h, month: month).map(Row.init))
        }
        // The computed persons' rows, person by person: the columns read them where they are.
        var computedRows: [[Row]] = []
        for part in parts { for case .computed(let r) in part where !r.isEmpty { computedRows.append(r) } }
        let computed = ColumnBuilder.table(Self.columns(computedRows, month: month))
        guard previous != nil || pass != nil else { return StageResult(tables: ["forloeb": computed]) }
        // Output order: the computed rows (0..<computed.rowCount of the concatenation), then M-1's
        // rows, then the person pass's, person by person in pnr order.
        let previousBase = Int32(computed.rowCount)
        let passBase = previousBase + Int32(previousTable?.rowCount ?? 0)
        var order: [Int32] = []
        order.reserveCapacity(Int(passBase) + (passTable?.rowCount ?? 0))
        var next = Int32(0), carried = 0, fromPass = 0, passRows = 0
        for part in parts {
            for piece in part {
                switch piece {
                case .computed(let r):
                    for _ in r { order.append(next); next += 1 }
                case .carried(let kept):
                    carried += 1
                    for i in kept { order.append(previousBase + Int32(i)) }
                case .fromPass(let taken):
                    fromPass += 1; passRows += taken.count
                    for i in taken { order.append(passBase + Int32(i)) }
                }
            }
        }
        // Both stages choose the persons with the same pre-check on the same tables; a row of the
        // pass left over would mean they did not.
        if let passStage, let passTable, passRows != passTable.rowCount {
            throw StageSetupError(stage: name, message: "\(passStage)/\(Self.passSpells) holds \(passTable.rowCount) rows, the persons taken from it \(passRows): the two stages read different persons")
        }
        let sources = [computed] + [previousTable, passTable].compactMap { $0 }
        (previousTable, passTable) = (nil, nil)
        let merged = Table.gatherReleasing(from: consume sources, rowSets: [order])[0]
        var counters: [String: Int] = [:]
        if previous != nil { counters["persons_carried_over"] = carried }
        if pass != nil { counters["persons_from_durations"] = fromPass }
        return StageResult(tables: ["forloeb": Self.settlingNullability(merged)], counters: counters)
    }

    /// A person's part of `forloeb`: spells computed now, M-1's rows kept, or the person pass's
    /// rows taken.
    enum Piece: Sendable {
        case computed([Row])
        case carried(Range<Int>)
        case fromPass(Range<Int>)
    }

    /// The columns that are nullable whatever the data (the others are when a value is null).
    static let alwaysNullable: Set<String> = ["slut", "sidste_ydelsesdag"]

    /// The `forloeb` table of `rows`.
    static func table(_ rows: [Row], month: YearMonth) -> Table {
        ColumnBuilder.table(columns([rows], month: month))
    }

    /// The column makers of ``table(_:month:)`` for the rows of `chunks`, one after the other:
    /// each column reads its field from the chunks (the persons' rows of a person pass), so the
    /// rows are never gathered into one array first.
    static func columns(_ chunks: [[Row]], month: YearMonth) -> [@Sendable () -> Column] {
        @Sendable func nullable(_ name: String) -> Bool { alwaysNullable.contains(name) }
        let count = chunks.reduce(0) { $0 + $1.count }
        @Sendable func values<T>(_ field: (Row) -> T) -> [T] {
            var out: [T] = []
            out.reserveCapacity(count)
            for chunk in chunks { for r in chunk { out.append(field(r)) } }
            return out
        }
        // The label columns from the month's few (group, sats) labels, by number.
        let groups = GroupLabels(month: month)
        return [
            { ColumnBuilder.pnr("pnr", values(\.pnr)) },
            { ColumnBuilder.labels("ydelsesgruppe", values { groups.number($0.group, $0.sats) }, groups.labels) },
            { ColumnBuilder.date("start", values(\.start)) },
            { ColumnBuilder.date("slut", values(\.slut), nullable: nullable("slut")) },
            { ColumnBuilder.utf8("kommune_ultimo", values(\.kommuneUltimo)) },
            { ColumnBuilder.labels("forsikring", values { $0.forsikring.map { Int($0.rawValue) } ?? -1 },
                                   Forsikring.allCases.map(\.code)) },
            { ColumnBuilder.labels("gruppe_kode", values { groups.number($0.group, $0.sats) }, groups.codes) },
            { ColumnBuilder.date("sidste_ydelsesdag", values(\.lastBenefitDay), nullable: nullable("sidste_ydelsesdag")) },
        ]
    }

    /// `t` with the nullability ``table(_:month:)`` gives the same rows: a validity bitmap on the
    /// ``alwaysNullable`` columns and on the others only when a value is null (rows gathered
    /// from M-1's file carry that file's nullability).
    static func settlingNullability(_ t: Table) -> Table {
        var t = t
        for i in t.columns.indices {
            let c = t.columns[i]
            if alwaysNullable.contains(c.name) {
                if c.validity == nil { t.columns[i].validity = Validity(allValid: c.count) }
            } else if let v = c.validity, v.nullCount == 0 {
                t.columns[i].validity = nil
            }
        }
        return t
    }

    /// One row of `forloeb`: what the checkpoint keeps of a spell, small (the labels are made
    /// when the column is; there is a row per spell of every person).
    struct Row: Sendable {
        var pnr: Int64
        var group: BenefitGroup
        var sats: KHSats?
        var forsikring: Forsikring?
        var start: Day
        var slut: Day?
        var lastBenefitDay: Day?
        var kommuneUltimo: String?

        init(_ s: Spell) {
            pnr = s.pnr
            group = s.group
            sats = s.sats
            forsikring = s.forsikring
            start = s.start
            slut = s.slut
            lastBenefitDay = s.lastBenefitDay
            kommuneUltimo = s.kommuneUltimo
        }
    }
}
