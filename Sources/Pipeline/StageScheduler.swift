import Foundation

/// Launches a run's selected stages as their inputs finish, and waits for all of them.
///
/// A stage starts when each of its selected inputs ran or was up to date (an input that is not
/// selected is read from its checkpoints), at most `maxConcurrency` at once, ready stages in
/// `order` (the runner's longest-first ``Runner/launchOrder(previous:)``). A stage whose input
/// failed, was refused or was blocked is blocked itself and never runs; after a failure no
/// further stage starts and the scheduler waits for the running ones.
///
/// Each running stage gets a thread of its own: stages block for seconds on files, and the
/// global Dispatch pool of a loaded machine does not always grow for blocked work, which would
/// run independent stages one after another. (Inside a stage, data-parallel work still uses
/// Dispatch.) When a stage ends, the tables it read that no stage still to finish reads are let
/// go (``RunState/releaseInputs(of:selected:)``).
struct StageScheduler {
    /// The run's stages, in the order ready ones are launched.
    let order: [StageDeclaration]
    /// The stages this run runs.
    let selected: Set<String>
    /// Stages running at once, at most.
    let maxConcurrency: Int
    /// The run's shared state: the scheduler keeps its `outcomes` and `running` count.
    let state: RunState

    /// Runs every selected stage with `execute` (on a thread of its own) and returns what
    /// became of each: selected stages that never started (after a failure) have no entry.
    func run(_ execute: @escaping @Sendable (StageDeclaration) -> Outcome) -> [String: Outcome] {
        state.condition.lock()
        defer { state.condition.unlock() }
        while true {
            if !state.stopLaunching { launchReady(execute) }
            if state.running == 0 { return state.outcomes }
            state.condition.wait()
        }
    }

    /// Whether a stage can start, given what became of its selected inputs so far.
    enum Readiness: Equatable {
        case ready
        case waiting
        /// An input did not complete (failed, refused or blocked).
        case blocked(by: String)
    }

    /// The readiness of `stage` by `outcomes` of the stages before it: blocked by the first
    /// selected input that did not complete, else waiting while one is still to finish.
    static func readiness(of stage: StageDeclaration, selected: Set<String>, outcomes: [String: Outcome]) -> Readiness {
        var ready = true
        for input in stage.inputs where selected.contains(input) {
            switch outcomes[input] {
            case .ran?, .upToDate?: continue
            case nil, .running?: ready = false
            case .failed?, .refused?, .blocked?: return .blocked(by: input)
            }
        }
        return ready ? .ready : .waiting
    }

    /// Starts the stages that are ready, marks the ones that never can be as blocked. Caller
    /// holds `state.condition`.
    private func launchReady(_ execute: @escaping @Sendable (StageDeclaration) -> Outcome) {
        for d in order where selected.contains(d.name) && state.outcomes[d.name] == nil {
            if state.running >= maxConcurrency { return }
            switch Self.readiness(of: d, selected: selected, outcomes: state.outcomes) {
            case .waiting:
                continue
            case let .blocked(input):
                state.outcomes[d.name] = .blocked("stage \(input) did not complete", refusals: [])
                state.releaseInputs(of: d, selected: selected)
            case .ready:
                state.outcomes[d.name] = .running
                state.running += 1
                start(d, execute)
            }
        }
    }

    /// Runs `d` on a thread of its own; when it ends, records its outcome, lets go of the
    /// inputs no one else reads and wakes the scheduler.
    private func start(_ d: StageDeclaration, _ execute: @escaping @Sendable (StageDeclaration) -> Outcome) {
        let state = state, selected = selected
        let thread = Thread {
            let outcome = execute(d)
            state.condition.lock()
            state.outcomes[d.name] = outcome
            state.running -= 1
            if case .failed = outcome { state.stopLaunching = true }
            state.releaseInputs(of: d, selected: selected)
            state.condition.broadcast()
            state.condition.unlock()
        }
        thread.name = "ydelse stage \(d.name)"
        thread.stackSize = 16 << 20
        thread.start()
    }
}
