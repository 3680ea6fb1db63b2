import ColumnStore

extension PersonHistory {
    /// Whether any benefit record (FLEUR 01–05, `ksd`, or a `ky` line) touches month m. Without
    /// one the person has no benefit day in m (POP-1), so the timeline need not be built.
    public func hasBenefitRecord(in m: YearMonth) -> Bool {
        let a = m.first, b = m.last
        if ky.contains(where: { $0.fra <= b && $0.til >= a }) { return true }
        if ksd.contains(where: { $0.start <= b && ($0.slut ?? b) >= a }) { return true }
        return fleur.contains { $0.ydelsestype >= 1 && $0.ydelsestype <= 5 && $0.periodeFra <= b && $0.periodeTil >= a }
    }
}
