import Foundation
import Testing

/// The broken deliveries in Tests/Fixtures/broken are broken in exactly the way their README says.
@Suite struct BrokenFixturesTests {
    static let root = Support.repoRoot + "/Tests/Fixtures/broken"

    static func problems(_ c: String) -> (gzipFailed: Bool, problems: [String]) {
        let d = Support.deliveries(root + "/" + c)
        guard d.count == 1 else { return (false, ["expected one delivery, found \(d.count)"]) }
        guard let data = try? Gunzip.decompress(d[0].path) else { return (true, []) }
        if String(data: data, encoding: .utf8) == nil {
            return (false, ["invalid UTF-8"])
        }
        return (false, InputsValidator.validate(source: d[0].source, month: d[0].month, text: data).1)
    }

    @Test(arguments: ["reject-field-count", "reject-record-length", "reject-bad-date", "reject-bad-number",
                      "reject-bad-number-fleur", "reject-bad-pnr", "reject-unknown-code", "reject-end-before-start",
                      "reject-missing-value", "reject-uh-after-2025"])
    func rejectCaseHasExactlyOneBadLine(_ c: String) {
        let (gz, p) = Self.problems(c)
        #expect(!gz)
        #expect(p.count == 1 && p[0].hasPrefix("line 3"), "\(p)")
    }

    @Test func invalidUtf8() {
        #expect(Self.problems("reject-invalid-utf8").problems == ["invalid UTF-8"])
    }

    @Test(arguments: ["refuse-truncated-gzip", "refuse-corrupt-gzip"])
    func gzipRefusals(_ c: String) {
        #expect(Self.problems(c).gzipFailed)
    }

    @Test(arguments: ["refuse-missing-trailer", "refuse-wrong-trailer-count", "refuse-wrong-header",
                      "refuse-fleur-missing-start", "refuse-fleur-missing-trailer", "refuse-fleur-wrong-trailer-count"])
    func structuralRefusals(_ c: String) {
        let (gz, p) = Self.problems(c)
        #expect(!gz)
        #expect(p.contains { $0.contains("trailer") || $0.contains("header") || $0.contains("start record") }, "\(p)")
    }
}
