import ColumnStore
import Foundation

/// What became of a selected stage.
enum Outcome: Sendable, Equatable {
    case running, ran, upToDate
    case failed(String)
    case refused([String])
    case blocked(String, refusals: [String])
}

/// Shared, lock-protected state of one run.
final class RunState: @unchecked Sendable {
    let condition = NSCondition()
    // Guarded by `condition`.
    var outcomes: [String: Outcome] = [:]
    var running = 0
    var stopLaunching = false
    /// Per stage, the selected stages still to finish that read its tables, with the tables each
    /// reads (nil: any).
    var readers: [String: [String: Set<String>?]] = [:]
    /// Input-check problems per stage, accepted with `--accept-partial`; set before any
    /// stage starts, read-only afterwards.
    var inputProblems: [String: [String]] = [:]

    private let lock = NSLock()
    // Guarded by `lock`.
    private var finished: [String: (Fingerprint, [String])] = [:]
    private var tables: [String: [String: Table]] = [:]
    private var keepers: Set<String> = []

    private let manifestLock = NSLock()
    // Guarded by `manifestLock`.
    private var manifest: RunManifest
    private(set) var manifestWriteError: String?
    let manifestURL: URL

    init(manifest: RunManifest, manifestURL: URL) {
        self.manifest = manifest
        self.manifestURL = manifestURL
    }

    /// Output fingerprint and refusals of a stage that ran or was up to date in this run.
    func done(_ stage: String) -> (Fingerprint, [String])? { lock.withLock { finished[stage] } }
    func setDone(_ stage: String, _ fp: Fingerprint, refusals: [String]) { lock.withLock { finished[stage] = (fp, refusals) } }
    func memoryTable(_ stage: String, _ table: String) -> Table? { lock.withLock { tables[stage]?[table] } }

    /// Stages that write no checkpoints, by name; set before any stage starts, read-only afterwards.
    var rebuildable: [String: any Stage] = [:]
    /// Serialises rebuilding them (``Runner``'s `rebuild`), so each runs at most once per run.
    let rebuildLock = NSLock()
    /// Their tables as built again in this run. Guarded by `lock`.
    private var rebuilt: [String: [String: Table]] = [:]
    func rebuiltTable(_ stage: String, _ table: String) -> Table? { lock.withLock { rebuilt[stage]?[table] } }
    func keepRebuilt(_ stage: String, _ result: [String: Table]) { lock.withLock { rebuilt[stage] = result } }

    /// Keeps a stage's tables in memory while selected stages still need them.
    /// Called from a worker; `readers` is only read here under `condition`.
    func keepInMemory(_ stage: String, _ result: [String: Table]) {
        condition.lock()
        let left = readers[stage] ?? [:]
        condition.unlock()
        guard !left.isEmpty else { return }
        let read = Self.tablesRead(by: left)
        lock.withLock { tables[stage] = read.map { r in result.filter { r.contains($0.key) } } ?? result }
    }

    /// The tables `readers` read together: nil when one of them reads any.
    private static func tablesRead(by readers: [String: Set<String>?]) -> Set<String>? {
        var read = Set<String>()
        for tables in readers.values {
            guard let tables else { return nil }
            read.formUnion(tables)
        }
        return read
    }

    /// A stage is done with its inputs: free the tables no stage still to finish reads (all of
    /// an input's when none is left; else those that none of them declares it reads, see
    /// ``Stage/tablesRead(from:)``). Caller holds `condition`.
    func releaseInputs(of decl: StageDeclaration, selected: Set<String>) {
        for input in decl.inputs where selected.contains(input) {
            readers[input]?[decl.name] = nil
            let left = readers[input] ?? [:]
            if left.isEmpty {
                _ = lock.withLock { tables.removeValue(forKey: input) }
            } else if let read = Self.tablesRead(by: left) {
                lock.withLock { tables[input] = tables[input]?.filter { read.contains($0.key) } }
            }
        }
    }

    /// Applies `change` and writes run.json atomically; returns the new manifest.
    @discardableResult
    func saveManifest(_ change: (inout RunManifest) -> Void) throws -> RunManifest {
        manifestLock.lock()
        defer { manifestLock.unlock() }
        change(&manifest)
        do {
            try manifest.write(to: manifestURL)
        } catch {
            manifestWriteError = SystemErrorText.describe(error)
            throw error
        }
        return manifest
    }

    func manifestSnapshot() -> RunManifest { manifestLock.withLock { manifest } }
}
