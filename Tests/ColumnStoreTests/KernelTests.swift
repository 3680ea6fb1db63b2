import Foundation
import Testing
@testable import ColumnStore

@Suite struct KernelTests {
    func sample() -> Table {
        Table(columns: [
            Column(name: "pnr", data: .int64([5, 3, 5, 1, 3, 9])),
            Column(name: "dato", data: .date32([10, 20, 5, 7, 1, 2])),
            Column(name: "kode", data: .dictionary(DictionaryStorage(indices: [0, 1, 0, 1, 2, 0], values: ["KH", "AD", "UH"]))),
            Column(name: "id", data: .utf8(StringStorage(["a", "b", "c", "d", "e", "f"])),
                   validity: Validity([true, true, false, true, true, true])),
        ])
    }

    @Test func sortByTwoIntegerKeysIsStableAndOrdered() {
        let t = sample().sorted(by: ["pnr", "dato"])
        #expect(t.column("pnr").int64Values == [1, 3, 3, 5, 5, 9])
        #expect(t.column("dato").dateValues == [7, 1, 20, 5, 10, 2])
        #expect(t.column("id").text(at: 3) == nil) // the null travelled with its row
    }

    @Test func sortByDictionaryUsesStringOrder() {
        let t = sample().sorted(by: ["kode", "pnr"])
        #expect((0..<t.rowCount).map { t.column("kode").text(at: $0)! } == ["AD", "AD", "KH", "KH", "KH", "UH"])
        #expect(t.column("pnr").int64Values == [1, 3, 5, 5, 9, 3])
    }

    @Test func partitionsKeepEveryPersonTogether() {
        var keys: [Int64] = []
        for p in 0..<1000 { for _ in 0..<(p % 4 + 1) { keys.append(Int64(1_000_000_000 + p * 7)) } }
        let t = Table(columns: [Column(name: "pnr", data: .int64(keys)), Column(name: "row", data: .int32(keys.indices.map(Int32.init)))])
        let parts = t.partitioned(by: "pnr", count: 4)
        #expect(parts.rowCount == keys.count)
        var home: [Int64: Int] = [:]
        for (i, part) in parts.partitions.enumerated() {
            #expect(part.rowCount > 0)
            let rows = part.column("row").int32Values
            #expect(rows == rows.sorted()) // original order kept inside a partition
            for k in part.column("pnr").int64Values {
                if let h = home[k] { #expect(h == i) } else { home[k] = i }
            }
        }
        #expect(home.count == 1000)
    }

    @Test func groupRangesAndCoGroupJoinOnPnr() {
        let a = Table(columns: [Column(name: "pnr", data: .int64([1, 1, 4, 7]))])
        let b = Table(columns: [Column(name: "pnr", data: .int64([2, 4, 4, 4]))])
        #expect(a.groupRanges(by: "pnr").map(\.rows) == [0..<2, 2..<3, 3..<4])
        let joined = Array(CoGroup([a, b], key: "pnr"))
        #expect(joined.map(\.key) == [1, 2, 4, 7])
        #expect(joined[2].rows == [2..<3, 1..<4])
        #expect(joined[1].rows == [2..<2, 0..<1])
        // Restricted to row ranges (a partition), rows are still numbered in the whole table.
        let part = Array(CoGroup([a, b], key: "pnr", ranges: [2..<4, 1..<3]))
        #expect(part.map(\.key) == [4, 7])
        #expect(part[0].rows == [2..<3, 1..<3])
        #expect(part[1].rows == [3..<4, 3..<3])
    }

    @Test func filterKeepsOrder() {
        let t = sample().filter { $0 % 2 == 0 }
        #expect(t.column("pnr").int64Values == [5, 5, 3])
    }

    @Test func concatenateRemapsDictionariesAndValidity() {
        let x = Table(columns: [Column(name: "k", data: .dictionary(DictionaryStorage(indices: [0, 1], values: ["A", "B"])))])
        let y = Table(columns: [Column(name: "k", data: .dictionary(DictionaryStorage(indices: [0, 0], values: ["B"])),
                                       validity: Validity([true, false]))])
        let z = Table.concatenate([x, y])
        #expect(z.rowCount == 4)
        #expect((0..<4).map { z.column("k").text(at: $0) } == ["A", "B", "B", nil])
    }
}

@Suite struct ParallelLanesTests {
    @Test("lanes: every lane runs once, results in lane order, kernels inside them work")
    func lanesReturnInOrder() {
        final class Count: @unchecked Sendable {
            let lock = NSLock()
            var value = 0
            func add() { lock.lock(); value += 1; lock.unlock() }
        }
        let ran = Count()
        let results = Parallel.lanes(5) { i -> [Int] in
            ran.add()
            return Parallel.map(100) { $0 * i }
        }
        #expect(ran.value == 5)
        #expect(results.map { $0.reduce(0, +) } == (0..<5).map { 4950 * $0 })
        #expect(Parallel.lanes(0) { $0 }.isEmpty)
    }

    @Test("lanes pulling from one queue: every item runs once, results in item order, the lanes run side by side", arguments: [0, 1, 2, 7, 40])
    func lanesPulling(count: Int) {
        final class Runs: @unchecked Sendable {
            let lock = NSLock()
            var items: [Int] = []
            func add(_ i: Int) { lock.lock(); items.append(i); lock.unlock() }
        }
        let runs = Runs()
        // Items 0 and 1 wait for each other: with fewer than two lanes running at once they time out.
        let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
        let metUp = Runs()
        let results = Parallel.lanes(2, pulling: count) { i -> Int in
            runs.add(i)
            if count >= 2, i < 2 {
                (i == 0 ? first : second).signal()
                if (i == 0 ? second : first).wait(timeout: .now() + 10) == .success { metUp.add(i) }
            }
            return i * i
        }
        #expect(results == (0..<count).map { $0 * $0 })
        #expect(runs.items.sorted() == Array(0..<count))
        if count >= 2 { #expect(metUp.items.sorted() == [0, 1], "items 0 and 1 did not run at the same time") }
    }
}

@Suite struct KeyedReplacementTests {
    @Test func laterRecordReplacesEarlierOne() {
        let keys = StringStorage(["p1", "p2", "p1", "p3", "p2", "p1"])
        #expect(keys.lastOccurrenceRows() == [3, 4, 5])
    }

    @Test func manyKeysWithCollisions() {
        let n = 50_000
        let keys = StringStorage((0..<n).map { "id\($0 % 20_000)" })
        let rows = keys.lastOccurrenceRows()
        #expect(rows.count == 20_000)
        #expect(rows.first == 30_000 && rows.last == n - 1)
    }

    @Test func int64KeysKeepLast() {
        let c = Column(name: "pnr", data: .int64([7, 8, 7]))
        #expect(c.lastOccurrenceRows() == [1, 2])
    }
}

@Suite struct ValidityGatherTests {
    @Test func validityGather() {
        let v = Validity([true, false, true, true, false])
        let g = v.gather([4, 3, 1, 0])
        #expect((0..<4).map { g[$0] } == [false, true, false, true])
    }
}

@Suite struct TableIdentityTests {
    func table(_ ids: [String], dato: [Int32], valid: [Bool]? = nil, amount: [Double] = [1.5, -0.0]) -> Table {
        Table(columns: [
            Column(name: "id", data: .utf8(StringStorage(ids))),
            Column(name: "dato", data: .date32(dato), validity: valid.map(Validity.init)),
            Column(name: "beloeb", data: .float64(amount)),
        ])
    }

    @Test("isIdentical: the same buffers are identical; another value, null, name, type or zero sign is not")
    func identity() {
        let t = table(["a", "b"], dato: [1, 2])
        #expect(t.isIdentical(to: table(["a", "b"], dato: [1, 2])))
        #expect(!t.isIdentical(to: table(["a", "c"], dato: [1, 2])))
        #expect(!t.isIdentical(to: table(["a", "b"], dato: [1, 3])))
        #expect(!t.isIdentical(to: table(["a", "b"], dato: [1, 2], valid: [true, false])))
        #expect(!t.isIdentical(to: table(["a", "b"], dato: [1, 2], amount: [1.5, 0.0])))
        var renamed = t
        renamed.columns[1].name = "slut"
        #expect(!t.isIdentical(to: renamed))
        var retyped = t
        retyped.columns[1] = Column(name: "dato", data: .int32([1, 2]))
        #expect(!t.isIdentical(to: retyped))
        #expect(!t.isIdentical(to: Table(columns: Array(t.columns.prefix(2)))))
    }

    @Test("sameValue: equal values across rows and tables, nulls only equal nulls, a dictionary by its strings")
    func sameValue() {
        let a = table(["a", "b"], dato: [1, 2], valid: [true, false])
        let b = table(["b", "a"], dato: [2, 1], valid: [false, true])
        #expect(a.columns[0].sameValue(at: 0, as: b.columns[0], at: 1))
        #expect(!a.columns[0].sameValue(at: 0, as: b.columns[0], at: 0))
        #expect(a.columns[1].sameValue(at: 0, as: b.columns[1], at: 1))
        #expect(a.columns[1].sameValue(at: 1, as: b.columns[1], at: 0), "both null")
        #expect(!a.columns[1].sameValue(at: 0, as: b.columns[1], at: 0), "a value against a null")
        let d1 = Column(name: "k", data: .dictionary(DictionaryStorage(indices: [0, 1], values: ["KH", "AD"])))
        let d2 = Column(name: "k", data: .dictionary(DictionaryStorage(indices: [1, 0], values: ["AD", "KH"])))
        #expect(d1.sameValue(at: 0, as: d2, at: 0) && d1.sameValue(at: 1, as: d2, at: 1) && !d1.sameValue(at: 0, as: d2, at: 1), "KH at index 0 and at index 1")
        #expect(!a.columns[1].sameValue(at: 0, as: Column(name: "dato", data: .int32([1])), at: 0), "another type")
    }
}
