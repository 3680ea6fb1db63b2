/// The ``RecordPlan`` copied into plain memory for one delivery's parse
/// loop, plus the field bounds of the current line (fixed width: of every line).
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
        // Fixed width: the bounds never change. Delimited: set per line.
        starts.initialize(repeating: 0, count: max(fieldCount, 1))
        ends.initialize(repeating: 0, count: max(fieldCount, 1))
        for (i, f) in plan.fields.enumerated() {
            starts[i] = f.offset
            ends[i] = f.offset + f.length
        }
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
