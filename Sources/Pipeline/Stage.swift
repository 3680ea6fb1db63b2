import ColumnStore

/// One step of the pipeline: reads upstream tables (or delivery files), writes named tables.
///
/// A stage is a value created by a ``StageRegistry`` factory from a ``StageDeclaration`` in the
/// pipeline file. The runner decides whether to run it (see ``Fingerprint``), hands it a
/// ``StageContext`` and stores the tables of its ``StageResult`` as checkpoints.
///
/// Stages run on worker threads, possibly several at a time, so they must be `Sendable` and
/// must not share mutable state.
public protocol Stage: Sendable {
    /// The unique name of the stage in the pipeline, e.g. `extract_fleur`.
    var name: String { get }
    /// Names of the upstream stages whose output tables this stage reads with
    /// ``StageContext/table(_:_:)``. Must be a subset of the inputs declared in the pipeline
    /// file (the file is authoritative for ordering and fingerprints). Extract stages read
    /// delivery files instead and have no inputs.
    var inputs: [String] { get }
    /// Names of the tables this stage writes; each becomes `checkpoints/<stage>/<table>.arrow`.
    var outputs: [String] { get }
    /// Files this stage writes besides checkpoints, as paths relative to the run folder
    /// (`measures/jobsamtaler.csv`, `report/index.html`). The runner writes them atomically,
    /// records their size and hash in run.json, and treats the stage as stale when one is
    /// missing or differs. Empty (the default) for stages that only write tables.
    var fileOutputs: [String] { get }
    /// The stage's parameters; part of its fingerprint.
    var parameters: [String: String] { get }
    /// Bumped by hand whenever the stage's logic changes, so that its old checkpoints go stale.
    var codeVersion: String { get }
    /// Whether the runner writes the stage's tables as checkpoints (the default). A stage whose
    /// tables are cheap to build again from what it reads (an extract stage reading its delivery
    /// cache) may say no: the runner then keeps them only in memory, and when a later run needs
    /// them from a stage that is up to date, it runs the stage again (after checking that its
    /// fingerprint is still the one recorded). Only for stages without inputs.
    var writesCheckpoints: Bool { get }
    /// Whether the runner hands this stage's tables to the stages after it from memory (the
    /// default), or lets them read its checkpoints back when they ask for a table. A stage whose
    /// tables are large and read once (an extract stage: only `normalise` reads it) says no, so
    /// that the tables of every source are not all held in memory between the two stages.
    /// A stage that writes no checkpoints always keeps its tables in memory.
    var keepsTablesInMemory: Bool { get }
    /// Whether run.json records the content hash of the stage's checkpoints (``TableRecord/hash``),
    /// read back once after writing: for checkpoints a later month copies instead of reading (an
    /// extract stage's, ``CheckpointStore/contentMismatch(stage:table:record:)``). No by default.
    var hashesCheckpoints: Bool { get }

    /// The tables of upstream stage `input` this stage reads, or nil (the default) for any of
    /// them. The runner lets go of an upstream table held in memory once no stage still to
    /// finish reads it (a table asked for after all is read from its checkpoint); a test checks
    /// the declarations against what the bundled pipeline's stages read.
    func tablesRead(from input: String) -> Set<String>?

    /// A fingerprint of whatever the stage reads besides upstream tables, e.g. the delivery
    /// files of an extract stage (see ``Fingerprint/files(_:sampleBytes:)``). `nil` (the
    /// default) when it only reads upstream tables. Called before the up-to-date check, so it
    /// must be cheap and must not read upstream tables.
    func inputFingerprint(_ context: StageContext) throws -> Fingerprint?

    /// Problems with the files the stage will read, checked before any stage of the run starts
    /// (INPUTS.md "Deliveries"): each message names what is missing or wrong, e.g.
    /// `fleur: no delivery for 2023-05 (fleur/fleur_202305.dat.gz)`. A non-empty list stops
    /// the run with exit 1, or with `--accept-partial` marks the stage's outputs partial
    /// (exit 3). The default finds none.
    func checkInputs(_ context: StageContext) throws -> [String]

    /// Computes the stage's output tables.
    ///
    /// Bad records are counted (``StageResult/rejects``); a refused delivery is reported in
    /// ``StageResult/refusals`` (not thrown) together with whatever the stage could build from
    /// the other deliveries. Throw for anything else that prevents the stage from finishing.
    func run(_ context: StageContext) throws -> StageResult
}

extension Stage {
    public func inputFingerprint(_ context: StageContext) throws -> Fingerprint? { nil }
    public func checkInputs(_ context: StageContext) throws -> [String] { [] }
    public var fileOutputs: [String] { [] }
    public var writesCheckpoints: Bool { true }
    public var keepsTablesInMemory: Bool { true }
    public var hashesCheckpoints: Bool { false }
    public func tablesRead(from input: String) -> Set<String>? { nil }
}
