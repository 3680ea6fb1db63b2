import Foundation
import Logging

/// A log handler for schedulers (`--log-format json`): one JSON object per line on stderr,
/// `{"level":"notice","message":"…","stage":"extract_fleur","time":"2026-12-02T09:15:00Z"}`,
/// with the logger's metadata as further string fields. Progress lines and the end-of-run
/// record go through the same handler, so the stream has nothing else in it.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .notice
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: @Sendable (Data) -> Void

    /// A handler writing to stderr.
    public init(label: String) {
        self.init(label: label) { data in
            JSONLogHandler.stderrLock.withLock { FileHandle.standardError.write(data) }
        }
    }

    /// A handler writing each line to `sink` (tests).
    public init(label: String, sink: @escaping @Sendable (Data) -> Void) {
        self.label = label
        self.sink = sink
    }

    private static let stderrLock = NSLock()

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = [:]
        for (k, v) in metadata { object[k] = "\(v)" }
        for (k, v) in event.metadata ?? [:] { object[k] = "\(v)" }
        object["time"] = ISO8601DateFormatter().string(from: Date())
        object["level"] = event.level.rawValue
        object["logger"] = label
        object["message"] = event.message.description
        sink(Self.line(object))
    }

    /// One JSON object (keys sorted) and a line feed.
    public static func line(_ object: [String: String]) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? e.encode(object)) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }
}
