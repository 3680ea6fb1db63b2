/// A pipeline file is malformed; the message names the file and the problem.
public struct PipelineFileError: Error, CustomStringConvertible, Equatable {
    /// The file (path or a label such as `<string>`).
    public var file: String
    /// What is wrong, naming the stage where one is involved.
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
