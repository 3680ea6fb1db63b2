#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses the data records of one delivery into ``ColumnBuffers``, rejecting
/// bad records with their reason. Header, start record and trailer are
/// ``DeliveryParser``'s business; this type sees only data lines.
///
/// The hot path works on raw bytes: a line is split (delimited) or sliced
/// (fixed width) into field bounds, each field parsed by its ``RecordPlan``
/// parser and appended to its buffer. Strings are made only for rejects.
struct RecordParser {
    let plan: RecordPlan
    /// The delivery file's name, for rejects.
    let file: String
    var buffers: ColumnBuffers
    var rejects: [Reject] = []
    /// The plan as plain memory for the parse loop, and the current line's field bounds.
    private let hot: HotPlan

    /// A parser that appends rows to `buffers` (empty, possibly reused).
    init(plan: RecordPlan, file: String, buffers: ColumnBuffers) {
        self.plan = plan
        self.file = file
        self.buffers = buffers
        hot = HotPlan(plan)
    }

    /// Why a field failed; turned into a reject reason only when it happens.
    enum FieldError {
        case missing, badPnr, badDate, badNumber, unknownCode

        var reason: RejectReason {
            switch self {
            case .missing: .missingValue
            case .badPnr: .badPnr
            case .badDate: .badDate
            case .badNumber: .badNumber
            case .unknownCode: .unknownCode
            }
        }
    }

    // MARK: record layouts

    /// Parses the `;`-separated data lines of a block of whole lines (see
    /// ``LineReader``) from `base`, in one pass that finds line ends and field
    /// separators together, and stops at the first line that starts with the
    /// trailer's `*EOF*`. Returns where it stopped (`end` or that line);
    /// `lineNumber` is the number of the last line parsed.
    ///
    /// A data line needs exactly the header's field count.
    mutating func parseDelimitedLines(_ base: UnsafeRawPointer, _ end: UnsafeRawPointer, lineNumber: inout Int) -> UnsafeRawPointer {
        let n = end - base
        var line = DelimitedLine(starts: hot.starts, ends: hot.ends, expected: plan.fieldCount)
        var number = lineNumber
        defer { lineNumber = number }
        /// Every byte of the current line seen so far, OR-ed (for the UTF-8 check).
        var high: UInt64 = 0

        if Self.isDelimitedTrailer(base, 0, n) { return base }
        // Eight bytes at a time: mark the bytes equal to ';' or LF and visit
        // the marks lowest first.
        var i = 0
        while i &+ 8 <= n {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let lfs = ByteParsers.marks(word, 0x0A)
            var all = ByteParsers.marks(word, 0x3B) | lfs
            /// The bytes of this word not yet assigned to a finished line.
            var pending = word
            while all != 0 {
                let bit = all.trailingZeroBitCount
                let at = i &+ bit &>> 3
                if lfs & (1 &<< UInt64(bit)) != 0 {
                    let before = (UInt64(1) &<< UInt64(bit &- 7)) &- 1   // the bytes before the LF
                    let lineHigh = high | (pending & before)
                    pending &= ~before & ~(0xFF &<< UInt64(bit &- 7))
                    high = 0
                    number &+= 1
                    endDelimitedLine(base, lf: at, &line, lineHigh, number)
                    if Self.isDelimitedTrailer(base, line.start, n) { return base + line.start }
                } else {
                    line.separator(at)
                }
                all &= all &- 1
            }
            high |= pending
            i &+= 8
        }
        while i < n {
            let b = ByteParsers.byte(base, i)
            if b == 0x0A {
                number &+= 1
                endDelimitedLine(base, lf: i, &line, high, number)
                if Self.isDelimitedTrailer(base, line.start, n) { return base + line.start }
                high = 0
            } else {
                high |= UInt64(b)
                if b == 0x3B { line.separator(i) }
            }
            i &+= 1
        }
        return end
    }

    /// The field bounds of the delimited line being scanned, as offsets
    /// into the block.
    private struct DelimitedLine {
        let starts: UnsafeMutablePointer<Int>
        let ends: UnsafeMutablePointer<Int>
        let expected: Int
        /// Where the line starts.
        var start = 0
        /// Fields found so far (only the first `expected` are recorded).
        var count = 0
        var fieldStart = 0

        /// Records a field ending at offset `at` (a `;` or the line's end).
        @inline(__always)
        mutating func separator(_ at: Int) {
            if count < expected { starts[count] = fieldStart; ends[count] = at }
            count &+= 1
            fieldStart = at &+ 1
        }
    }

    /// Parses the line ending with the LF at offset `lf`, which has the OR of
    /// its bytes `high`, and moves `line` to the next line.
    @inline(__always)
    private mutating func endDelimitedLine(_ base: UnsafeRawPointer, lf: Int, _ line: inout DelimitedLine,
                                           _ high: UInt64, _ number: Int) {
        var end = lf
        if end > line.start, ByteParsers.byte(base, end &- 1) == 0x0D { end &-= 1 }
        line.separator(end)
        let bytes = UnsafeRawBufferPointer(start: base + line.start, count: end &- line.start)
        if high & 0x8080_8080_8080_8080 != 0, !ByteParsers.isValidUTF8(base + line.start, end &- line.start) {
            reject(.invalidUTF8, nil, bytes, number)
        } else if line.count != line.expected {
            reject(.wrongFieldCount, "\(line.count) fields, expected \(line.expected)", bytes, number)
        } else {
            parseFields(base, line: bytes, number: number, trimBlanks: false)
        }
        line.start = lf &+ 1
        line.fieldStart = line.start
        line.count = 0
    }

    /// Parses the fixed-width data records of a block of whole lines from
    /// `base`, stopping at the first line that starts with the trailer's
    /// `9999`. Returns where it stopped; `lineNumber` is the number of the
    /// last line parsed. A record needs exactly `recordLength` bytes.
    mutating func parseFixedLines(_ base: UnsafeRawPointer, _ end: UnsafeRawPointer, recordLength: Int,
                                  lineNumber: inout Int) -> UnsafeRawPointer {
        var p = base
        var number = lineNumber
        defer { lineNumber = number }
        while p < end {
            if Self.isFixedTrailer(p, end - p) { return p }
            // One pass over the line finds its LF and whether it is all ASCII.
            var i = 0
            var high: UInt64 = 0
            let n = end - p
            var lf = n
            while i &+ 8 <= n {
                let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let lfs = ByteParsers.marks(word, 0x0A)
                if lfs != 0 {
                    let bit = lfs.trailingZeroBitCount
                    high |= word & ((UInt64(1) &<< UInt64(bit &- 7)) &- 1)
                    lf = i &+ bit &>> 3
                    break
                }
                high |= word
                i &+= 8
            }
            if lf == n {
                while i < n, ByteParsers.byte(p, i) != 0x0A { high |= UInt64(ByteParsers.byte(p, i)); i &+= 1 }
                lf = i
            }
            var length = lf
            if length > 0, ByteParsers.byte(p, length &- 1) == 0x0D { length &-= 1 }
            number &+= 1
            let line = UnsafeRawBufferPointer(start: p, count: length)
            if high & 0x8080_8080_8080_8080 != 0, !ByteParsers.isValidUTF8(p, length) {
                reject(.invalidUTF8, nil, line, number)
            } else if length != recordLength {
                reject(.wrongRecordLength, "\(length) bytes, expected \(recordLength)", line, number)
            } else {
                parseFields(p, line: line, number: number, trimBlanks: true)
            }
            p += lf &+ 1
        }
        return end
    }

    /// True when the line at offset `at` (of a block `n` bytes long) starts with `*EOF*`.
    @inline(__always)
    private static func isDelimitedTrailer(_ base: UnsafeRawPointer, _ at: Int, _ n: Int) -> Bool {
        n &- at >= 5 && ByteParsers.byte(base, at) == 0x2A   // '*'
            && base.loadUnaligned(fromByteOffset: at &+ 1, as: UInt32.self) == UInt32(littleEndian: 0x2A46_4F45)   // "EOF*"
    }

    /// True when the line at `p` (`n` bytes left in the block) starts with `9999`.
    @inline(__always)
    private static func isFixedTrailer(_ p: UnsafeRawPointer, _ n: Int) -> Bool {
        n >= 4 && p.loadUnaligned(as: UInt32.self) == UInt32(littleEndian: 0x3939_3939)
    }

    // MARK: fields

    /// Parses every field at the bounds found, runs the record checks and
    /// commits the row, or rejects the record at the first failure.
    /// `trimBlanks`: fixed width, where a field of spaces is empty and text
    /// loses its trailing spaces.
    @inline(__always)
    private mutating func parseFields(_ p: UnsafeRawPointer, line: UnsafeRawBufferPointer, number: Int, trimBlanks: Bool) {
        let starts = hot.starts, ends = hot.ends
        buffers.beginRecord()
        var failure: (field: Int, error: FieldError)?
        for f in 0..<hot.fieldCount {
            let start = starts[f]
            var length = ends[f] - start
            if trimBlanks {
                while length > 0, ByteParsers.byte(p, start + length - 1) == 0x20 { length -= 1 }
            }
            if let error = store(hot.fields[f], p + start, length) {
                failure = (f, error)
                break
            }
        }
        if let (f, error) = failure {
            let field = plan.fields[f]
            let detail = error == .unknownCode && field.parser == .literal
                ? "\(field.name) (expected \(String(decoding: field.literal, as: UTF8.self)))"
                : field.name
            reject(error.reason, detail, line, number)
            return
        }
        if hot.checkCount > 0, let reason = failedCheck() {
            buffers.rollback()
            rejects.append(Reject(source: plan.source, file: file, line: number, reason: reason,
                                  raw: RawLine.escape(line)))
            return
        }
        buffers.commit(line: number)
    }

    /// Parses one field's bytes and appends the value (or a null) to its buffer.
    @inline(__always)
    private mutating func store(_ field: HotField, _ p: UnsafeRawPointer, _ n: Int) -> FieldError? {
        if n == 0 {
            guard field.optional else { return .missing }
            let slot = field.slot
            switch field.family {
            case .int64: buffers.setInt64(slot, 0)
            case .int32: buffers.setInt32(slot, 0)
            case .text: buffers.setText(slot, p, 0)
            case .none: break
            }
            if field.validitySlot >= 0 { buffers.setValid(field.validitySlot, false) }
            return nil
        }
        let slot = field.slot
        switch field.parser {
        case .pnr:
            guard let v = ByteParsers.pnr(p, n) else { return .badPnr }
            buffers.setInt64(slot, v)
        case .isoDate:
            guard let v = ByteParsers.isoDate(p, n) else { return .badDate }
            buffers.setInt32(slot, v)
        case .compactDate:
            guard let v = ByteParsers.compactDate(p, n) else { return .badDate }
            buffers.setInt32(slot, v)
        case .month:
            guard let v = ByteParsers.month(p, n) else { return .badDate }
            buffers.setInt32(slot, v)
        case .code:
            let v = field.codes.index(p, n)
            guard v >= 0 else { return .unknownCode }
            buffers.setInt32(slot, v)
        case .decimalHours:
            guard let v = ByteParsers.decimalHours(p, n), let h = Int32(exactly: v) else { return .badNumber }
            buffers.setInt32(slot, h)
        case .fixedHours:
            guard let v = ByteParsers.fixedDigits(p, n), let h = Int32(exactly: v) else { return .badNumber }
            buffers.setInt32(slot, h)
        case .text:
            buffers.setText(slot, p, n)
        case .literal:
            if field.literalCount != n || memcmp(field.literal, p, n) != 0 { return .unknownCode }
            return nil
        }
        if field.validitySlot >= 0 { buffers.setValid(field.validitySlot, true) }
        return nil
    }

    /// The reason of the first record check the current (uncommitted) row fails.
    @inline(__always)
    private func failedCheck() -> String? {
        for c in 0..<hot.checkCount {
            let check = hot.checks[c]
            if check.firstValiditySlot >= 0, !buffers.isValid(check.firstValiditySlot) { continue }
            if check.secondValiditySlot >= 0, !buffers.isValid(check.secondValiditySlot) { continue }
            let first = buffers.int32(check.firstSlot), second = buffers.int32(check.secondSlot)
            let fails = switch check.kind {
            case .endNotBeforeStart: second < first
            case .codeFrom: check.codes[Int(first)] && second >= check.from
            }
            if fails { return plan.checkReason(c) }
        }
        return nil
    }

    private mutating func reject(_ reason: RejectReason, _ detail: String?, _ line: UnsafeRawBufferPointer, _ number: Int) {
        buffers.rollback()
        let text = detail.map { "\(reason.rawValue): \($0)" } ?? reason.rawValue
        rejects.append(Reject(source: plan.source, file: file, line: number, reason: text,
                              raw: RawLine.escape(line)))
    }
}
