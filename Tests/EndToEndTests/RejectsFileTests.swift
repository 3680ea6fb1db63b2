import Foundation
import Testing

/// rejects/SOURCE.csv is RFC 4180 CSV with `;`: Python's csv module and pyarrow's CSV reader
/// read back every field, the raw line whole (`;` and `"` in it), invalid UTF-8 as `\xNN`.
@Suite(.serialized) struct RejectsFileTests {
    @Test("rejects read back with Python's csv module and pyarrow's CSV reader give the raw lines whole")
    func readBack() async throws {
        let python = E2E.python
        let probe = try await runProgram("/usr/bin/env", [python, "-c", "import pyarrow.csv"])
        try #require(probe.status == 0, "python with pyarrow is required (\(python)); run `make venv`: \(probe.stderr)")

        let data = try E2E.smallData(through: "201903", tag: "rejects")
        // Three bad ky lines in 2019-03: a bad date (the raw line holds `;`), a field with a
        // quote, an invalid UTF-8 byte.
        let badDate = Data("0101901234;KH;;2019-02-30;2019-03-31;101;N".utf8)
        let quote = Data("0101901234;KH;;2019-03-01;2019-03-31;1\"1;N".utf8)
        let invalid = Data("0101901234;KH;;2019-03-01;2019-03-31;10".utf8) + Data([0xFF]) + Data(";N".utf8)
        try await editDelivery(data.appendingPathComponent("ky/ky_201903.csv.gz")) { $0 + [badDate, quote, invalid] }
        let out = try E2E.tempDirectory("rejects-out")
        let r = try await ydelse(["run", "--data", data.path, "--month", "2019-03", "--out", out.path])
        #expect(r.status == 0, "\(r)")
        let file = out.appendingPathComponent("201903/rejects/ky.csv")
        try #require(FileManager.default.fileExists(atPath: file.path), "\(r)")

        let read = try await runProgram("/usr/bin/env", [python, E2E.csvCheck.path, file.path])
        try #require(read.status == 0, "\(read)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: [[String]]])
        let expectedRaw = [
            String(decoding: badDate, as: UTF8.self),
            String(decoding: quote, as: UTF8.self),
            "0101901234;KH;;2019-03-01;2019-03-31;10\\xFF;N",
        ]
        for reader in ["csv", "pyarrow"] {
            let rows = try #require(json[reader])
            #expect(rows.first == ["source", "file", "line", "reason", "raw"], "\(reader)")
            let body = Array(rows.dropFirst())
            #expect(body.count == 3, "\(reader): \(body)")
            #expect(body.map { $0.count } == [5, 5, 5], "\(reader): \(body)")
            #expect(body.map { $0.last ?? "" } == expectedRaw, "\(reader) read other raw fields: \(body)")
            #expect(body.allSatisfy { $0[0] == "ky" && $0[1] == "ky_201903.csv.gz" }, "\(reader)")
            #expect(body.first?[3].hasPrefix("bad date") == true, "\(reader): \(body)")
        }
    }
}
