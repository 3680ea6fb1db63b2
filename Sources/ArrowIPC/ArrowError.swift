/// An error reading or writing an Arrow IPC file. It names the file and says
/// what is wrong and, where it helps, at which byte offset.
public struct ArrowError: Error, CustomStringConvertible, Equatable {
    /// The file concerned (a path), or empty when unknown.
    public var file: String
    /// What is wrong.
    public var message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String {
        file.isEmpty ? "Arrow IPC: \(message)" : "Arrow IPC file \(file): \(message)"
    }
}

/// A problem found while decoding metadata, before the file name is known;
/// ``ArrowFileReader`` turns it into an ``ArrowError``.
struct ArrowFormatError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
