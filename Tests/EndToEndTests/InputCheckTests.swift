import Foundation
import Testing

/// INPUTS.md "Deliveries": a complete delivery set or exit 1 naming the missing files;
/// `--accept-partial` goes on and exits 3 with the run marked partial.
@Suite(.serialized) struct InputCheckTests {
    static let month = "2019-06"

    /// Runs the small data set after `damage`; returns the strict and the accepting run.
    func check(_ tag: String, damage: (URL) throws -> Void) async throws -> (strict: Finished, partial: Finished, runFolder: URL) {
        let data = try E2E.smallData(tag: tag)
        try damage(data)
        let out = try E2E.tempDirectory("\(tag)-out")
        let strict = try await ydelse(["run", "--data", data.path, "--month", Self.month, "--out", out.path])
        let partial = try await ydelse(["run", "--data", data.path, "--month", Self.month, "--out", out.path, "--accept-partial"])
        return (strict, partial, out.appendingPathComponent("201906"))
    }

    func expectRefusedThenPartial(_ r: (strict: Finished, partial: Finished, runFolder: URL), naming: [String]) throws {
        #expect(r.strict.status == 1, "\(r.strict)")
        for n in naming { #expect(r.strict.stderr.contains(n), "the message does not name \(n):\n\(r.strict.stderr)") }
        #expect(r.strict.stdout.contains("INCOMPLETE DELIVERIES"), "\(r.strict)")
        #expect(r.partial.status == 3, "\(r.partial)")
        #expect(r.partial.stdout.contains("PARTIAL DATA"), "\(r.partial)")
        let json = try runJSON(r.runFolder)
        #expect(json["partial"] as? Bool == true)
        #expect(json["outcome"] as? String == "partial")
        let refusals = json["refusals"] as? [String] ?? []
        for n in naming { #expect(refusals.contains { $0.contains(n) }, "run.json does not name \(n): \(refusals)") }
    }

    @Test("a missing source folder: exit 1 naming the folder; --accept-partial exits 3")
    func missingFolder() async throws {
        let r = try await check("nofolder") { try FileManager.default.removeItem(at: $0.appendingPathComponent("tilbud")) }
        try expectRefusedThenPartial(r, naming: ["tilbud", "tilbud/tilbud_201906.csv.gz"])
    }

    @Test("a gap month: exit 1 naming the missing file; --accept-partial exits 3")
    func gap() async throws {
        let r = try await check("gap") { try FileManager.default.removeItem(at: $0.appendingPathComponent("ksd/ksd_201903.csv.gz")) }
        try expectRefusedThenPartial(r, naming: ["ksd/ksd_201903.csv.gz"])
    }

    @Test("several gap months in a row are named as a range")
    func gapRange() async throws {
        let r = try await check("gaprange") { d in
            for m in ["201902", "201903", "201904"] { try FileManager.default.removeItem(at: d.appendingPathComponent("fravaer/fravaer_\(m).csv.gz")) }
        }
        try expectRefusedThenPartial(r, naming: ["fravaer/fravaer_201902.csv.gz", "fravaer/fravaer_201904.csv.gz", "3 files"])
    }

    @Test("no delivery for M: exit 1 naming it; --accept-partial exits 3")
    func noDeliveryForM() async throws {
        let r = try await check("nom") { try FileManager.default.removeItem(at: $0.appendingPathComponent("fleur/fleur_201906.dat.gz")) }
        try expectRefusedThenPartial(r, naming: ["fleur/fleur_201906.dat.gz"])
    }

    @Test("misnamed files in a source folder are reported: exit 1; --accept-partial exits 3")
    func misnamed() async throws {
        let r = try await check("misnamed") { d in
            let ky = d.appendingPathComponent("ky")
            let good = try Data(contentsOf: ky.appendingPathComponent("ky_201904.csv.gz"))
            try good.write(to: ky.appendingPathComponent("KY_202204.csv.gz"))
            try good.write(to: ky.appendingPathComponent("ky_2022-05.csv.gz"))
            try good.write(to: ky.appendingPathComponent("ky_202203.csv"))
        }
        try expectRefusedThenPartial(r, naming: ["ky/KY_202204.csv.gz", "ky/ky_2022-05.csv.gz", "ky/ky_202203.csv"])
    }

    @Test("a refused delivery (truncated gzip): exit 1 naming it, no rejects written; --accept-partial exits 3")
    func refusedDelivery() async throws {
        let data = try E2E.smallData(tag: "refused")
        let file = data.appendingPathComponent("ky/ky_201904.csv.gz")
        let bytes = try Data(contentsOf: file)
        try bytes.prefix(bytes.count / 2).write(to: file)
        let out = try E2E.tempDirectory("refused-out")
        let strict = try await ydelse(["run", "--data", data.path, "--month", Self.month, "--out", out.path])
        #expect(strict.status == 1 && strict.stderr.contains("ky_201904.csv.gz"), "\(strict)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("201906/rejects/ky.csv").path))
        let partial = try await ydelse(["run", "--data", data.path, "--month", Self.month, "--out", out.path, "--accept-partial"])
        #expect(partial.status == 3, "\(partial)")
        #expect(try runJSON(out.appendingPathComponent("201906"))["outcome"] as? String == "partial")
    }
}
