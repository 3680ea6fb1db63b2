/// Maps a stage kind (`extract`, `normalise`, …) to a factory that makes stages of that kind,
/// so new stages are added by registering a kind, without touching the runner.
///
/// ```swift
/// var registry = StageRegistry()
/// registry.register("extract") { decl in try ExtractStage(declaration: decl) }
/// registry.register("spells") { name, parameters in SpellsStage(name: name, parameters: parameters) }
/// ```
public struct StageRegistry: Sendable {
    /// Makes a stage from its declaration in the pipeline file.
    public typealias Factory = @Sendable (StageDeclaration) throws -> any Stage

    private var factories: [String: Factory] = [:]

    /// A fingerprint of the reference data the stages read (bundled tables such as rule
    /// windows and Skema 1); part of every stage's fingerprint, so a changed reference table
    /// makes every checkpoint stale. `nil` when the stages read none.
    public var referenceData: Fingerprint?

    public init(referenceData: Fingerprint? = nil) {
        self.referenceData = referenceData
    }

    /// Registers (or replaces) the factory of `kind`.
    public mutating func register(_ kind: String, factory: @escaping Factory) {
        factories[kind] = factory
    }

    /// Registers a factory that only needs the stage's name and parameters.
    public mutating func register(
        _ kind: String,
        make: @escaping @Sendable (_ name: String, _ parameters: [String: String]) throws -> any Stage
    ) {
        factories[kind] = { decl in try make(decl.name, decl.parameters) }
    }

    /// The registered kinds, sorted.
    public var kinds: [String] { factories.keys.sorted() }

    /// Whether `kind` is registered.
    public func contains(_ kind: String) -> Bool { factories[kind] != nil }

    /// Makes the stage of `declaration` and checks it against the declaration: same name, and
    /// it reads no stage that is not declared as an input.
    public func makeStage(_ declaration: StageDeclaration) throws -> any Stage {
        guard let factory = factories[declaration.kind] else {
            throw StageRegistryError(stage: declaration.name,
                                     message: "unknown kind '\(declaration.kind)' (known kinds: \(kinds.joined(separator: ", ")))")
        }
        let stage: any Stage
        do {
            stage = try factory(declaration)
        } catch {
            throw StageRegistryError(stage: declaration.name, message: "cannot create stage of kind '\(declaration.kind)': \(error)")
        }
        guard stage.name == declaration.name else {
            throw StageRegistryError(stage: declaration.name,
                                     message: "the factory of kind '\(declaration.kind)' made a stage named '\(stage.name)'")
        }
        let undeclared = stage.inputs.filter { !declaration.inputs.contains($0) }
        guard undeclared.isEmpty else {
            throw StageRegistryError(stage: declaration.name,
                                     message: "reads \(undeclared.joined(separator: ", ")) but the pipeline file does not list it in `inputs`")
        }
        return stage
    }
}

/// A stage could not be made from its declaration.
public struct StageRegistryError: Error, CustomStringConvertible {
    public var stage: String
    public var message: String
    public var description: String { "stage \(stage): \(message)" }
}
