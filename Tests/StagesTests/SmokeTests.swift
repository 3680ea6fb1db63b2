import Testing
@testable import Stages

@Suite struct SmokeTests {
    @Test func sampleRunSucceeds() async throws {
        let run = try await sampleRun("2023-06")
        #expect(run.report.stages(.ran).count == 17)
    }
}
