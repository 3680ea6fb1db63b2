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
    /// Stands in for the missing base address of an empty line.
    nonisolated(unsafe) private static let emptyLine = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))

    init(plan: RecordPlan, file: String, reservingRows capacity: Int) {
        self.plan = plan
        self.file = file
        buffers = ColumnBuffers(plan: plan, reservingRows: capacity)
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

    /// One `;`-separated data line with exactly the header's field count.
    mutating func parseDelimited(_ line: UnsafeRawBufferPointer, number: Int) {
        let n = line.count
        let p = line.baseAddress ?? Self.emptyLine
        let expected = plan.fieldCount
        let starts = hot.starts, ends = hot.ends
        var count = 0
        var fieldStart = 0
        var high: UInt64 = 0
        /// Records a `;` at offset `at`.
        @inline(__always) func separator(_ at: Int) {
            if count < expected { starts[count] = fieldStart; ends[count] = at }
            count &+= 1
            fieldStart = at &+ 1
        }
        // Eight bytes at a time: mark the bytes equal to ';' (exactly, no
        // carries between bytes) and visit the marks lowest first.
        var i = 0
        while i &+ 8 <= n {
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            high |= word
            let x = word ^ 0x3B3B_3B3B_3B3B_3B3B
            var marks = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
            while marks != 0 {
                separator(i &+ marks.trailingZeroBitCount >> 3)
                marks &= marks &- 1
            }
            i &+= 8
        }
        while i < n {
            let b = ByteParsers.byte(p, i)
            high |= UInt64(b)
            if b == 0x3B { separator(i) }
            i &+= 1
        }
        if count < expected { starts[count] = fieldStart; ends[count] = n }
        count += 1
        if high & 0x8080_8080_8080_8080 != 0, !ByteParsers.isValidUTF8(p, n) {
            reject(.invalidUTF8, nil, line, number)
            return
        }
        guard count == expected else {
            reject(.wrongFieldCount, "\(count) fields, expected \(expected)", line, number)
            return
        }
        parseFields(p, line: line, number: number, trimBlanks: false)
    }

    /// One fixed-width data record of exactly the record length.
    mutating func parseFixed(_ line: UnsafeRawBufferPointer, number: Int, recordLength: Int) {
        let n = line.count
        if let p = line.baseAddress, !ByteParsers.isASCII(p, n), !ByteParsers.isValidUTF8(p, n) {
            reject(.invalidUTF8, nil, line, number)
            return
        }
        guard n == recordLength, let p = line.baseAddress else {
            reject(.wrongRecordLength, "\(n) bytes, expected \(recordLength)", line, number)
            return
        }
        let starts = hot.starts, ends = hot.ends
        for f in 0..<hot.fieldCount {
            starts[f] = hot.fields[f].offset
            ends[f] = hot.fields[f].offset + hot.fields[f].length
        }
        parseFields(p, line: line, number: number, trimBlanks: true)
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
                                  raw: String(decoding: line, as: UTF8.self)))
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
            guard let v = ByteParsers.decimalHours(p, n) else { return .badNumber }
            buffers.setInt64(slot, v)
        case .fixedHours:
            guard let v = ByteParsers.fixedDigits(p, n) else { return .badNumber }
            buffers.setInt64(slot, v)
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
                              raw: String(decoding: line, as: UTF8.self)))
    }
}

/// One field as the parse loop sees it: plain values and pointers only, so
/// reading it costs no reference counting.
struct HotField {
    enum Family: UInt8 { case none, int64, int32, text }

    var parser: RecordPlan.FieldPlan.Parser
    var family: Family
    var slot: Int
    var validitySlot: Int
    var optional: Bool
    var offset: Int
    var length: Int
    /// For `.code` fields; owned by the plan's ``CodeLookup``.
    var codes: CodeTable
    /// For `.literal` fields; owned by the ``HotPlan``.
    var literal: UnsafeMutablePointer<UInt8>
    var literalCount: Int
}

/// A record check as the parse loop sees it. Both kinds compare two int32
/// buffers of the current row: start and end dates, or code index and date.
struct HotCheck {
    enum Kind { case endNotBeforeStart, codeFrom }

    var kind: Kind
    var firstSlot: Int
    var firstValiditySlot: Int
    var secondSlot: Int
    var secondValiditySlot: Int
    /// `.codeFrom`: true for the dictionary indices the check applies to.
    var codes: UnsafeMutablePointer<Bool>
    var from: Int32
}

/// The ``RecordPlan`` copied into plain memory for one delivery's parse
/// loop, plus the field bounds of the current line.
final class HotPlan {
    let fieldCount: Int
    let fields: UnsafeMutablePointer<HotField>
    let checkCount: Int
    let checks: UnsafeMutablePointer<HotCheck>
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    /// Keeps the code tables alive.
    private let lookups: [CodeLookup]

    init(_ plan: RecordPlan) {
        fieldCount = plan.fields.count
        fields = .allocate(capacity: max(fieldCount, 1))
        starts = .allocate(capacity: max(fieldCount, 1))
        ends = .allocate(capacity: max(fieldCount, 1))
        starts.initialize(repeating: 0, count: max(fieldCount, 1))
        ends.initialize(repeating: 0, count: max(fieldCount, 1))
        lookups = plan.fields.compactMap(\.lookup)
        let noCodes = CodeLookup.akasse.table
        for (i, f) in plan.fields.enumerated() {
            let (family, slot): (HotField.Family, Int) = switch f.storage {
            case .none: (.none, 0)
            case .int64(let s): (.int64, s)
            case .int32(let s): (.int32, s)
            case .text(let s): (.text, s)
            }
            let literal = UnsafeMutablePointer<UInt8>.allocate(capacity: max(f.literal.count, 1))
            literal.initialize(from: f.literal, count: f.literal.count)
            (fields + i).initialize(to: HotField(
                parser: f.parser, family: family, slot: slot, validitySlot: f.validitySlot, optional: f.optional,
                offset: f.offset, length: f.length, codes: f.lookup?.table ?? noCodes,
                literal: literal, literalCount: f.literal.count))
        }
        checkCount = plan.checks.count
        checks = .allocate(capacity: max(checkCount, 1))
        for (i, c) in plan.checks.enumerated() {
            let hot: HotCheck
            switch c {
            case .endNotBeforeStart(let s, let sv, let e, let ev, _):
                hot = HotCheck(kind: .endNotBeforeStart, firstSlot: s, firstValiditySlot: sv, secondSlot: e,
                               secondValiditySlot: ev, codes: .allocate(capacity: 1), from: 0)
            case .codeFrom(let codeSlot, let codes, let dateSlot, let dv, let from, _):
                let mask = UnsafeMutablePointer<Bool>.allocate(capacity: max(codes.count, 1))
                mask.initialize(from: codes, count: codes.count)
                hot = HotCheck(kind: .codeFrom, firstSlot: codeSlot, firstValiditySlot: -1, secondSlot: dateSlot,
                               secondValiditySlot: dv, codes: mask, from: from)
            }
            (checks + i).initialize(to: hot)
        }
    }

    deinit {
        for i in 0..<fieldCount { fields[i].literal.deallocate() }
        for i in 0..<checkCount { checks[i].codes.deallocate() }
        fields.deallocate()
        checks.deallocate()
        starts.deallocate()
        ends.deallocate()
    }
}
