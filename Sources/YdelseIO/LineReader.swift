#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a gzip file as blocks of whole lines, so a parser can scan many
/// lines in one pass without a call per line.
///
/// Every block holds one or more complete lines, each ending in its LF: a
/// line's CR (of a CRLF) is still there for the reader to drop. Blocks are
/// `UnsafeRawBufferPointer`s valid only during the callback; most point
/// straight into the inflated chunk, and only a line split across two chunks
/// is copied. A final line without a LF is still a line (it is handed out
/// with a LF added); the empty "line" after a final LF is not.
public struct LineReader: Sendable {
    public let gzip: GzipReader

    public init(path: String, inputChunkSize: Int = 1 << 20, outputChunkSize: Int = 256 << 10) {
        gzip = GzipReader(path: path, inputChunkSize: inputChunkSize, outputChunkSize: outputChunkSize)
    }

    /// Calls `body(block)` for every block of whole lines, in order. Throws
    /// what the ``GzipReader`` throws, after the blocks it could read
    /// completely (an unfinished last line is then not handed out).
    @discardableResult
    public func forEachBlock(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> GzipReader.Totals {
        var splitter = LineSplitter()
        let totals = try gzip.forEachChunk { chunk in
            try splitter.feed(chunk, body)
        }
        try splitter.finish(body)
        return totals
    }
}

/// Cuts a stream of byte chunks into blocks of whole lines. Separate from
/// ``LineReader`` so the boundary handling can be tested on plain bytes.
struct LineSplitter {
    /// The start of a line whose end is in a later chunk.
    private var carry: [UInt8] = []

    init() { carry.reserveCapacity(4096) }

    /// Hands out the lines completed by `chunk` (at most two blocks: the
    /// carried line, then the chunk's whole lines); keeps an unfinished tail.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        let end = base + chunk.count
        var start = base

        if !carry.isEmpty {
            // Complete the carried line with the bytes up to and including the first LF.
            guard let lf = memchr(start, 0x0A, end - start) else {
                carry.append(contentsOf: UnsafeRawBufferPointer(start: start, count: end - start))
                return
            }
            let next = UnsafeRawPointer(lf) + 1
            carry.append(contentsOf: UnsafeRawBufferPointer(start: start, count: next - start))
            try carry.withUnsafeBytes { try body($0) }
            carry.removeAll(keepingCapacity: true)
            start = next
        }

        // The chunk's whole lines end at its last LF.
        var last = end
        while last > start, last.load(fromByteOffset: -1, as: UInt8.self) != 0x0A { last -= 1 }
        if last > start {
            try body(UnsafeRawBufferPointer(start: start, count: last - start))
        }
        if last < end {
            carry.append(contentsOf: UnsafeRawBufferPointer(start: last, count: end - last))
        }
    }

    /// Hands out the last line, with a LF added, if the stream did not end with one.
    mutating func finish(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !carry.isEmpty else { return }
        carry.append(0x0A)
        try carry.withUnsafeBytes { try body($0) }
        carry.removeAll(keepingCapacity: true)
    }

    /// The line at `start` of a block: its bytes without the LF (and without
    /// the CR of a CRLF), and the start of the next line.
    @inline(__always)
    static func line(at start: UnsafeRawPointer, in end: UnsafeRawPointer) -> (line: UnsafeRawBufferPointer, next: UnsafeRawPointer) {
        let lf = memchr(start, 0x0A, end - start).map(UnsafeRawPointer.init) ?? end
        var count = lf - start
        if count > 0, start.load(fromByteOffset: count - 1, as: UInt8.self) == 0x0D { count -= 1 }
        return (UnsafeRawBufferPointer(start: start, count: count), min(lf + 1, end))
    }
}
