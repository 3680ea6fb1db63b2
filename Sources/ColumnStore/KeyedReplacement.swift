extension StringStorage {
    /// For each distinct string, the index of its **last** occurrence, in
    /// ascending row order. Rows are expected in delivery order, so this keeps
    /// the latest version of every keyed record ("a later record replaces an
    /// earlier one", INPUTS.md).
    public func lastOccurrenceRows() -> [Int] {
        let mask = lastOccurrenceMask()
        var rows: [Int] = []
        rows.reserveCapacity(count)
        for (r, keep) in mask.enumerated() where keep { rows.append(r) }
        return rows
    }

    /// `true` for the rows that are the last occurrence of their string.
    ///
    /// Cache-friendly in parallel passes, so no step probes a table larger
    /// than a few thousand entries:
    /// 1. a histogram of the top bits of every string's 64-bit hash (eight
    ///    bytes at a time);
    /// 2. (hash, row) pairs scattered into B buckets by those bits, keeping
    ///    row order within a bucket;
    /// 3. each bucket walked from its last row to its first with a small
    ///    open-addressing table of entry positions: the first time a string is met it is the
    ///    last occurrence; equal hashes are confirmed byte by byte.
    public func lastOccurrenceMask() -> [Bool] {
        let n = count
        if n == 0 { return [] }
        return [Bool](unsafeUninitializedCapacity: n) { out, filled in
            out.initialize(repeating: false)
            let keep = SendablePointer(out.baseAddress!)
            walkLatestFirst { row, later in if later < 0 { keep.pointer[row] = true } }
            filled = n
        }
    }

    /// For every row, the next row with the same string (`-1` for the last occurrence): with rows
    /// in delivery order, the row of the version that replaced this one.
    public func nextOccurrence() -> [Int32] {
        let n = count
        if n == 0 { return [] }
        return [Int32](unsafeUninitializedCapacity: n) { out, filled in
            let next = SendablePointer(out.baseAddress!)
            walkLatestFirst { row, later in next.pointer[row] = later }
            filled = n
        }
    }

    /// Calls `visit(row, later)` for every row, with `later` the next row holding the same string
    /// or -1; rows of equal strings are visited latest first, on any thread.
    private func walkLatestFirst(_ visit: @escaping @Sendable (Int, Int32) -> Void) {
        let n = count
        let chunks = Parallel.ranges(n, chunks: Parallel.width * 4)
        let bucketBits = BucketOffsets.bucketBits(rows: n)
        let bucketCount = 1 << bucketBits
        let bucketShift = UInt64(64 - bucketBits)

        offsets.withUnsafeBufferPointer { offBuffer in
            bytes.withUnsafeBufferPointer { byteBuffer in
                let o = SendableBuffer(offBuffer), b = SendableBuffer(byteBuffer)
                // 1-2. Hash histogram, then a stable scatter into buckets by the top hash
                //      bits (hashing twice is cheaper than storing the hashes).
                @Sendable @inline(__always) func hash(_ r: Int) -> UInt64 {
                    hashBytes(b.buffer, Int(o.buffer[r]), Int(o.buffer[r + 1]))
                }
                @Sendable @inline(__always) func bucket(_ h: UInt64) -> Int { bucketBits == 0 ? 0 : Int(h >> bucketShift) }
                let histograms: [[Int]] = Parallel.map(chunks.count) { c in
                    var h = [Int](repeating: 0, count: bucketCount)
                    for r in chunks[c] { h[bucket(hash(r))] += 1 }
                    return h
                }
                let layout = BucketOffsets(histograms: histograms, buckets: bucketCount)
                let starts = layout.starts
                let entries = UnsafeMutablePointer<HashedRow>.allocate(capacity: n)
                defer { entries.deallocate() }
                let scattered = SendablePointer(entries)
                _ = Parallel.map(chunks.count) { c in
                    var at = layout.chunkOffsets[c]
                    for r in chunks[c] {
                        let h = hash(r)
                        let k = bucket(h)
                        scattered.pointer[at[k]] = HashedRow(hash: h, row: Int32(truncatingIfNeeded: r))
                        at[k] += 1
                    }
                    return 0
                }
                // 3. Per bucket, latest first: the first sighting of a string is its last
                //    occurrence; a later sighting is told the row seen before it.
                let groups = Parallel.ranges(bucketCount, chunks: Parallel.width * 8)
                _ = Parallel.map(groups.count) { g in
                    var table: [Int32] = []
                    for k in groups[g] {
                        let lo = starts[k], hi = starts[k + 1]
                        if hi == lo { continue }
                        var capacity = 16
                        while capacity < (hi - lo) * 2 { capacity <<= 1 }
                        if table.count < capacity { table = [Int32](repeating: -1, count: capacity) }
                        let slotMask = capacity - 1
                        for i in 0..<capacity { table[i] = -1 }
                        for e in stride(from: hi - 1, through: lo, by: -1) {
                            let entry = scattered.pointer[e]
                            let h = entry.hash, row = Int(entry.row)
                            var slot = Int(truncatingIfNeeded: h) & slotMask
                            while true {
                                let seen = Int(table[slot])
                                if seen < 0 {
                                    table[slot] = Int32(truncatingIfNeeded: e)
                                    visit(row, -1)
                                    break
                                }
                                let other = scattered.pointer[seen]
                                if other.hash == h, bytesEqual(b.buffer, o.buffer, Int(other.row), row) {
                                    table[slot] = Int32(truncatingIfNeeded: e)
                                    visit(row, other.row)
                                    break
                                }
                                slot = (slot + 1) & slotMask
                            }
                        }
                    }
                    return 0
                }
            }
        }
    }
}

extension StringStorage {
    /// The rows of `probe` whose string this storage holds, each with the first row of this
    /// storage holding it, in `probe`'s row order: which rows of a large table (`probe`, the
    /// previous month's latest versions) a few new rows (this storage) replace, without hashing
    /// the large table into a table of its own, and without an answer per probed row (most have
    /// none). An open-addressing table of this storage's rows is probed from `probe`'s rows in
    /// parallel. Most probed keys are absent: a bit filter of at least 16 bits per row (small
    /// enough to stay in the cache) answers those without visiting the table, whose slots hold
    /// the row and its hash side by side (one cache line per visit).
    public func firstOccurrence(in probe: StringStorage) -> [KeyMatch] {
        let n = count, m = probe.count
        if m == 0 || n == 0 { return [] }
        var capacity = 16
        while capacity < n * 2 { capacity <<= 1 }
        let slotMask = capacity - 1
        let filterBits = capacity * 8, filterMask = UInt64(filterBits - 1)
        @Sendable @inline(__always) func filterBit(_ h: UInt64) -> (word: Int, bit: UInt64) {
            let b = (h >> 32 | h << 32) & filterMask
            return (Int(b >> 6), 1 << (b & 63))
        }
        return offsets.withUnsafeBufferPointer { offBuffer in
            bytes.withUnsafeBufferPointer { byteBuffer in
                probe.offsets.withUnsafeBufferPointer { probeOffBuffer in
                    probe.bytes.withUnsafeBufferPointer { probeByteBuffer in
                        let o = SendableBuffer(offBuffer), b = SendableBuffer(byteBuffer)
                        let po = SendableBuffer(probeOffBuffer), pb = SendableBuffer(probeByteBuffer)
                        // Rows are inserted first to last and a string already present is not
                        // inserted again: its first row stays.
                        var slots = [HashedRow](repeating: HashedRow(hash: 0, row: -1), count: capacity)
                        var filter = [UInt64](repeating: 0, count: filterBits / 64)
                        for r in 0..<n {
                            let h = hashBytes(b.buffer, Int(o.buffer[r]), Int(o.buffer[r + 1]))
                            let (word, bit) = filterBit(h)
                            filter[word] |= bit
                            var slot = Int(truncatingIfNeeded: h) & slotMask
                            while slots[slot].row >= 0 {
                                if slots[slot].hash == h, bytesEqual(b.buffer, o.buffer, Int(slots[slot].row), b.buffer, o.buffer, r) { break }
                                slot = (slot + 1) & slotMask
                            }
                            if slots[slot].row < 0 { slots[slot] = HashedRow(hash: h, row: Int32(truncatingIfNeeded: r)) }
                        }
                        let chunks = Parallel.ranges(m, chunks: Parallel.width * 4)
                        return slots.withUnsafeBufferPointer { slotBuffer in
                            filter.withUnsafeBufferPointer { filterBuffer in
                                let table = SendableBuffer(slotBuffer), bits = SendableBuffer(filterBuffer)
                                return Parallel.map(chunks.count) { c in
                                    var found: [KeyMatch] = []
                                    for q in chunks[c] {
                                        let h = hashBytes(pb.buffer, Int(po.buffer[q]), Int(po.buffer[q + 1]))
                                        let (word, bit) = filterBit(h)
                                        guard bits.buffer[word] & bit != 0 else { continue }
                                        var slot = Int(truncatingIfNeeded: h) & slotMask
                                        while table.buffer[slot].row >= 0 {
                                            let entry = table.buffer[slot]
                                            if entry.hash == h, bytesEqual(b.buffer, o.buffer, Int(entry.row), pb.buffer, po.buffer, q) {
                                                found.append(KeyMatch(probeRow: Int32(truncatingIfNeeded: q), row: entry.row))
                                                break
                                            }
                                            slot = (slot + 1) & slotMask
                                        }
                                    }
                                    return found
                                }.flatMap { $0 }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A probed row whose key a column holds, and the first row of that column holding it
/// (``Column/firstOccurrence(in:)``).
public struct KeyMatch: Hashable, Sendable {
    public var probeRow: Int32
    public var row: Int32

    public init(probeRow: Int32, row: Int32) {
        self.probeRow = probeRow
        self.row = row
    }
}

/// A key's hash next to its row, so a bucket's pass never looks the hash up by row.
private struct HashedRow {
    var hash: UInt64
    var row: Int32
}

/// A 64-bit hash of `b[start..<end]`, eight bytes at a time (the tail byte by byte).
@inline(__always)
private func hashBytes(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    guard end > start, let address = b.baseAddress else { return 0x9E37_79B9_7F4A_7C15 }
    let base = UnsafeRawPointer(address)
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(end - start)
    var i = start
    while i + 8 <= end {
        let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 32
        i += 8
    }
    if i < end {
        var w: UInt64 = 0
        if end - start >= 8 {
            // The last eight bytes, overlapping the ones already mixed in.
            w = base.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self)
        } else {
            var shift: UInt64 = 0
            while i < end { w |= UInt64(b[i]) << shift; shift += 8; i += 1 }
        }
        h = (h ^ w) &* 0xC4CE_B9FE_1A85_EC53
    }
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 29
    return h
}

/// Whether string `x` of one storage and string `y` of another have the same bytes.
@inline(__always)
private func bytesEqual(_ b: UnsafeBufferPointer<UInt8>, _ o: UnsafeBufferPointer<Int32>, _ x: Int,
                        _ c: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<Int32>, _ y: Int) -> Bool {
    let xs = Int(o[x]), xe = Int(o[x + 1]), ys = Int(p[y]), ye = Int(p[y + 1])
    if xe - xs != ye - ys { return false }
    var i = 0
    while i < xe - xs {
        if b[xs + i] != c[ys + i] { return false }
        i += 1
    }
    return true
}

/// Whether strings `x` and `y` of the storage have the same bytes.
@inline(__always)
private func bytesEqual(_ b: UnsafeBufferPointer<UInt8>, _ o: UnsafeBufferPointer<Int32>, _ x: Int, _ y: Int) -> Bool {
    bytesEqual(b, o, x, b, o, y)
}

extension Column {
    /// Rows keeping only the last occurrence of each key value (see
    /// ``StringStorage/lastOccurrenceRows()``). Works on utf8 and int64 keys.
    public func lastOccurrenceRows() -> [Int] {
        lastOccurrenceMask().enumerated().compactMap { $0.element ? $0.offset : nil }
    }

    /// `true` for the rows that are the last occurrence of their key value.
    public func lastOccurrenceMask() -> [Bool] {
        switch data {
        case .utf8(let s): return s.lastOccurrenceMask()
        case .int64(let v):
            var seen = Set<Int64>(minimumCapacity: v.count)
            var keep = [Bool](repeating: false, count: v.count)
            for i in stride(from: v.count - 1, through: 0, by: -1) where seen.insert(v[i]).inserted { keep[i] = true }
            return keep
        default:
            preconditionFailure("keyed replacement needs a utf8 or int64 key, \(name) is \(type)")
        }
    }

    /// The rows of `probe` whose key value this column holds, each with the first row of this
    /// column holding it, in `probe`'s row order (see ``StringStorage/firstOccurrence(in:)``).
    /// Works on utf8 and int64 keys.
    public func firstOccurrence(in probe: Column) -> [KeyMatch] {
        switch (data, probe.data) {
        case (.utf8(let s), .utf8(let p)): return s.firstOccurrence(in: p)
        case (.int64(let v), .int64(let p)):
            var first = [Int64: Int32](minimumCapacity: v.count)
            for i in v.indices where first[v[i]] == nil { first[v[i]] = Int32(truncatingIfNeeded: i) }
            return p.indices.compactMap { q in first[p[q]].map { KeyMatch(probeRow: Int32(truncatingIfNeeded: q), row: $0) } }
        default:
            preconditionFailure("keyed replacement needs utf8 or int64 keys of one type, \(name) is \(type), \(probe.name) \(probe.type)")
        }
    }

    /// For every row, the next row with the same key value (`-1` for the last occurrence); see
    /// ``StringStorage/nextOccurrence()``. Works on utf8 and int64 keys.
    public func nextOccurrence() -> [Int32] {
        switch data {
        case .utf8(let s): return s.nextOccurrence()
        case .int64(let v):
            var seen = [Int64: Int32](minimumCapacity: v.count)
            var next = [Int32](repeating: -1, count: v.count)
            for i in stride(from: v.count - 1, through: 0, by: -1) {
                if let later = seen.updateValue(Int32(truncatingIfNeeded: i), forKey: v[i]) { next[i] = later }
            }
            return next
        default:
            preconditionFailure("keyed replacement needs a utf8 or int64 key, \(name) is \(type)")
        }
    }
}
