/// Stable least-significant-digit radix sort of row indices by 64-bit keys.
///
/// Used to sort tables by (pnr, date): the pnr (< 2^34) and the date are
/// packed into one key, and 16-bit digits are sorted in passes, skipping the
/// passes where every key has the same digit. Equal keys keep their input
/// order, so the delivery order of records survives the sort.
public enum RadixSort {
    /// The permutation that sorts `keys` ascending, stably.
    public static func sortedIndices(_ keys: [UInt64]) -> [Int] {
        let n = keys.count
        if n < 2 { return Array(0..<n) }
        if n < 256 { return (0..<n).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 } }
        let bits = 16, radix = 1 << bits, mask = UInt64(radix - 1)
        var allOr: UInt64 = 0, allAnd: UInt64 = ~0
        for k in keys { allOr |= k; allAnd &= k }
        let varying = allOr ^ allAnd
        var idx = [Int32](unsafeUninitializedCapacity: n) { b, c in
            for i in 0..<n { b[i] = Int32(i) }
            c = n
        }
        var tmp = [Int32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: radix)
        var shift = 0
        keys.withUnsafeBufferPointer { k in
            while shift < 64 {
                defer { shift += bits }
                if (varying >> UInt64(shift)) & mask == 0 { continue }
                for i in 0..<radix { counts[i] = 0 }
                for i in 0..<n { counts[Int((k[i] >> UInt64(shift)) & mask)] += 1 }
                var sum = 0
                for i in 0..<radix { let c = counts[i]; counts[i] = sum; sum += c }
                idx.withUnsafeBufferPointer { src in
                    tmp.withUnsafeMutableBufferPointer { dst in
                        for i in 0..<n {
                            let r = Int(src[i])
                            let d = Int((k[r] >> UInt64(shift)) & mask)
                            dst[counts[d]] = Int32(r)
                            counts[d] += 1
                        }
                    }
                }
                swap(&idx, &tmp)
            }
        }
        return idx.map { Int($0) }
    }
}
