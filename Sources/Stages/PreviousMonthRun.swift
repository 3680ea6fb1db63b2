import ColumnStore
import Foundation
import Pipeline
import YdelseIO

/// The previous month's run folder of the same output folder (`OUT/<M-1>`), as a nightly run's
/// stages look for what they can carry over from it (``ExtractStage``, ``NormaliseStage``).
struct PreviousMonthRun {
    /// M-1.
    let month: YearMonth
    let manifest: RunManifest
    /// Its checkpoints.
    let store: CheckpointStore

    /// The run folder of M-1 beside this run's, when it has a readable run.json.
    init?(_ context: StageContext) {
        month = context.month.advanced(by: -1)
        let folder = context.runDirectory.deletingLastPathComponent()
            .appendingPathComponent(month.compact, isDirectory: true)
        guard let m = try? RunManifest.load(from: folder.appendingPathComponent(RunManifest.fileName)) else { return nil }
        manifest = m
        store = CheckpointStore(runDirectory: folder, codec: ArrowCheckpointCodec())
    }

    /// The record of `stage` there when it ran or was up to date, without refusals, with this
    /// code version and these parameters.
    func record(of stage: String, codeVersion: String, parameters: [String: String]) -> RunManifest.StageRecord? {
        guard let r = manifest[stage: stage], r.status == .ran || r.status == .upToDate, r.refusals.isEmpty,
              r.codeVersion == codeVersion, r.parameters == parameters else { return nil }
        return r
    }

    /// How many of this month's `deliveries` (in delivery order) are M-1's: those up to M-1.
    func deliveryCount(_ deliveries: [Delivery]) -> Int {
        deliveries.firstIndex { $0.month > month } ?? deliveries.count
    }
}
