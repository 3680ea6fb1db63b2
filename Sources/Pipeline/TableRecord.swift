/// A checkpoint as recorded in run.json: its size, the fingerprint written in its metadata and
/// the ``ContentHash`` of the whole file (nil in records written before it was kept).
public struct TableRecord: Codable, Sendable, Equatable {
    public var bytes: Int
    public var fingerprint: Fingerprint
    public var hash: Fingerprint?

    public init(bytes: Int, fingerprint: Fingerprint, hash: Fingerprint? = nil) {
        self.bytes = bytes
        self.fingerprint = fingerprint
        self.hash = hash
    }
}
