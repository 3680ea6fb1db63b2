/// Stable sort of row numbers by an int64 key (the pnr) and an optional int32
/// second key (a date): the order every normalised table is stored in.
///
/// A most-significant-digit bucket pass followed by small cache-resident
/// sorts, so no pass ever scatters over the whole table:
///
/// 1. the top bits of `key - min(key)` pick one of B buckets (B about n / 2048,
///    a power of two); rows are scattered into their bucket in row order
///    (chunks in parallel, each with its own offsets, so the scatter is stable);
/// 2. each bucket (a few thousand rows) is sorted by the remaining key bits and
///    the second key, packed into one word in step 1, with a least-significant-
///    digit radix sort on 11-bit digits, which is stable, skipping the digits
///    every key of the bucket shares.
///
/// Equal (key, second) pairs keep their input order, so the delivery order of
/// records survives. Rows whose `keep` flag is false are left out.
public enum KeySort {
    /// The rows (ascending by `key`, then `second`, then row number) whose
    /// `keep` flag is set (all rows when `keep` is `nil`).
    ///
    /// - Precondition: `second` and `keep`, when given, have `key.count` entries.
    public static func sortedRows(key: [Int64], second: [Int32]? = nil, keep: [Bool]? = nil) -> [Int32] {
        let n = key.count
        precondition(n < Int(Int32.max), "KeySort handles fewer than 2^31 rows")
        precondition(second.map { $0.count == n } ?? true, "second key has \(second?.count ?? 0) rows, expected \(n)")
        precondition(keep.map { $0.count == n } ?? true, "keep mask has \(keep?.count ?? 0) rows, expected \(n)")
        if n == 0 { return [] }
        let chunks = Parallel.ranges(n, chunks: Parallel.width * 4)

        // Ranges of the kept rows' keys.
        let ranges = Parallel.map(chunks.count) { c in
            KeyRange(key, second, keep, chunks[c])
        }
        let range = ranges.reduce(KeyRange.empty) { $0.union($1) }
        if range.count == 0 { return [] }

        let keySpan = UInt64(bitPattern: range.maxKey &- range.minKey)
        let secondSpan = UInt64(UInt32(bitPattern: range.maxSecond &- range.minSecond))
        let keyBits = 64 - keySpan.leadingZeroBitCount
        let secondBits = second == nil ? 0 : 64 - secondSpan.leadingZeroBitCount
        let bucketBits = min(BucketOffsets.bucketBits(rows: range.count), keyBits)
        let shift = keyBits - bucketBits
        let plan = Plan(minKey: range.minKey, minSecond: range.minSecond, shift: shift, secondBits: secondBits,
                        buckets: 1 << bucketBits)

        // 1. Bucket histogram per chunk, then a stable scatter of (sort key, row) pairs:
        //    the only pass that reads the key columns, and it reads them in order.
        let histograms: [[Int]] = Parallel.map(chunks.count) { c in
            var h = [Int](repeating: 0, count: plan.buckets)
            key.withUnsafeBufferPointer { k in
                for r in chunks[c] where keep?[r] ?? true { h[plan.bucket(k[r])] += 1 }
            }
            return h
        }
        let layout = BucketOffsets(histograms: histograms, buckets: plan.buckets)
        let starts = layout.starts, total = layout.total
        let packed = UnsafeMutablePointer<UInt64>.allocate(capacity: plan.packs ? total : 1)
        defer { packed.deallocate() }
        return [Int32](unsafeUninitializedCapacity: total) { rows, filled in
            let outRows = SendablePointer(rows.baseAddress!), outKeys = SendablePointer(packed)
            _ = Parallel.map(chunks.count) { c in
                var offsets = layout.chunkOffsets[c]
                key.withUnsafeBufferPointer { k in
                    for r in chunks[c] where keep?[r] ?? true {
                        let b = plan.bucket(k[r])
                        let at = offsets[b]
                        outRows.pointer[at] = Int32(truncatingIfNeeded: r)
                        if plan.packs { outKeys.pointer[at] = plan.packed(k[r], second?[r] ?? 0) }
                        offsets[b] = at + 1
                    }
                }
                return 0
            }

            // 2. Each bucket sorted in place by its packed keys (or, when the keys do
            //    not pack into one word, by comparing the columns).
            let bucketGroups = Parallel.ranges(plan.buckets, chunks: Parallel.width * 8)
            _ = Parallel.map(bucketGroups.count) { g in
                var scratch = BucketScratch()
                defer { scratch.release() }
                for b in bucketGroups[g] {
                    let lo = starts[b], hi = starts[b + 1]
                    if hi - lo < 2 { continue }
                    let bucketRows = UnsafeMutableBufferPointer(start: outRows.pointer + lo, count: hi - lo)
                    if plan.packs {
                        scratch.sort(bucketRows, keys: UnsafeMutableBufferPointer(start: outKeys.pointer + lo, count: hi - lo))
                    } else {
                        BucketScratch.compareSort(bucketRows, key: key, second: second)
                    }
                }
                return 0
            }
            filled = total
        }
    }

    /// How keys map to buckets and to the in-bucket sort key.
    struct Plan: Sendable {
        let minKey: Int64
        let minSecond: Int32
        /// Bits of `key - minKey` below the bucket bits.
        let shift: Int
        /// Bits of `second - minSecond`.
        let secondBits: Int
        let buckets: Int

        @inline(__always) func offset(_ key: Int64) -> UInt64 { UInt64(bitPattern: key &- minKey) }
        @inline(__always) func bucket(_ key: Int64) -> Int { Int(truncatingIfNeeded: offset(key) >> UInt64(shift)) }

        /// Whether the low key bits and the second key fit into one word together.
        var packs: Bool { shift + secondBits <= 64 }

        /// The in-bucket sort key: the key bits below the bucket bits, then the second key.
        @inline(__always) func packed(_ key: Int64, _ second: Int32) -> UInt64 {
            let low = shift >= 64 ? offset(key) : offset(key) & ((1 << UInt64(shift)) &- 1)
            return low << UInt64(secondBits) | UInt64(UInt32(bitPattern: second &- minSecond))
        }
    }

    /// Minimum, maximum and count of the kept rows' keys in a range of rows.
    struct KeyRange: Sendable {
        var minKey = Int64.max, maxKey = Int64.min
        var minSecond = Int32.max, maxSecond = Int32.min
        var count = 0

        static let empty = KeyRange()

        private init() {}

        init(_ key: [Int64], _ second: [Int32]?, _ keep: [Bool]?, _ rows: Range<Int>) {
            for r in rows where keep?[r] ?? true {
                minKey = min(minKey, key[r]); maxKey = max(maxKey, key[r])
                if let s = second { minSecond = min(minSecond, s[r]); maxSecond = max(maxSecond, s[r]) }
                count += 1
            }
            if second == nil || count == 0 { minSecond = 0; maxSecond = 0 }
        }

        func union(_ o: KeyRange) -> KeyRange {
            if count == 0 { return o }
            if o.count == 0 { return self }
            var u = self
            u.minKey = min(minKey, o.minKey); u.maxKey = max(maxKey, o.maxKey)
            u.minSecond = min(minSecond, o.minSecond); u.maxSecond = max(maxSecond, o.maxSecond)
            u.count = count + o.count
            return u
        }
    }
}

/// A raw pointer handed to parallel workers that write disjoint parts of it.
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { pointer = p }
}

/// One worker's buffers for sorting buckets (reused from bucket to bucket).
private struct BucketScratch {
    /// Digits of 11 bits: a histogram of 2,048 counts stays in the L1 cache.
    static let digitBits: UInt64 = 11
    static let radix = 1 << 11
    var keysTmp = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 0)
    var rowsTmp = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 0)
    let counts = UnsafeMutablePointer<Int32>.allocate(capacity: BucketScratch.radix)

    /// Sorts one bucket's `rows` (in row order) stably by `keys`, moving both.
    mutating func sort(_ rows: UnsafeMutableBufferPointer<Int32>, keys: UnsafeMutableBufferPointer<UInt64>) {
        let n = rows.count
        var allOr: UInt64 = 0, allAnd: UInt64 = ~0
        for i in 0..<n { allOr |= keys[i]; allAnd &= keys[i] }
        let varying = allOr ^ allAnd
        if varying == 0 { return }
        if n <= 24 {
            Self.insertionSort(rows, keys)
            return
        }
        if keysTmp.count < n {
            keysTmp.deallocate(); rowsTmp.deallocate()
            keysTmp = .allocate(capacity: n)
            rowsTmp = .allocate(capacity: n)
        }
        let mask = UInt64(Self.radix - 1)
        var srcK = keys.baseAddress!, dstK = keysTmp.baseAddress!
        var srcR = rows.baseAddress!, dstR = rowsTmp.baseAddress!
        var shift: UInt64 = 0
        while shift < 64 && varying >> shift != 0 {
            defer { shift += Self.digitBits }
            if (varying >> shift) & mask == 0 { continue }
            counts.initialize(repeating: 0, count: Self.radix)
            for i in 0..<n { counts[Int((srcK[i] >> shift) & mask)] &+= 1 }
            var sum: Int32 = 0
            for d in 0..<Self.radix { let c = counts[d]; counts[d] = sum; sum &+= c }
            for i in 0..<n {
                let k = srcK[i]
                let d = Int((k >> shift) & mask)
                let at = Int(counts[d])
                dstK[at] = k
                dstR[at] = srcR[i]
                counts[d] = Int32(truncatingIfNeeded: at &+ 1)
            }
            swap(&srcK, &dstK)
            swap(&srcR, &dstR)
        }
        if srcR != rows.baseAddress! {
            rows.baseAddress!.update(from: srcR, count: n)
            keys.baseAddress!.update(from: srcK, count: n)
        }
    }

    /// Stable insertion sort of a small bucket.
    private static func insertionSort(_ rows: UnsafeMutableBufferPointer<Int32>, _ keys: UnsafeMutableBufferPointer<UInt64>) {
        for i in 1..<rows.count {
            let k = keys[i], r = rows[i]
            var j = i
            while j > 0, keys[j - 1] > k {
                keys[j] = keys[j - 1]
                rows[j] = rows[j - 1]
                j -= 1
            }
            keys[j] = k
            rows[j] = r
        }
    }

    /// Sorts a bucket by comparing (key, second, row): for keys too wide to pack (rare).
    static func compareSort(_ rows: UnsafeMutableBufferPointer<Int32>, key: [Int64], second: [Int32]?) {
        let sorted = rows.sorted { a, b in
            let ka = key[Int(a)], kb = key[Int(b)]
            if ka != kb { return ka < kb }
            let sa = second?[Int(a)] ?? 0, sb = second?[Int(b)] ?? 0
            return sa != sb ? sa < sb : a < b
        }
        _ = rows.update(fromContentsOf: sorted)
    }

    func release() {
        keysTmp.deallocate(); rowsTmp.deallocate(); counts.deallocate()
    }
}
