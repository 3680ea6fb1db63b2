import ArrowIPC
import ColumnStore
import Foundation
import Testing

/// Throughput sanity check: a checkpoint-sized table (int64 + date32 +
/// dictionary, 10M rows by default, `ARROW_PERF_ROWS` to change) must be
/// written and read at memcpy-like speed. Prints MB/s; fails only when far
/// too slow (< 20 MB/s, which would mean per-element work crept in).
@Suite struct ArrowPerformanceTests {
    @Test func largeTableThroughput() throws {
        let rows = Int(ProcessInfo.processInfo.environment["ARROW_PERF_ROWS"] ?? "") ?? 10_000_000
        let dir = try ScratchDirectory()
        defer { dir.cleanup() }
        let ids = [Int64](unsafeUninitializedCapacity: rows) { b, n in
            for i in 0..<rows { b[i] = Int64(i) &* 2_654_435_761 }
            n = rows
        }
        let days = [Int32](unsafeUninitializedCapacity: rows) { b, n in
            for i in 0..<rows { b[i] = Int32(18_000 + i % 2_000) }
            n = rows
        }
        let codes = [Int32](unsafeUninitializedCapacity: rows) { b, n in
            for i in 0..<rows { b[i] = Int32(i % 98) }
            n = rows
        }
        var nulls = Validity(allValid: rows)
        nulls = Validity(bytes: nulls.bytes.enumerated().map { $0.offset % 16 == 3 ? 0xEF : $0.element }, count: rows)
        let table = Table(columns: [
            Column(name: "pnr", data: .int64(ids)),
            Column(name: "dag", data: .date32(days), validity: nulls),
            Column(name: "kommune", data: .dictionary(DictionaryStorage(indices: codes, values: (0..<98).map { "kommune \($0)" }))),
        ])
        let url = dir.file("big.arrow")
        let clock = ContinuousClock()
        let writeTime = try clock.measure { try ArrowFileWriter.write(table, to: url) }
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
        var back: Table?
        let readTime = try clock.measure { back = try ArrowFileReader.read(from: url).table }
        func mbps(_ d: Duration) -> Double {
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            return Double(size) / 1e6 / max(s, 1e-9)
        }
        print("Arrow IPC \(rows) rows, \(size / 1_000_000) MB: write \(writeTime) (\(Int(mbps(writeTime))) MB/s), read \(readTime) (\(Int(mbps(readTime))) MB/s)")
        let t = try #require(back)
        #expect(t.rowCount == rows)
        #expect(t["pnr"]?.int64Values == ids)
        #expect(t["dag"]?.dateValues == days)
        #expect(t["dag"]?.validity?.bytes == nulls.bytes)
        #expect(t["kommune"]?.dictionary.indices == codes)
        #expect(mbps(writeTime) > 20 && mbps(readTime) > 20, "Arrow IPC throughput far too low")
    }
}
