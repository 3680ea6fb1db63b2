import Foundation
@testable import Pipeline
import Testing

@Suite struct StageSchedulerTests {
    /// a -> b -> d, c -> d; e independent.
    static let stages = [
        StageDeclaration(name: "a", kind: "k", inputs: []),
        StageDeclaration(name: "b", kind: "k", inputs: ["a"]),
        StageDeclaration(name: "c", kind: "k", inputs: []),
        StageDeclaration(name: "d", kind: "k", inputs: ["b", "c"]),
        StageDeclaration(name: "e", kind: "k", inputs: []),
    ]
    static let all = Set(stages.map(\.name))

    func readiness(_ name: String, selected: Set<String> = all, _ outcomes: [String: Outcome]) -> StageScheduler.Readiness {
        StageScheduler.readiness(of: Self.stages.first { $0.name == name }!, selected: selected, outcomes: outcomes)
    }

    @Test("a stage is ready when every selected input ran or was up to date, waits while one runs or has not started")
    func readyAndWaiting() {
        #expect(readiness("a", [:]) == .ready)
        #expect(readiness("b", [:]) == .waiting)
        #expect(readiness("b", ["a": .running]) == .waiting)
        #expect(readiness("b", ["a": .ran]) == .ready)
        #expect(readiness("d", ["b": .upToDate, "c": .running]) == .waiting)
        #expect(readiness("d", ["b": .upToDate, "c": .ran]) == .ready)
        // An input that is not selected is read from its checkpoints: nothing to wait for.
        #expect(readiness("d", selected: ["c", "d"], ["c": .ran]) == .ready)
    }

    @Test("a stage is blocked by the first selected input that failed, was refused or was blocked, even while another runs")
    func blocked() {
        #expect(readiness("b", ["a": .failed("boom")]) == .blocked(by: "a"))
        #expect(readiness("d", ["b": .refused(["x"]), "c": .running]) == .blocked(by: "b"))
        #expect(readiness("d", ["b": .ran, "c": .blocked("stage a did not complete", refusals: [])]) == .blocked(by: "c"))
    }

    @Test("every selected stage runs once, after its inputs, never more than maxConcurrency at once; a failure blocks what depends on it and starts nothing more")
    func runsInDependencyOrder() throws {
        for limit in [1, 2, 3] {
            let state = RunState(manifest: RunManifest(month: "2025-12", started: Date(), runId: "t"),
                                 manifestURL: URL(fileURLWithPath: "/dev/null"))
            let log = Locked<(finished: [String], running: Int, peak: Int)>(([], 0, 0))
            let scheduler = StageScheduler(order: Self.stages, selected: Self.all, maxConcurrency: limit, state: state)
            let outcomes = scheduler.run { d in
                log.withLock { $0.running += 1; $0.peak = max($0.peak, $0.running) }
                Thread.sleep(forTimeInterval: 0.01)
                log.withLock { $0.running -= 1; $0.finished.append(d.name) }
                return .ran
            }
            let finished = log.withLock { $0.finished }
            #expect(outcomes == Dictionary(uniqueKeysWithValues: Self.all.map { ($0, Outcome.ran) }))
            #expect(finished.sorted() == Self.all.sorted())
            for d in Self.stages {
                for input in d.inputs {
                    #expect(finished.firstIndex(of: input)! < finished.firstIndex(of: d.name)!, "\(d.name) before its input \(input)")
                }
            }
            #expect(log.withLock { $0.peak } <= limit)
        }

        let state = RunState(manifest: RunManifest(month: "2025-12", started: Date(), runId: "t"),
                             manifestURL: URL(fileURLWithPath: "/dev/null"))
        let started = Locked<[String]>([])
        let scheduler = StageScheduler(order: Self.stages, selected: Self.all, maxConcurrency: 1, state: state)
        let outcomes = scheduler.run { d in
            started.withLock { $0.append(d.name) }
            return d.name == "a" ? .failed("boom") : .ran
        }
        // "a" runs first (order, one at a time) and fails: nothing else starts; "b" is not even
        // marked blocked, because after a failure no stage is launched or judged.
        #expect(started.withLock { $0 } == ["a"])
        #expect(outcomes == ["a": .failed("boom")])
    }
}
