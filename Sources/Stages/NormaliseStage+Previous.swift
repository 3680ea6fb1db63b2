import ColumnStore
import Foundation
import Pipeline
import YdelseIO

extension NormaliseStage {
    /// Where a source's normalise outputs of the previous month lie, and how many extract rows
    /// they were made from (``previousOutputs(_:deliveries:)``).
    struct PreviousOutputs: Sendable {
        var table: URL
        var versions: URL?
        var extractRows: Int
        /// The deliveries of M-1 (the `_delivery` values below this are M-1's rows).
        var deliveries: Int
    }

    /// For each source (by index), this stage's outputs in the previous month's run folder of
    /// the same output folder, when they were made from exactly the first rows of this month's
    /// extract table: that run normalised with this code version and parameters, without
    /// refusals, an extract table whose stage recorded the same delivery files (size and content
    /// hash) as this month's extract stage records for the deliveries up to M-1, with the same
    /// code version and parameters; and the checkpoints are the ones its run.json records (size
    /// and embedded fingerprint, as the up-to-date check trusts them).
    func previousOutputs(_ context: StageContext, deliveries: [[Delivery]]) -> [Int: PreviousOutputs] {
        guard let previous = PreviousMonthRun(context),
              let own = previous.record(of: name, codeVersion: codeVersion, parameters: parameters),
              Set(own.upstream.keys) == Set(inputs) else { return [:] }
        let store = previous.store
        var found: [Int: PreviousOutputs] = [:]
        for (i, source) in sources.enumerated() {
            let layout = source.layout
            guard let now = try? context.record(of: source.stage), now.refusals.isEmpty,
                  let before = previous.record(of: source.stage, codeVersion: now.codeVersion, parameters: now.parameters),
                  let fp = before.fingerprint, own.upstream[source.stage] == fp,
                  let rows = before.rowsOut[layout.name], now.inputs.count == deliveries[i].count else { continue }
            let k = previous.deliveryCount(deliveries[i])
            let earlier = deliveries[i].prefix(k).map { "\(layout.name)/\($0.file)" }
            guard earlier.count == before.inputs.count,
                  earlier.allSatisfy({ now.inputs[$0] != nil && now.inputs[$0] == before.inputs[$0] }) else { continue }
            guard store.mismatch(stage: name, table: layout.name, record: own.tables[layout.name]) == nil else { continue }
            var versions: URL?
            if supersededMonths > 0, layout.key != nil {
                let v = Normaliser.supersededName(layout.name)
                guard store.mismatch(stage: name, table: v, record: own.tables[v]) == nil else { continue }
                versions = store.url(stage: name, table: v)
            }
            found[i] = PreviousOutputs(table: store.url(stage: name, table: layout.name), versions: versions,
                                       extractRows: rows, deliveries: k)
        }
        return found
    }

    /// Source `i` normalised from M-1's outputs and the rows of M's new deliveries; `nil` when
    /// those cannot be used after all (a damaged file, new rows that are not the last
    /// deliveries'), and the source is then normalised whole.
    func normaliseFromPrevious(_ context: StageContext, _ i: Int, _ previous: PreviousOutputs,
                               superseded: Normaliser.Superseded?) -> (Normaliser.Outcome, carried: Int?)? {
        let (stage, layout) = sources[i]
        let codec = ArrowCheckpointCodec()
        do {
            let new = try context.table(stage, layout.name, fromRow: previous.extractRows)
            guard (new.rowCount == 0 || new.column("_delivery").int32Values.min()! >= Int32(previous.deliveries)) else {
                context.logger.notice("\(layout.name): the new extract rows are not the new deliveries'; normalising the whole table")
                return nil
            }
            // Room for the new rows in M-1's arrays: the merge puts them in place.
            var spareBytes: [String: Int] = [:]
            for c in new.columns { if case .utf8(let s) = c.data { spareBytes[c.name] = s.bytes.count } }
            let table = try codec.read(from: previous.table, spare: .init(rows: new.rowCount, bytes: spareBytes))
            let versions = try previous.versions.map { try codec.read(from: $0) }
            let carried = table.rowCount
            let outcome = Normaliser.normalise(
                previous: .init(table: consume table, versions: versions, extractRows: previous.extractRows),
                new: new, layout: layout, superseded: superseded)
            return (outcome, carried)
        } catch {
            context.logger.notice("\(layout.name): the previous month's normalised table cannot be used (\(error)); normalising the whole table")
            return nil
        }
    }
}
