import ColumnStore
import Domain
import Foundation
import Pipeline
import YdelseIO

extension SpellsStage {
    /// The previous month's `forloeb` of the same output folder, for the persons whose rows did
    /// not change in M (a nightly run): their rows are kept when ``Domain/SpellCarryOver`` holds.
    ///
    /// A person's rows changed when one of them came with a delivery of M (`_delivery` at or
    /// after M-1's number of deliveries of the source) or one of their versions was replaced in
    /// M (a `<source>_versioner` row with `kendt_til` = first(M)). Everything else in M's
    /// normalised tables is M-1's, because this run's normalise merged every source with M-1's
    /// normalised tables (``NormaliseStage/sourcesNormalisedWhole`` = 0), after checking that
    /// they were made from the same delivery files; and M-1's `forloeb` was made from exactly
    /// those tables (its upstream fingerprint is M-1's normalise fingerprint).
    struct PreviousSpells: Sendable {
        /// The rows of each person in M-1's `forloeb` (returned beside this, so that the
        /// table itself can be let go while it is gathered).
        let index: SpellRowIndex
        /// Per row: a spell other than AD without `slut`.
        let openBesidesAD: [Bool]
        /// Per slot of the assembler: the `_delivery` column, and the first delivery index of M.
        let delivery: [[Int32]]
        let firstNewDelivery: [Int32]
        /// Persons with a version replaced in M, ascending.
        let replaced: [Int64]

        /// Whether one of the person's rows is new in M or replaced in M.
        func changed(_ p: PersonRows) -> Bool {
            for (s, rows) in p.rows.enumerated() where !rows.isEmpty {
                let d = delivery[s], k = firstNewDelivery[s]
                for r in rows where d[r] >= k { return true }
            }
            let i = SortedSearch.lowerBound(replaced, p.pnr)
            return i < replaced.count && replaced[i] == p.pnr
        }

        /// The person's rows in M-1's `forloeb`.
        func rows(of pnr: Int64) -> Range<Int> { index.rows(of: pnr) }
    }

    /// M-1's `forloeb` when a nightly run can keep its rows (see ``PreviousSpells``), else nil.
    func previousSpells(_ context: StageContext, _ assembler: PersonHistoryAssembler) -> (PreviousSpells, table: Table)? {
        let upstream = normaliseStage
        guard let previous = PreviousMonthRun(context), SpellCarryOver.labelsAgree(previous.month, context.month),
              let own = previous.record(of: name, codeVersion: codeVersion, parameters: parameters),
              let before = previous.manifest[stage: upstream], before.status == .ran || before.status == .upToDate,
              let fingerprint = before.fingerprint, own.upstream[upstream] == fingerprint,
              let now = try? context.record(of: upstream), now.status == .ran,
              now.counters[NormaliseStage.sourcesNormalisedWhole] == 0,
              previous.store.mismatch(stage: name, table: "forloeb", record: own.tables["forloeb"]) == nil
        else { return nil }
        do {
            let sources = assembler.slotSources
            let extractor = SourceExtractor(dataDirectory: context.dataDirectory.path)
            let first = context.month.first.rawValue
            var firstNew: [Int32] = [], replaced: [Int64] = []
            let delivery = assembler.int32Columns("_delivery")
            for (s, source) in sources.enumerated() {
                guard let layout = SourceCatalog.layout(named: source) else { return nil }
                let k = Int32(previous.deliveryCount(try extractor.deliveries(of: layout, upTo: context.month)))
                firstNew.append(k)
                var rowsOfMMinus1 = delivery[s].reduce(0) { $0 + ($1 < k ? 1 : 0) }
                if layout.key != nil {
                    // The versions M's deliveries replaced (M-1's rows among them were current then).
                    let versions = try context.table(upstream, Normaliser.supersededName(source))
                    let until = versions.column(Normaliser.Superseded.replacedFrom).dateValues
                    let pnr = versions.column("pnr").int64Values, d = versions.column("_delivery").int32Values
                    for r in until.indices where until[r] == first {
                        replaced.append(pnr[r])
                        if d[r] < k { rowsOfMMinus1 += 1 }
                    }
                }
                // A check that M's tables are M-1's plus M's deliveries: M-1's rows all accounted for.
                guard before.rowsOut[source] == rowsOfMMinus1 else {
                    context.logger.notice("spells: \(source) does not hold the previous month's rows; computing every person")
                    return nil
                }
            }
            replaced.sort()
            let table = try ArrowCheckpointCodec().read(from: previous.store.url(stage: name, table: "forloeb"))
            guard let index = SpellRowIndex(table) else { return nil }
            let slut = table.column("slut"), code = table.column("gruppe_kode").strings
            let ad = Array(BenefitGroup.ad.code.utf8)
            let open = (0..<table.rowCount).map { r in
                slut.isNull(r) && !code.bytes[Int(code.offsets[r])..<Int(code.offsets[r + 1])].elementsEqual(ad)
            }
            return (PreviousSpells(index: index, openBesidesAD: open, delivery: delivery,
                                   firstNewDelivery: firstNew, replaced: replaced), table)
        } catch {
            context.logger.notice("spells: the previous month's spells cannot be used (\(error)); computing every person")
            return nil
        }
    }
}
