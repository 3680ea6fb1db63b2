extension StringStorage {
    /// For each distinct string, the index of its **last** occurrence, in
    /// ascending row order. Rows are expected in delivery order, so this keeps
    /// the latest version of every keyed record ("a later record replaces an
    /// earlier one", INPUTS.md).
    ///
    /// Uses an open-addressing hash table over the raw bytes (FNV-1a), so no
    /// `String` is created per row.
    public func lastOccurrenceRows() -> [Int] {
        let n = count
        if n == 0 { return [] }
        var capacity = 16
        while capacity < n * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)   // first row seen for the key
        var latest = [Int32](repeating: -1, count: n)         // per first-row: latest row
        bytes.withUnsafeBufferPointer { b in
            offsets.withUnsafeBufferPointer { o in
                for row in 0..<n {
                    let s = Int(o[row]), e = Int(o[row + 1])
                    var h: UInt64 = 0xcbf2_9ce4_8422_2325
                    for i in s..<e { h = (h ^ UInt64(b[i])) &* 0x100_0000_01b3 }
                    var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
                    while true {
                        let first = Int(slots[slot])
                        if first < 0 {
                            slots[slot] = Int32(row)
                            latest[row] = Int32(row)
                            break
                        }
                        let fs = Int(o[first]), fe = Int(o[first + 1])
                        if fe - fs == e - s && memEqual(b, fs, s, e - s) {
                            latest[first] = Int32(row)
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        var keep = [Int]()
        keep.reserveCapacity(n)
        for r in 0..<n where latest[r] >= 0 { keep.append(Int(latest[r])) }
        keep.sort()
        return keep
    }
}

@inline(__always)
private func memEqual(_ b: UnsafeBufferPointer<UInt8>, _ x: Int, _ y: Int, _ len: Int) -> Bool {
    var i = 0
    while i < len {
        if b[x + i] != b[y + i] { return false }
        i += 1
    }
    return true
}

extension Column {
    /// Rows keeping only the last occurrence of each key value (see
    /// ``StringStorage/lastOccurrenceRows()``). Works on utf8 and int64 keys.
    public func lastOccurrenceRows() -> [Int] {
        switch data {
        case .utf8(let s): return s.lastOccurrenceRows()
        case .int64(let v):
            var last: [Int64: Int] = [:]
            last.reserveCapacity(v.count)
            for (i, k) in v.enumerated() { last[k] = i }
            return last.values.sorted()
        default:
            preconditionFailure("keyed replacement needs a utf8 or int64 key, \(name) is \(type)")
        }
    }
}
