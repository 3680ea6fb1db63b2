import ColumnStore
import Foundation
import Generator
import Pipeline
import Testing
@testable import Stages

/// Issue "Synthetic deliveries": a pipeline run on generated data has zero rejects,
/// including the 2024-2025 rules the bundled sample months do not reach (UH/SHO ending
/// by 2025-06-30, KH sats from 2025-07, code 91, kontaktgruppe 12→2).
@Suite struct GeneratedRunTests {
    @Test func pipelineOnGeneratedDeliveriesHasNoRejects() async throws {
        let data = try makeTempDirectory("generated")
        let out = try makeTempDirectory("generated-out")
        try await onThread {
            try DeliveryGenerator.generate(GeneratorConfig(out: data.path, persons: 400, from: ym("2023-01"), to: ym("2025-12"), seed: 7))
        }
        let report = try await runPipeline(data: data, out: out, month: ym("2025-12"))
        #expect(report.rejects.values.reduce(0, +) == 0, "rejects: \(report.rejects.filter { $0.value > 0 })")
        #expect(!report.partial)
        // Every group label that exists after the 2025-07 conversion, and no UH/SHO label any more.
        let run = out.appendingPathComponent("202512/checkpoints/durations/varighed.arrow")
        let varighed = try ArrowCheckpointCodec().read(from: run)
        let labels = Set((0..<varighed.rowCount).compactMap { varighed.column("ydelsesgruppe").text(at: $0) })
        #expect(!labels.contains("Uddannelseshjælp") && !labels.contains("Overgangsydelse"))
        #expect(labels.contains("A-dagpenge") && labels.contains("Sygedagpenge"))
        #expect(labels.contains { $0.hasPrefix("Kontanthjælp, ") }, "KH split by sats from 2025M07: \(labels.sorted())")
    }
}
