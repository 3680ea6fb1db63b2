import ColumnStore
import Foundation
import Pipeline
import Testing

@Suite struct FingerprintTests {
    let month = YearMonth(year: 2023, month: 6)
    let up = ["normalise": Fingerprint.of("n")]

    func fp(code: String = "1", params: [String: String] = ["a": "1", "b": "2"], month: YearMonth? = nil,
            upstream: [String: Fingerprint]? = nil, input: Fingerprint? = nil) -> Fingerprint {
        Fingerprint.stage(name: "s", codeVersion: code, parameters: params, month: month ?? self.month,
                          upstream: upstream ?? up, input: input)
    }

    @Test func isStableAcrossProcessesAndVersions() {
        // A fixed value: if this changes, every checkpoint in every run folder goes stale.
        #expect(Fingerprint.of("ydelse").hex == "0512e37bbde71162e29db55b7abd2464")
        #expect(fp() == fp())
        #expect(fp().hex.count == 32)
    }

    @Test func parameterOrderDoesNotMatter() {
        #expect(fp(params: ["a": "1", "b": "2"]) == fp(params: ["b": "2", "a": "1"]))
    }

    @Test func isSensitiveToEveryIngredient() {
        let base = fp()
        #expect(fp(code: "2") != base)
        #expect(fp(params: ["a": "1", "b": "3"]) != base)
        #expect(fp(params: ["a": "1"]) != base)
        #expect(fp(month: YearMonth(year: 2023, month: 7)) != base)
        #expect(fp(upstream: ["normalise": Fingerprint.of("n2")]) != base)
        #expect(fp(upstream: [:]) != base)
        #expect(fp(input: Fingerprint.of("files")) != base)
        #expect(fp(input: Fingerprint.of("files")) != fp(input: Fingerprint.of("files2")))
    }

    @Test func concatenationIsUnambiguous() {
        var a = Fingerprint.Builder(); a.combine("ab"); a.combine("c")
        var b = Fingerprint.Builder(); b.combine("a"); b.combine("bc")
        #expect(a.finalize() != b.finalize())
    }

    @Test func filesFingerprintSeesContentNameAndModificationTime() throws {
        let s = try Scratch()
        try s.put("a", String(repeating: "1234567\n", count: 30_000))   // larger than two samples
        let url = s.data.appendingPathComponent("a.txt")
        let f1 = try Fingerprint.files([url])
        #expect(try Fingerprint.files([url]) == f1)

        // Same size, changed content in the tail, same modification time.
        let attrs = try FileManager.default.attributesOfItem(atPath: url.path)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 2] = UInt8(ascii: "9")
        try bytes.write(to: url)
        try FileManager.default.setAttributes([.modificationDate: attrs[.modificationDate]!], ofItemAtPath: url.path)
        let f2 = try Fingerprint.files([url])
        #expect(f2 != f1)

        // Only the modification time changes.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: url.path)
        #expect(try Fingerprint.files([url]) != f2)

        // Order of the list does not matter; missing files are an error naming the file.
        try s.put("b", "x")
        let b = s.data.appendingPathComponent("b.txt")
        #expect(try Fingerprint.files([url, b]) == Fingerprint.files([b, url]))
        #expect { try Fingerprint.files([s.data.appendingPathComponent("nope.txt")]) } throws: { "\($0)".contains("nope.txt") }
    }
}
