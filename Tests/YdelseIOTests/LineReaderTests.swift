import Foundation
import Testing
@testable import YdelseIO

@Suite struct LineReaderTests {
    /// The lines of `block` (each ending in LF), as the parsers see them.
    static func lines(of block: UnsafeRawBufferPointer) -> [String] {
        var out: [String] = []
        guard var p = block.baseAddress else { return out }
        let end = p + block.count
        #expect(block.last == 0x0A, "a block ends with a LF")
        while p < end {
            let (line, next) = LineSplitter.line(at: p, in: end)
            out.append(String(decoding: line, as: UTF8.self))
            p = next
        }
        return out
    }

    func lines(_ path: String, output: Int = 256 << 10) throws -> [(String, Int)] {
        var out: [String] = []
        try LineReader(path: path, inputChunkSize: 5, outputChunkSize: output).forEachBlock { block in
            out += Self.lines(of: block)
        }
        return out.enumerated().map { ($1, $0 + 1) }
    }

    @Test("LF and CRLF give the same lines; a last line without LF counts, empty lines count")
    func lineEnds() throws {
        let f = Fixtures()
        let lf = f.gzip("lf.gz", "a;b\n\nccc\nlast")
        let crlf = f.gzip("crlf.gz", "a;b\r\n\r\nccc\r\nlast\r\n")
        let expected = [("a;b", 1), ("", 2), ("ccc", 3), ("last", 4)]
        for p in [lf, crlf] {
            let got = try lines(p)
            #expect(got.map(\.0) == expected.map(\.0))
            #expect(got.map(\.1) == expected.map(\.1))
        }
        // A CR in the middle of a line stays; only a CR before the LF goes.
        let mid = f.gzip("mid.gz", "a\rb\n")
        #expect(try lines(mid).map(\.0) == ["a\rb"])
        // A last line without LF that ends in a CR loses it, as before a LF.
        let lastCR = f.gzip("lastcr.gz", "a\r\nb\r")
        #expect(try lines(lastCR).map(\.0) == ["a", "b"])
    }

    @Test("Lines split across chunk boundaries come out whole, for every tiny chunk size")
    func splitLines() throws {
        let f = Fixtures()
        let source = (1...200).map { i in String(repeating: "x", count: i % 23) + "#\(i)" }
        let p = f.gzip("s.gz", source.joined(separator: "\r\n") + "\r\n")
        for output in 1...9 {
            let got = try lines(p, output: output)
            #expect(got.map(\.0) == source, "chunk size \(output)")
            #expect(got.map(\.1) == Array(1...200))
        }
    }

    @Test("The splitter on plain bytes: CR at the end of one chunk, LF at the start of the next")
    func splitterCRBoundary() throws {
        var splitter = LineSplitter()
        var got: [String] = []
        let body: (UnsafeRawBufferPointer) -> Void = { got += LineReaderTests.lines(of: $0) }
        for chunk in ["ab\r", "\ncd", "", "e\r", "\n", "f"] {
            try Array(chunk.utf8).withUnsafeBytes { try splitter.feed($0, body) }
        }
        try splitter.finish(body)
        #expect(got == ["ab", "cde", "f"])
    }

    @Test("Several lines in one chunk come out as one block; the unfinished tail waits for the next chunk")
    func blocks() throws {
        var splitter = LineSplitter()
        var blocks: [String] = []
        let body: (UnsafeRawBufferPointer) -> Void = { blocks.append(String(decoding: $0, as: UTF8.self)) }
        for chunk in ["a\nb\nc", "c\nd", "\n", "e"] {
            try Array(chunk.utf8).withUnsafeBytes { try splitter.feed($0, body) }
        }
        try splitter.finish(body)
        #expect(blocks == ["a\nb\n", "cc\n", "d\n", "e\n"])
    }
}
