import ColumnStore
import Domain

final class KyReader {
    let ydelse: Decoded<KyYdelse?>, sats: Decoded<KHSats?>, fra: DayCol, til: DayCol, kommune: CodeCol, lt: Decoded<Bool>
    /// ``TwelveMonthWindow/family(_:)`` of the line's group, -1 for none (read per person and month).
    let twelveFamily: Decoded<Int8>
    init(_ k: Table) {
        ydelse = CodeCol(k, "ydelse").decoded { KyYdelse(code: $0) }
        twelveFamily = CodeCol(k, "ydelse").decoded { code in
            KyYdelse(code: code).flatMap(BenefitGroup.init(ky:)).flatMap(TwelveMonthWindow.family).map(Int8.init) ?? -1
        }
        sats = CodeCol(k, "sats").decoded { KHSats(code: $0) }
        fra = DayCol(k, "fra"); til = DayCol(k, "til")
        kommune = CodeCol(k, "kommune"); lt = CodeCol(k, "loentilskud").decoded { $0 == "J" }
    }
    func row(_ i: Int) -> KyLine? {
        guard let y = ydelse[i] else { return nil }
        return KyLine(ydelse: y, sats: sats.optional(i) ?? nil, fra: fra[i], til: til[i], kommune: kommune[i], loentilskud: lt[i])
    }
}
