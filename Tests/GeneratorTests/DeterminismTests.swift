import Foundation
import Testing
@testable import Generator

@Suite struct DeterminismTests {
    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let (a, _) = try Support.generate("det-a", persons: 120, from: "2020-06", to: "2021-03", seed: 42)
        let (b, _) = try Support.generate("det-b", persons: 120, from: "2020-06", to: "2021-03", seed: 42)
        let (c, _) = try Support.generate("det-c", persons: 120, from: "2020-06", to: "2021-03", seed: 43)
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(atPath: d) } }
        let fa = Support.deliveries(a), fb = Support.deliveries(b), fc = Support.deliveries(c)
        #expect(fa.count == 13 * 10)
        #expect(fa.map { "\($0.source)/\($0.month)" } == fb.map { "\($0.source)/\($0.month)" })
        var differs = 0
        for (x, y) in zip(fa, fb) {
            #expect(FileManager.default.contents(atPath: x.path) == FileManager.default.contents(atPath: y.path), "\(x.path)")
        }
        for (x, z) in zip(fa, fc) where FileManager.default.contents(atPath: x.path) != FileManager.default.contents(atPath: z.path) {
            differs += 1
        }
        #expect(differs > 100)
    }

    @Test func personsAreIndependentOfN() throws {
        // Person i's records do not depend on how many persons are generated: the person
        // file of a larger run starts with the smaller run's rows.
        let (a, _) = try Support.generate("ind-a", persons: 30, from: "2021-01", to: "2021-02", seed: 5)
        let (b, _) = try Support.generate("ind-b", persons: 60, from: "2021-01", to: "2021-02", seed: 5)
        defer { for d in [a, b] { try? FileManager.default.removeItem(atPath: d) } }
        let pa = String(decoding: try Gunzip.decompress(a + "/person/person_202101.csv.gz"), as: UTF8.self).split(separator: "\n").dropLast()
        let pb = String(decoding: try Gunzip.decompress(b + "/person/person_202101.csv.gz"), as: UTF8.self).split(separator: "\n")
        #expect(Array(pb.prefix(pa.count)) == Array(pa))
    }

    @Test func prngIsStable() {
        var r = Prng(seed: 1, stream: 0)
        let first = (0..<3).map { _ in r.next() }
        var r2 = Prng(seed: 1, stream: 0)
        #expect((0..<3).map { _ in r2.next() } == first)
        var r3 = Prng(seed: 1, stream: 1)
        #expect(r3.next() != first[0])
    }

    @Test func pnrScrambleIsInjective() {
        var seen = Set<Int64>()
        for i in 0..<20_000 { seen.insert(PersonSimulator.scramble(UInt64(i))) }
        for i in 0..<20_000 { seen.insert(PersonSimulator.scramble(UInt64(i) + 5_000_000_000)) }
        #expect(seen.count == 40_000)
    }
}
