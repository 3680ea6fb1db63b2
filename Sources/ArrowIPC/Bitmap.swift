/// Helpers for Arrow's LSB-first bitmaps (validity buffers and bool values).
enum Bitmap {
    /// The bytes holding bits `bitOffset..<bitOffset+count` of `bytes`, bit
    /// 0 first: a range of `bytes` itself when `bitOffset` is a multiple of
    /// 8, a shifted copy otherwise.
    static func slice(_ bytes: [UInt8], bitOffset: Int, count: Int) -> (array: [UInt8], range: Range<Int>) {
        let n = (count + 7) / 8
        if bitOffset % 8 == 0 {
            let lo = bitOffset / 8
            if lo + n <= bytes.count { return (bytes, lo..<(lo + n)) }
        }
        var out = [UInt8](repeating: 0, count: n)
        bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                copyBits(from: src.baseAddress!, bitOffset: bitOffset, count: count, to: dst.baseAddress!, bitOffset: 0)
            }
        }
        return (out, 0..<n)
    }

    /// The number of set bits among the first `count` bits starting at `bytes[byteOffset]`.
    static func countSet(_ bytes: [UInt8], byteOffset: Int, count: Int) -> Int {
        bytes.withUnsafeBytes { raw in countSet(raw.baseAddress! + byteOffset, count: count) }
    }

    static func countSet(_ p: UnsafeRawPointer, count: Int) -> Int {
        var set = 0
        let words = count / 64
        for w in 0..<words {
            set += p.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self).nonzeroBitCount
        }
        var i = words * 64
        while i + 8 <= count {
            set += p.load(fromByteOffset: i / 8, as: UInt8.self).nonzeroBitCount
            i += 8
        }
        if i < count {
            let last = p.load(fromByteOffset: i / 8, as: UInt8.self)
            set += (last & UInt8((1 << (count - i)) - 1)).nonzeroBitCount
        }
        return set
    }

    /// Packs `values[range]` into a bitmap.
    static func pack(_ values: [Bool], _ range: Range<Int>) -> [UInt8] {
        let count = range.count
        return [UInt8](unsafeUninitializedCapacity: (count + 7) / 8) { out, n in
            values.withUnsafeBufferPointer { v in
                // A Swift Bool is one byte holding 0 or 1.
                let src = UnsafeRawPointer(v.baseAddress! + range.lowerBound)
                let full = count / 8
                for b in 0..<full {
                    let x = src.loadUnaligned(fromByteOffset: b * 8, as: UInt64.self)
                    // Gathers bit 0 of each of the 8 bytes into one byte (LSB = byte 0).
                    out[b] = UInt8(truncatingIfNeeded: ((x & 0x0101_0101_0101_0101) &* 0x0102_0408_1020_4080) >> 56)
                }
                if full * 8 < count {
                    var last: UInt8 = 0
                    for i in (full * 8)..<count where v[range.lowerBound + i] { last |= 1 << UInt8(i - full * 8) }
                    out[full] = last
                }
            }
            n = (count + 7) / 8
        }
    }

    /// Unpacks `count` bits starting at bit `bitOffset` of `p`.
    static func unpack(_ p: UnsafeRawPointer, bitOffset: Int = 0, count: Int, into out: UnsafeMutablePointer<Bool>) {
        let bytes = p.assumingMemoryBound(to: UInt8.self)
        for i in 0..<count {
            let bit = bitOffset + i
            out[i] = bytes[bit >> 3] & (1 << UInt8(bit & 7)) != 0
        }
    }

    /// Copies `count` bits from `src` (starting at bit `srcOffset`) to `dst`
    /// (starting at bit `dstOffset`); other bits of `dst` are kept.
    static func copyBits(from src: UnsafePointer<UInt8>, bitOffset srcOffset: Int, count: Int,
                         to dst: UnsafeMutablePointer<UInt8>, bitOffset dstOffset: Int) {
        var i = 0
        if srcOffset % 8 == 0, dstOffset % 8 == 0 {
            let full = count / 8
            (dst + dstOffset / 8).update(from: src + srcOffset / 8, count: full)
            i = full * 8
        }
        while i < count {
            let s = srcOffset + i, d = dstOffset + i
            let bit = src[s >> 3] & (1 << UInt8(s & 7)) != 0
            if bit { dst[d >> 3] |= 1 << UInt8(d & 7) } else { dst[d >> 3] &= ~(1 << UInt8(d & 7)) }
            i += 1
        }
    }

    /// Sets bits `offset..<offset+count` of `dst`.
    static func setBits(_ dst: UnsafeMutablePointer<UInt8>, offset: Int, count: Int) {
        var i = 0
        while i < count {
            let d = offset + i
            if d % 8 == 0, count - i >= 8 {
                let full = (count - i) / 8
                (dst + d / 8).update(repeating: 0xFF, count: full)
                i += full * 8
            } else {
                dst[d >> 3] |= 1 << UInt8(d & 7)
                i += 1
            }
        }
    }
}
