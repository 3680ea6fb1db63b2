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
        guard let m = Self.manifests.manifest(at: folder.appendingPathComponent(RunManifest.fileName)) else { return nil }
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

    /// M-1's run.json as decoded by the first stage that asked (every extract stage and
    /// `normalise` ask; it is 600 KB of JSON at 1,000,000 persons).
    static let manifests = DecodedManifests()

    /// How many of this month's `deliveries` (in delivery order) are M-1's: those up to M-1.
    func deliveryCount(_ deliveries: [Delivery]) -> Int {
        deliveries.firstIndex { $0.month > month } ?? deliveries.count
    }
}

/// run.json files decoded in this process, each kept with the identity of the file it was read
/// from (device, inode, size, modification and change times): a file written since, which
/// run.json always is by a rename onto it, is read again.
final class DecodedManifests: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (identity: FileStatus, manifest: RunManifest)] = [:]

    /// The manifest at `url`; nil when there is none or it cannot be read.
    func manifest(at url: URL) -> RunManifest? {
        guard let before = FileStatus(path: url.path) else { return nil }
        if let hit = lock.withLock({ entries[url.path] }), hit.identity == before { return hit.manifest }
        guard let m = try? RunManifest.load(from: url) else { return nil }
        // Kept only when the file is the one that was stat'ed before it was read.
        if FileStatus(path: url.path) == before { lock.withLock { entries[url.path] = (before, m) } }
        return m
    }
}
