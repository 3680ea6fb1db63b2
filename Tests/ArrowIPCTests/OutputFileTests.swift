@testable import ArrowIPC
import Foundation
import Testing

/// ``OutputFile``: what is written is what the file holds, also when the file is long enough for
/// write-behind requests (every ``OutputFile/writeBehindBytes``) between its writes.
@Suite struct OutputFileTests {
    @Test("a file past several write-behind steps holds exactly the bytes written, small and large writes mixed", arguments: [false, true])
    func writeBehindKeepsContent(writeBehind: Bool) throws {
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let url = dir.file("big.bin")
        let out = try OutputFile(path: url.path, writeBehind: writeBehind)
        var expected = Data()
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        // 2.5 write-behind steps: buffered writes of a few bytes, and writes larger than the buffer.
        while expected.count < OutputFile.writeBehindBytes * 5 / 2 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let size = seed % 3 == 0 ? Int(seed >> 40) % (5 << 20) + (2 << 20) : Int(seed >> 50) % 4096 + 1
            // Each chunk its own byte, its ends marked: a chunk written elsewhere shows.
            var chunk = [UInt8](repeating: UInt8(truncatingIfNeeded: seed >> 56), count: size)
            chunk[0] = UInt8(truncatingIfNeeded: expected.count)
            chunk[size - 1] = UInt8(truncatingIfNeeded: size)
            try out.write(chunk)
            expected.append(contentsOf: chunk)
        }
        try out.writeZeros(63)
        expected.append(contentsOf: [UInt8](repeating: 0, count: 63))
        #expect(out.position == expected.count)
        try out.commit(sync: true)
        #expect(try Data(contentsOf: url) == expected)
        #expect(!FileManager.default.fileExists(atPath: out.temporaryPath))
    }
}
