#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the lines of a gzip file: each line without its LF (and without the
/// CR of a CRLF), with its 1-based physical line number.
///
/// Lines are handed out as `UnsafeRawBufferPointer`s that are valid only
/// during the callback; most point straight into the inflated chunk, and only
/// a line split across two chunks is copied. A final line without a LF is
/// still a line; the empty "line" after a final LF is not.
public struct LineReader: Sendable {
    public let gzip: GzipReader

    public init(path: String, inputChunkSize: Int = 1 << 20, outputChunkSize: Int = 256 << 10) {
        gzip = GzipReader(path: path, inputChunkSize: inputChunkSize, outputChunkSize: outputChunkSize)
    }

    /// Calls `body(line, lineNumber)` for every line, in order. Throws what
    /// the ``GzipReader`` throws, after the lines it could read completely.
    @discardableResult
    public func forEachLine(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws -> GzipReader.Totals {
        var splitter = LineSplitter()
        let totals = try gzip.forEachChunk { chunk in
            try splitter.feed(chunk, body)
        }
        try splitter.finish(body)
        return totals
    }
}

/// Splits a stream of byte chunks into lines. Separate from ``LineReader`` so
/// the boundary handling can be tested on plain bytes.
struct LineSplitter {
    /// The start of a line whose end is in a later chunk.
    private var carry: [UInt8] = []
    /// Number of lines handed out so far.
    private(set) var lineNumber = 0

    init() { carry.reserveCapacity(4096) }

    /// Hands out every line completed by `chunk`; keeps an unfinished tail.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        let end = base + chunk.count
        var start = base
        var number = lineNumber
        defer { lineNumber = number }

        if !carry.isEmpty {
            // Complete the carried line with the bytes up to the first LF.
            guard let lf = memchr(start, 0x0A, end - start) else {
                carry.append(contentsOf: UnsafeRawBufferPointer(start: start, count: end - start))
                return
            }
            let lfPointer = UnsafeRawPointer(lf)
            carry.append(contentsOf: UnsafeRawBufferPointer(start: start, count: lfPointer - start))
            number += 1
            try carry.withUnsafeBytes { try body(Self.strippingCR($0), number) }
            carry.removeAll(keepingCapacity: true)
            start = lfPointer + 1
        }

        while start < end, let lf = memchr(start, 0x0A, end - start) {
            let lfPointer = UnsafeRawPointer(lf)
            number += 1
            try body(Self.strippingCR(UnsafeRawBufferPointer(start: start, count: lfPointer - start)), number)
            start = lfPointer + 1
        }
        if start < end {
            carry.append(contentsOf: UnsafeRawBufferPointer(start: start, count: end - start))
        }
    }

    /// Hands out the last line if the stream did not end with a LF.
    mutating func finish(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        guard !carry.isEmpty else { return }
        lineNumber += 1
        let number = lineNumber
        try carry.withUnsafeBytes { try body(Self.strippingCR($0), number) }
        carry.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private static func strippingCR(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if let base = line.baseAddress, line.count > 0, base.load(fromByteOffset: line.count - 1, as: UInt8.self) == 0x0D {
            return UnsafeRawBufferPointer(start: base, count: line.count - 1)
        }
        return line
    }
}
