import ColumnStore
import Domain
import Stages

/// One person's rows of the normalised checkpoints of a run folder, as a ``PersonHistory``.
enum PersonSlice {
    /// The history of `pnr` (10 digits) from the `normalise` checkpoints of `folder`; the
    /// sources the run has no checkpoint for stay empty.
    static func history(_ folder: RunFolder, pnr: Int64) throws -> PersonHistory {
        var slices: [String: Table] = [:]
        for source in PersonHistoryAssembler.sources {
            guard let t = try folder.checkpoint("normalise", source) else { continue }
            let keys = t.column("pnr").int64Values
            let lo = SortedSearch.lowerBound(keys, pnr), hi = SortedSearch.lowerBound(keys, pnr + 1)
            slices[source] = t.gather(Array(lo..<hi))
        }
        let found = PersonHistoryAssembler(tables: slices, partitions: 1).map(threads: 1) { $0 }.flatMap { $0 }
        return found.first { $0.pnr == pnr } ?? PersonHistory(pnr: pnr, birthDate: nil)
    }
}
