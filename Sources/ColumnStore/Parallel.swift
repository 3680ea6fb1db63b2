import Dispatch
import Foundation

/// Data-parallel helpers over `DispatchQueue.concurrentPerform`.
public enum Parallel {
    /// Number of worker threads kernels aim for (the machine's active cores).
    public static var width: Int { max(1, ProcessInfo_activeProcessorCount()) }

    /// Runs `body(i)` for i in 0..<count on all cores and returns the results in order.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let box = ResultBox<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            box.set(i, body(i))
        }
        return box.values()
    }

    /// Runs `body(i)` for i in 0..<count on at most `threads` worker threads
    /// (workers pull the next index), results in order. Used to measure scaling.
    public static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let box = ResultBox<T>(count: count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while true {
                let i = next.increment()
                if i >= count { break }
                box.set(i, body(i))
            }
        }
        return box.values()
    }

    /// Runs `body(i)` for i in 0..<count, each on a thread of its own, and returns the results in
    /// order: for a few long independent tasks whose kernels use ``map(_:_:)`` themselves. GCD
    /// runs a `concurrentPerform` started inside another one's worker on fewer threads (the outer
    /// width divides the cores), so kernels inside two lanes of ``map(_:threads:_:)`` ran on one
    /// core each, also after the other lane had finished (normalise at 1,000,000 persons: ~9 s on
    /// one core). Lanes are plain threads, so their kernels get every core.
    public static func lanes<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let box = ResultBox<T>(count: count)
        let group = DispatchGroup()
        for i in 0..<count {
            group.enter()
            let thread = Thread {
                box.set(i, body(i))
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return box.values()
    }

    /// Runs `body(i)` for i in 0..<count on `lanes` plain threads (as ``lanes(_:_:)``) that each
    /// take the next index when done with one, and returns the results in order: items given
    /// largest first are then shared out about evenly whatever their sizes.
    public static func lanes<T: Sendable>(_ lanes: Int, pulling count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let box = ResultBox<T>(count: count)
        let next = Counter()
        _ = Parallel.lanes(max(1, min(lanes, count))) { _ in
            while true {
                let i = next.increment()
                if i >= count { break }
                box.set(i, body(i))
            }
        }
        return box.values()
    }

    /// Like ``map(_:_:)`` but rethrows the first error (by index).
    public static func tryMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let results: [Result<T, any Error>] = map(count) { i in Result { try body(i) } }
        return try results.map { try $0.get() }
    }

    /// Splits 0..<n into about `chunks` contiguous ranges.
    public static func ranges(_ n: Int, chunks: Int) -> [Range<Int>] {
        let k = max(1, min(chunks, n))
        if n == 0 { return [] }
        return (0..<k).map { i in (n * i / k)..<(n * (i + 1) / k) }
    }
}

/// A shared counter handing out consecutive indices to worker threads.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value - 1
    }
}

/// A write-once slot array filled from concurrent iterations (each index written by exactly one thread).
///
/// The slots are one fixed allocation written through a pointer. (An `Array` property written
/// with `withUnsafeMutableBufferPointer` from several threads is a data race: the method moves
/// the array out of the property for the duration of the closure, so concurrent writers lose
/// each other's values; compressing a batch's buffers in parallel hit it.)
final class ResultBox<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func set(_ i: Int, _ v: T) {
        precondition(i >= 0 && i < count, "result index \(i) out of 0..<\(count)")
        slots[i] = v
    }
    func values() -> [T] { (0..<count).map { slots[$0]! } }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func ProcessInfo_activeProcessorCount() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
#else
@inline(__always) func ProcessInfo_activeProcessorCount() -> Int { ProcessInfo.processInfo.activeProcessorCount }
#endif
