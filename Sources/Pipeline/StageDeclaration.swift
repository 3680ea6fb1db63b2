/// One `[[stage]]` entry of a pipeline file.
public struct StageDeclaration: Sendable, Equatable {
    /// Unique stage name; also the checkpoint folder name.
    public var name: String
    /// The kind, looked up in the ``StageRegistry``.
    public var kind: String
    /// Upstream stages whose tables the stage reads; all declared earlier in the file.
    public var inputs: [String]
    /// Parameters as strings (numbers and booleans in the file are converted).
    public var parameters: [String: String]

    public init(name: String, kind: String, inputs: [String] = [], parameters: [String: String] = [:]) {
        self.name = name
        self.kind = kind
        self.inputs = inputs
        self.parameters = parameters
    }
}
