import Foundation
import Testing
@testable import YdelseIO

@Suite struct GzipReaderTests {
    func inflate(_ path: String, input: Int = 1 << 20, output: Int = 256 << 10) throws -> (String, GzipReader.Totals) {
        var bytes: [UInt8] = []
        let totals = try GzipReader(path: path, inputChunkSize: input, outputChunkSize: output).forEachChunk {
            bytes.append(contentsOf: $0)
        }
        return (String(decoding: bytes, as: UTF8.self), totals)
    }

    @Test func readsOneMember() throws {
        let f = Fixtures()
        let text = (1...5000).map { "line \($0)" }.joined(separator: "\n")
        let p = f.gzip("a.gz", text)
        let (out, totals) = try inflate(p, input: 1000, output: 777)
        #expect(out == text)
        #expect(totals.members == 1)
        #expect(totals.inflatedBytes == text.utf8.count)
        #expect(totals.compressedBytes == f.bytes(p).count)
        #expect(try inflateOnly(path: p) == text.utf8.count)
    }

    @Test("Concatenated members are all read, whatever the chunk sizes")
    func readsEveryMember() throws {
        let f = Fixtures()
        let parts = ["first member\n", "second member\n", (1...300).map { "third \($0)" }.joined(separator: "\n")]
        let p = f.multiMember("m.gz", parts)
        for input in [1, 2, 3, 7, 20, 64, 1 << 20] {
            for output in [1, 5, 4096] {
                let (out, totals) = try inflate(p, input: input, output: output)
                #expect(out == parts.joined(), "input \(input) output \(output)")
                #expect(totals.members == 3)
            }
        }
    }

    @Test("A truncated stream names the file and the byte where it ended")
    func truncatedStream() throws {
        let f = Fixtures()
        let p = f.gzip("t.gz", (1...2000).map { "row \($0)" }.joined(separator: "\n"))
        let full = f.bytes(p)
        f.write(p, bytes: Array(full.prefix(full.count - 10)))
        for input in [3, 1 << 20] {
            #expect(throws: IOError.truncated(path: p, offset: full.count - 10)) {
                _ = try inflate(p, input: input)
            }
        }
        // An empty file is a truncated stream at byte 0.
        f.write(p, bytes: [])
        #expect(throws: IOError.truncated(path: p, offset: 0)) { _ = try inflate(p) }
        #expect(IOError.truncated(path: p, offset: 7).description == "\(p): truncated gzip stream at byte 7")
    }

    @Test("A second member cut short is truncated too")
    func truncatedSecondMember() throws {
        let f = Fixtures()
        let p = f.multiMember("m.gz", ["one\n", "two\n"])
        let full = f.bytes(p)
        f.write(p, bytes: Array(full.prefix(full.count - 3)))
        #expect(throws: IOError.truncated(path: p, offset: full.count - 3)) { _ = try inflate(p) }
    }

    @Test("Corrupt data throws a zlib error with the file and a compressed offset")
    func corruptStream() throws {
        let f = Fixtures()
        let p = f.gzip("c.gz", (1...2000).map { "row \($0);\($0 * 7)" }.joined(separator: "\n"))
        var bytes = f.bytes(p)
        // Bad gzip magic: caught at the header.
        bytes[0] = 0x00
        f.write(p, bytes: bytes)
        do {
            _ = try inflate(p)
            Issue.record("corrupt header not detected")
        } catch let IOError.zlib(path, offset, message) {
            #expect(path == p)
            #expect(offset <= 2)
            #expect(!message.isEmpty)
        }
        // Damage inside the deflate data: detected at or after the damage.
        bytes = f.bytes(p)
        bytes[0] = 0x1F
        let at = bytes.count / 2
        for i in at..<(at + 8) { bytes[i] ^= 0xA5 }
        f.write(p, bytes: bytes)
        do {
            _ = try inflate(p, input: 64)
            Issue.record("corrupt data not detected")
        } catch let IOError.zlib(path, offset, _) {
            #expect(path == p)
            #expect(offset >= at && offset <= bytes.count)
        }
        // Garbage after a complete member is not another member.
        let good = f.gzip("g.gz", "fine\n")
        f.write(good, bytes: f.bytes(good) + [0x41, 0x42, 0x43])
        #expect(throws: IOError.self) { _ = try inflate(good) }
    }

    @Test("A wrong CRC-32 or length in a member's trailer is corrupt data, in either member")
    func trailerChecked() throws {
        let f = Fixtures()
        let p = f.multiMember("m.gz", [(1...500).map { "first \($0)" }.joined(separator: "\n"), "second\n"])
        let good = f.bytes(p)
        let firstMemberEnd = f.bytes(f.gzip("one.gz", (1...500).map { "first \($0)" }.joined(separator: "\n"))).count
        // Trailer: CRC-32 (4 bytes) then length (4 bytes), little-endian, at each member's end.
        for at in [firstMemberEnd - 8, firstMemberEnd - 1, good.count - 8, good.count - 4] {
            var bytes = good
            bytes[at] ^= 0x01
            f.write(p, bytes: bytes)
            for input in [5, 1 << 20] {
                do {
                    _ = try inflate(p, input: input)
                    Issue.record("damaged trailer byte \(at) not detected (input chunk \(input))")
                } catch let IOError.zlib(path, _, message) {
                    #expect(path == p)
                    #expect(message == "incorrect data check", "byte \(at)")
                }
            }
        }
    }

    @Test func missingFile() {
        #expect(throws: IOError.cannotOpen(path: "/nonexistent/x.gz")) {
            _ = try GzipReader(path: "/nonexistent/x.gz").forEachChunk { _ in }
        }
    }
}
