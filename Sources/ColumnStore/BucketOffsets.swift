/// Where each chunk of rows writes each bucket in a stable parallel scatter.
///
/// Given per-chunk bucket histograms, bucket b occupies
/// `starts[b]..<starts[b + 1]` of the output, and inside it chunk c's rows
/// follow chunk c-1's, from `chunkOffsets[c][b]` on: scattering every chunk
/// in row order then keeps row order within each bucket.
struct BucketOffsets: Sendable {
    /// Bucket b's output range starts at `starts[b]`; the last entry is the total.
    let starts: [Int]
    /// `chunkOffsets[c][b]`: where chunk c writes its first row of bucket b.
    let chunkOffsets: [[Int]]

    init(histograms: [[Int]], buckets: Int) {
        var starts = [Int](repeating: 0, count: buckets + 1)
        var chunkOffsets = [[Int]](repeating: [Int](repeating: 0, count: buckets), count: histograms.count)
        var total = 0
        for b in 0..<buckets {
            starts[b] = total
            for c in histograms.indices {
                chunkOffsets[c][b] = total
                total += histograms[c][b]
            }
        }
        starts[buckets] = total
        self.starts = starts
        self.chunkOffsets = chunkOffsets
    }

    var total: Int { starts[starts.count - 1] }

    /// The number of bucket bits for `n` rows: buckets of about 2,048 rows, at most 2^16 buckets.
    static func bucketBits(rows n: Int) -> Int {
        var bits = 0
        while bits < 16, n >> (bits + 11) > 0 { bits += 1 }
        return bits
    }
}
