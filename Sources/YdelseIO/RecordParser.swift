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
    /// Field bounds of the current line, reused for every line.
    private let bounds: FieldBounds
    /// Stands in for the missing base address of an empty line.
    nonisolated(unsafe) private static let emptyLine = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))

    init(plan: RecordPlan, file: String, reservingRows capacity: Int) {
        self.plan = plan
        self.file = file
        buffers = ColumnBuffers(plan: plan, reservingRows: capacity)
        bounds = FieldBounds(count: plan.fieldCount)
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
        let starts = bounds.starts, ends = bounds.ends
        var count = 0
        var fieldStart = 0
        var high: UInt8 = 0
        var i = 0
        while i < n {
            let b = ByteParsers.byte(p, i)
            high |= b
            if b == 0x3B {   // ';'
                if count < expected { starts[count] = fieldStart; ends[count] = i }
                count += 1
                fieldStart = i + 1
            }
            i += 1
        }
        if count < expected { starts[count] = fieldStart; ends[count] = n }
        count += 1
        if high >= 0x80, !ByteParsers.isValidUTF8(p, n) {
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
        let starts = bounds.starts, ends = bounds.ends
        plan.fields.withUnsafeBufferPointer { fields in
            for f in 0..<fields.count {
                starts[f] = fields[f].offset
                ends[f] = fields[f].offset + fields[f].length
            }
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
        let starts = bounds.starts, ends = bounds.ends
        let failure: (field: Int, error: FieldError)? = plan.fields.withUnsafeBufferPointer { fields in
            for f in 0..<fields.count {
                let start = starts[f]
                var length = ends[f] - start
                if trimBlanks {
                    while length > 0, ByteParsers.byte(p, start + length - 1) == 0x20 { length -= 1 }
                }
                if let error = store(fields[f], p + start, length) { return (f, error) }
            }
            return nil
        }
        if let (f, error) = failure {
            let field = plan.fields[f]
            let detail = error == .unknownCode && field.parser == .literal
                ? "\(field.name) (expected \(String(decoding: field.literal, as: UTF8.self)))"
                : field.name
            reject(error.reason, detail, line, number)
            return
        }
        if !plan.checks.isEmpty, let reason = failedCheck() {
            buffers.rollback()
            rejects.append(Reject(source: plan.source, file: file, line: number, reason: reason,
                                  raw: String(decoding: line, as: UTF8.self)))
            return
        }
        buffers.commit(line: number)
    }

    /// Parses one field's bytes and appends the value (or a null) to its buffer.
    @inline(__always)
    private mutating func store(_ field: RecordPlan.FieldPlan, _ p: UnsafeRawPointer, _ n: Int) -> FieldError? {
        if n == 0 {
            guard field.optional else { return .missing }
            switch field.storage {
            case .int64(let slot): buffers.int64[slot].append(0)
            case .int32(let slot): buffers.int32[slot].append(0)
            case .text(let slot): buffers.textOffsets[slot].append(Int32(truncatingIfNeeded: buffers.textBytes[slot].count))
            case .none: break
            }
            if field.validitySlot >= 0 { buffers.validity[field.validitySlot].append(0) }
            return nil
        }
        switch field.parser {
        case .pnr:
            guard let v = ByteParsers.pnr(p, n), case .int64(let slot) = field.storage else { return .badPnr }
            buffers.int64[slot].append(v)
        case .isoDate:
            guard let v = ByteParsers.isoDate(p, n), case .int32(let slot) = field.storage else { return .badDate }
            buffers.int32[slot].append(v)
        case .compactDate:
            guard let v = ByteParsers.compactDate(p, n), case .int32(let slot) = field.storage else { return .badDate }
            buffers.int32[slot].append(v)
        case .month:
            guard let v = ByteParsers.month(p, n), case .int32(let slot) = field.storage else { return .badDate }
            buffers.int32[slot].append(v)
        case .code:
            let v = field.lookup!.index(p, n)
            guard v >= 0, case .int32(let slot) = field.storage else { return .unknownCode }
            buffers.int32[slot].append(v)
        case .decimalHours:
            guard let v = ByteParsers.decimalHours(p, n), case .int64(let slot) = field.storage else { return .badNumber }
            buffers.int64[slot].append(v)
        case .fixedHours:
            guard let v = ByteParsers.fixedDigits(p, n), case .int64(let slot) = field.storage else { return .badNumber }
            buffers.int64[slot].append(v)
        case .text:
            guard case .text(let slot) = field.storage else { return nil }
            buffers.textBytes[slot].append(contentsOf: UnsafeRawBufferPointer(start: p, count: n))
            buffers.textOffsets[slot].append(Int32(truncatingIfNeeded: buffers.textBytes[slot].count))
        case .literal:
            let matches = field.literal.count == n && field.literal.withUnsafeBytes { expected in
                memcmp(expected.baseAddress!, p, n) == 0
            }
            if !matches { return .unknownCode }
            return nil
        }
        if field.validitySlot >= 0 { buffers.validity[field.validitySlot].append(1) }
        return nil
    }

    /// The reason of the first record check the current (uncommitted) row fails.
    private func failedCheck() -> String? {
        let row = buffers.rows
        for check in plan.checks {
            switch check {
            case .endNotBeforeStart(let s, let sv, let e, let ev, let reason):
                if sv >= 0, buffers.validity[sv][row] == 0 { continue }
                if ev >= 0, buffers.validity[ev][row] == 0 { continue }
                if buffers.int32[e][row] < buffers.int32[s][row] { return reason }
            case .codeFrom(let codeSlot, let codes, let dateSlot, let dv, let from, let reason):
                if dv >= 0, buffers.validity[dv][row] == 0 { continue }
                if codes[Int(buffers.int32[codeSlot][row])], buffers.int32[dateSlot][row] >= from { return reason }
            }
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

/// Start and end offsets of a line's fields, allocated once per delivery.
final class FieldBounds {
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>

    init(count: Int) {
        starts = .allocate(capacity: max(count, 1))
        ends = .allocate(capacity: max(count, 1))
        starts.initialize(repeating: 0, count: max(count, 1))
        ends.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
    }
}
