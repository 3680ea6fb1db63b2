import ColumnStore
import Domain

final class FleurReader {
    let akasse: CodeCol, fra: DayCol, til: DayCol, type: Decoded<UInt8>, timer: [Int32], fradrag: [Int32]
    let fors: Decoded<Forsikring>, kommune: CodeCol, reversal: Decoded<Bool>
    init(_ f: Table) {
        akasse = CodeCol(f, "akasse"); fra = DayCol(f, "periode_fra"); til = DayCol(f, "periode_til")
        type = CodeCol(f, "ydelsestype").decoded { FleurRecord.typeCode($0) ?? 0 }
        timer = f.column("timer").int32Values; fradrag = f.column("fradragstimer").int32Values
        fors = CodeCol(f, "forsikring").decoded { Forsikring(code: $0) ?? .fullTime }
        kommune = CodeCol(f, "kommune"); reversal = CodeCol(f, "fortegn").decoded { $0 == "-" }
    }
    func row(_ i: Int) -> FleurRecord? {
        FleurRecord(akasse: akasse[i], periodeFra: fra[i], periodeTil: til[i], ydelsestype: type[i],
                    timer: Int64(timer[i]), fradragstimer: Int64(fradrag[i]), forsikring: fors[i],
                    kommune: kommune[i], isReversal: reversal[i])
    }
}
