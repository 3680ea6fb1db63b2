import ColumnStore
import Testing
@testable import YdelseIO

@Suite struct ExtractLinesTests {
    /// Lines that count up are stored as nulls; a delivery's first row and a jump (a rejected
    /// line before the row) are written.
    @Test func onlyJumpsAreWritten() {
        let lines: [Int32] = [2, 3, 4, 6, 7, 2, 3, 2]
        let delivery: [Int32] = [0, 0, 0, 0, 0, 1, 1, 2]
        let c = ExtractLines.encode(lines, delivery: delivery)
        #expect((0..<lines.count).map { c.isNull($0) } == [false, true, true, false, true, false, true, false])
        #expect(ExtractLines.decode(c) == lines)
    }

    /// A delivery whose next delivery starts with the line after its last one still writes that
    /// first line (so deliveries stored apart concatenate as stored).
    @Test func aNewDeliveryAlwaysWritesItsFirstLine() {
        let c = ExtractLines.encode([2, 3, 4, 5], delivery: [0, 0, 1, 1])
        #expect((0..<4).map { c.isNull($0) } == [false, true, false, true])
    }

    /// Random deliveries with rejected lines: decoding gives every line back, and the columns of
    /// deliveries encoded apart, concatenated, decode like the whole table encoded at once.
    @Test(arguments: [1 as UInt64, 2, 3])
    func decodeInvertsEncodeAlsoAcrossConcatenation(seed: UInt64) {
        var state = seed
        func next(_ n: Int) -> Int { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return Int((state >> 33) % UInt64(n)) }
        var lines: [Int32] = [], delivery: [Int32] = [], parts: [Column] = []
        for d in 0..<20 {
            var line = Int32(1 + next(3)), own: [Int32] = []
            for _ in 0..<next(50) {
                line += next(6) == 0 ? Int32(2 + next(4)) : 1
                own.append(line)
            }
            lines += own
            delivery += [Int32](repeating: Int32(d), count: own.count)
            parts.append(ExtractLines.encode(own, delivery: [Int32](repeating: Int32(d), count: own.count)))
        }
        #expect(ExtractLines.decode(ExtractLines.encode(lines, delivery: delivery)) == lines)
        let joined = Table.concatenate(parts.map { Table(columns: [$0]) })
        #expect(ExtractLines.decode(joined.column(ExtractLines.name)) == lines)
    }

    /// A column with every line written (no validity) decodes as it is.
    @Test func aPlainColumnDecodesAsItIs() {
        #expect(ExtractLines.decode(Column(name: "_line", data: .int32([5, 9, 2]))) == [5, 9, 2])
    }
}
