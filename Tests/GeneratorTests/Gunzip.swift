import Foundation

/// Test-only decompression through the system `gzip -dc` (handles concatenated members).
/// Independent of YdelseIO on purpose.
enum Gunzip {
    static func decompress(_ path: String) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw NSError(domain: "gunzip", code: Int(p.terminationStatus)) }
        return data
    }
}
