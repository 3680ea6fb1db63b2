import ColumnStore

/// A closed day range `from...to` (CONV-3: both ends included).
public struct DayInterval: Sendable, Hashable, CustomStringConvertible {
    public var from: Day
    public var to: Day

    @inlinable public init(_ from: Day, _ to: Day) {
        self.from = from
        self.to = to
    }

    @inlinable public var dayCount: Int { to - from + 1 }
    @inlinable public func contains(_ d: Day) -> Bool { from <= d && d <= to }
    public var description: String { "\(from)..\(to)" }

    @inlinable public func clamped(_ a: Day, _ b: Day) -> DayInterval? {
        let lo = max(from, a), hi = min(to, b)
        return lo <= hi ? DayInterval(lo, hi) : nil
    }
}

/// Helpers over sorted, disjoint, non-adjacent interval lists ("sets").
public enum IntervalSet {
    /// Sorts and merges overlapping or adjacent intervals.
    public static func normalize(_ xs: [DayInterval]) -> [DayInterval] {
        if xs.count <= 1 { return xs }
        // Most lists arrive sorted (rows in date order), many already merged: no sort, no copy.
        var sorted = true, merged = true
        for i in 1..<xs.count {
            if xs[i].from < xs[i - 1].from { sorted = false; break }
            if xs[i].from.rawValue <= xs[i - 1].to.rawValue + 1 { merged = false }
        }
        if sorted && merged { return xs }
        let s = sorted ? xs : xs.sorted { $0.from < $1.from }
        var out: [DayInterval] = []
        out.reserveCapacity(s.count)
        var cur = s[0]
        for x in s.dropFirst() {
            if x.from.rawValue <= cur.to.rawValue + 1 {
                if x.to > cur.to { cur.to = x.to }
            } else {
                out.append(cur)
                cur = x
            }
        }
        out.append(cur)
        return out
    }

    /// Index of the first interval with `to >= d`.
    @inlinable public static func firstIndex(_ set: [DayInterval], notBefore d: Day) -> Int {
        var lo = 0, hi = set.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if set[mid].to < d { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    @inlinable public static func contains(_ set: [DayInterval], _ d: Day) -> Bool {
        let i = firstIndex(set, notBefore: d)
        return i < set.count && set[i].from <= d
    }

    /// Does the set meet `a...b`? (false when a > b)
    @inlinable public static func intersects(_ set: [DayInterval], _ a: Day, _ b: Day) -> Bool {
        guard a <= b else { return false }
        let i = firstIndex(set, notBefore: a)
        return i < set.count && set[i].from <= b
    }

    /// The last day of the set within `a...b`.
    public static func lastDay(_ set: [DayInterval], in a: Day, _ b: Day) -> Day? {
        guard a <= b else { return nil }
        var i = firstIndex(set, notBefore: b)
        if i < set.count, set[i].from <= b { return b }
        i -= 1
        if i >= 0, set[i].to >= a { return set[i].to }
        return nil
    }

    /// The first day of the set within `a...b`.
    public static func firstDay(_ set: [DayInterval], in a: Day, _ b: Day) -> Day? {
        guard a <= b else { return nil }
        let i = firstIndex(set, notBefore: a)
        guard i < set.count, set[i].from <= b else { return nil }
        return max(set[i].from, a)
    }

    /// Number of days of the set in `a...b`.
    public static func dayCount(_ set: [DayInterval], in a: Day, _ b: Day) -> Int {
        guard a <= b else { return 0 }
        var n = 0
        var i = firstIndex(set, notBefore: a)
        while i < set.count, set[i].from <= b {
            n += min(set[i].to, b) - max(set[i].from, a) + 1
            i += 1
        }
        return n
    }

    /// Number of weekdays of the set in `a...b`.
    public static func weekdayCount(_ set: [DayInterval], in a: Day, _ b: Day) -> Int {
        guard a <= b else { return 0 }
        var n = 0
        var i = firstIndex(set, notBefore: a)
        while i < set.count, set[i].from <= b {
            n += weekdays(max(set[i].from, a), min(set[i].to, b))
            i += 1
        }
        return n
    }

    /// Intersection of two sets.
    public static func intersect(_ x: [DayInterval], _ y: [DayInterval]) -> [DayInterval] {
        var out: [DayInterval] = []
        var i = 0, j = 0
        while i < x.count, j < y.count {
            let lo = max(x[i].from, y[j].from), hi = min(x[i].to, y[j].to)
            if lo <= hi { out.append(DayInterval(lo, hi)) }
            if x[i].to < y[j].to { i += 1 } else { j += 1 }
        }
        return out
    }

    /// `x` minus `y`.
    public static func subtract(_ x: [DayInterval], _ y: [DayInterval]) -> [DayInterval] {
        if y.isEmpty { return x }
        var out: [DayInterval] = []
        var j = 0
        for iv in x {
            var cur = iv.from
            while j < y.count, y[j].to < cur { j += 1 }
            var k = j
            while k < y.count, y[k].from <= iv.to {
                if y[k].from > cur { out.append(DayInterval(cur, y[k].from - 1)) }
                if y[k].to >= cur { cur = y[k].to + 1 }
                k += 1
            }
            if cur <= iv.to { out.append(DayInterval(cur, iv.to)) }
        }
        return out
    }

    /// Clips a set to `a...b`.
    public static func clip(_ set: [DayInterval], _ a: Day, _ b: Day) -> [DayInterval] {
        guard a <= b else { return [] }
        var out: [DayInterval] = []
        var i = firstIndex(set, notBefore: a)
        while i < set.count, set[i].from <= b {
            out.append(DayInterval(max(set[i].from, a), min(set[i].to, b)))
            i += 1
        }
        return out
    }
}
