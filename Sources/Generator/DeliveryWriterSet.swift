import ColumnStore
import Foundation
import YdelseIO

/// One open ``GzipWriter`` per (source, delivery month), each with a small buffer.
///
/// Persons are simulated one after another (person-major); every record goes
/// straight into the writer of its source and delivery month. Memory is
/// therefore bounded by sources × months × (zlib state + buffer), independent
/// of the number of persons. Records dated before the first month are delivered
/// in the first month; records that become known after the last month are dropped.
final class DeliveryWriterSet {
    let from: YearMonth
    let to: YearMonth
    let months: Int
    private var writers: [GzipWriter?]
    private var counts: [Int]
    private let out: String
    private let level: Int32
    private let bufferSize: Int

    init(out: String, from: YearMonth, to: YearMonth, level: Int32, bufferSize: Int) throws {
        self.out = out
        self.from = from
        self.to = to
        self.level = level
        self.bufferSize = bufferSize
        months = from.distance(to: to) + 1
        writers = Array(repeating: nil, count: Source.allCases.count * months)
        counts = Array(repeating: 0, count: Source.allCases.count * months)
        for s in Source.allCases {
            try FileManager.default.createDirectory(atPath: out + "/" + s.name, withIntermediateDirectories: true)
        }
        // Open every writer up front (in a fixed order) so empty months still get a file.
        for s in Source.allCases {
            for m in 0..<months { _ = try writer(s, m) }
        }
    }

    func path(_ s: Source, _ m: Int) -> String {
        out + "/" + s.name + "/" + s.layout.fileName(for: from.advanced(by: m))
    }

    private func writer(_ s: Source, _ m: Int) throws -> GzipWriter {
        let i = s.rawValue * months + m
        if let w = writers[i] { return w }
        let w = try GzipWriter(path: path(s, m), level: level, chunkSize: bufferSize)
        var line = LineBuilder()
        switch s.layout.format {
        case .delimited:
            line.text(s.layout.header)
        case .fixedWidth(let len):
            let month = from.advanced(by: m)
            line.ascii("0001FLEUR")
            line.digits(month.year, width: 4); line.digits(month.month, width: 2)
            line.compactDate(month.last)
            line.pad(to: len)
        }
        line.char(10)
        try line.bytes.withUnsafeBytes { try w.write(bytes: $0) }
        writers[i] = w
        return w
    }

    /// Index of the delivery month for a record that becomes known in `month`, or nil if after `to`.
    @inline(__always) func deliveryIndex(_ month: YearMonth) -> Int? {
        let d = from.distance(to: month)
        if d >= months { return nil }
        return d < 0 ? 0 : d
    }

    /// Appends one finished line (including its LF) to the delivery of `s` for `month`.
    @inline(__always) func append(_ s: Source, month: YearMonth, line: inout LineBuilder) throws {
        guard let m = deliveryIndex(month) else { return }
        let w = try writer(s, m)
        try line.bytes.withUnsafeBytes { try w.write(bytes: $0) }
        counts[s.rawValue * months + m] += 1
    }

    /// Writes every trailer, finishes every file and returns (rows, bytes) per source.
    func finish() throws -> (rows: [String: Int], bytes: [String: Int], files: Int) {
        var rows: [String: Int] = [:]
        var bytes: [String: Int] = [:]
        var files = 0
        for s in Source.allCases {
            for m in 0..<months {
                let i = s.rawValue * months + m
                let w = try writer(s, m)
                var line = LineBuilder()
                switch s.layout.format {
                case .delimited:
                    line.ascii("*EOF*;"); line.number(counts[i])
                case .fixedWidth(let len):
                    line.ascii("9999"); line.digits(counts[i], width: 10); line.pad(to: len)
                }
                line.char(10)
                try line.bytes.withUnsafeBytes { try w.write(bytes: $0) }
                try w.finish()
                writers[i] = nil
                files += 1
                rows[s.name, default: 0] += counts[i]
                let size = ((try? FileManager.default.attributesOfItem(atPath: path(s, m)))?[.size] as? Int) ?? 0
                bytes[s.name, default: 0] += size
            }
        }
        return (rows, bytes, files)
    }
}
