/// Binary search in ascending keys (the pnr columns of the normalised tables).
public enum SortedSearch {
    /// The first index of sorted `keys` whose value is not below `value` (`keys.count` when none).
    public static func lowerBound(_ keys: [Int64], _ value: Int64) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
