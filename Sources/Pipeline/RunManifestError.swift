/// run.json could not be read.
public struct RunManifestError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot read run manifest \(path): \(reason)" }
}
