import ColumnStore

/// One FLEUR data record (INPUTS.md "Fixed-width file: fleur").
struct FleurRecord {
    var pnr: Int64
    var akasse: Int          // index 0…29 → code 01…30
    var fra: Day
    var til: Day
    var type: StaticString   // "01"…"07"
    var timer: Int           // hundredths
    var fradrag: Int         // hundredths
    var partTime: Bool
    var kommune: String
    var udbetaling: Day
    var reversal: Bool
}

extension LineBuilder {
    /// Formats an 80-character FLEUR data record (without the LF).
    mutating func fleur(_ r: FleurRecord) {
        let start = bytes.count
        ascii("1001")
        pnr(r.pnr)
        digits(r.akasse + 1, width: 2)
        compactDate(r.fra)
        compactDate(r.til)
        ascii(r.type)
        digits(r.timer, width: 7)
        digits(r.fradrag, width: 7)
        char(r.partTime ? UInt8(ascii: "D") : UInt8(ascii: "H"))
        text(r.kommune)
        compactDate(r.udbetaling)
        char(r.reversal ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        pad(to: start + 80)
    }
}
