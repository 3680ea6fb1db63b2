import ColumnStore

/// A ``SourceLayout`` compiled for parsing: each field with the parser it
/// needs and the column buffer it fills, and the record checks resolved to
/// buffer slots. Built once per layout and shared by the parsing threads.
struct RecordPlan: Sendable {
    /// How one field is parsed and where its value goes.
    struct FieldPlan: Sendable {
        enum Parser: UInt8, Sendable {
            case pnr, isoDate, compactDate, month, code, decimalHours, fixedHours, text, literal
        }

        /// Which family of buffers holds the values.
        enum Storage: Sendable {
            case int64(slot: Int)
            /// Dates, dictionary indices and hundredths of hours.
            case int32(slot: Int)
            case text(slot: Int)
            case none
        }

        var name: String
        var parser: Parser
        var storage: Storage
        /// Slot of the validity buffer for an optional field, else -1.
        var validitySlot: Int
        var optional: Bool
        /// Fixed width: 0-based first byte and length of the field.
        var offset: Int
        var length: Int
        /// For `.code`: the dictionary lookup.
        var lookup: CodeLookup?
        /// For `.literal`: the expected bytes.
        var literal: [UInt8]
    }

    /// A ``RecordCheck`` resolved to buffer slots.
    enum Check: Sendable {
        /// Validity slots are -1 for a required field. `reason` is the full reject reason.
        case endNotBeforeStart(startSlot: Int, startValiditySlot: Int, endSlot: Int, endValiditySlot: Int, reason: String)
        /// `codes[i]` is true for the dictionary indices the check applies to.
        case codeFrom(codeSlot: Int, codes: [Bool], dateSlot: Int, dateValiditySlot: Int, from: Int32, reason: String)
    }

    var source: String
    var fields: [FieldPlan]
    var checks: [Check]
    var int64Count = 0
    var int32Count = 0
    var textCount = 0
    var validityCount = 0
    /// Delimited: the header line's bytes.
    var header: [UInt8]
    /// Fixed width: the record length, else nil.
    var recordLength: Int?

    init(layout: SourceLayout) {
        source = layout.name
        header = Array(layout.header.utf8)
        if case .fixedWidth(let length) = layout.format { recordLength = length }
        fields = []
        checks = []
        for spec in layout.fields {
            var plan = FieldPlan(name: spec.name, parser: .text, storage: .none, validitySlot: -1,
                                 optional: spec.optional, offset: 0, length: 0, lookup: nil, literal: [])
            if let position = spec.position {
                plan.offset = position.start - 1
                plan.length = position.length
                precondition(recordLength.map { position.start >= 1 && plan.offset + plan.length <= $0 } ?? true,
                             "\(layout.name).\(spec.name): position outside the record")
            } else {
                precondition(recordLength == nil, "\(layout.name).\(spec.name): fixed-width field without a position")
            }
            switch spec.kind {
            case .pnr: plan.parser = .pnr
            case .date: plan.parser = .isoDate
            case .compactDate: plan.parser = .compactDate
            case .month: plan.parser = .month
            case .code(let values): plan.parser = .code; plan.lookup = CodeLookup(values: values)
            case .kommune: plan.parser = .code; plan.lookup = .kommune
            case .akasse: plan.parser = .code; plan.lookup = .akasse
            case .decimalHours: plan.parser = .decimalHours
            case .fixedHours: plan.parser = .fixedHours
            case .text: plan.parser = .text
            case .literal(let text): plan.parser = .literal; plan.literal = Array(text.utf8)
            }
            switch spec.kind.columnType {
            case .int64: plan.storage = .int64(slot: int64Count); int64Count += 1
            case .int32, .date32, .dictionary: plan.storage = .int32(slot: int32Count); int32Count += 1
            case .utf8: plan.storage = .text(slot: textCount); textCount += 1
            case nil: plan.storage = .none
            default: preconditionFailure("\(layout.name).\(spec.name): no parser stores \(String(describing: spec.kind.columnType))")
            }
            if spec.optional && spec.kind.columnType != nil {
                plan.validitySlot = validityCount
                validityCount += 1
            }
            fields.append(plan)
        }
        checks = layout.checks.map { check in
            switch check {
            case .endNotBeforeStart(let start, let end):
                let s = Self.dateField(start, in: fields, layout: layout)
                let e = Self.dateField(end, in: fields, layout: layout)
                return .endNotBeforeStart(startSlot: s.slot, startValiditySlot: s.validitySlot,
                                          endSlot: e.slot, endValiditySlot: e.validitySlot,
                                          reason: "\(RejectReason.endBeforeStart.rawValue): \(end) before \(start)")
            case .codeEndsBefore(let field, let values, let dateField, let from, let reason):
                guard let f = fields.first(where: { $0.name == field }), let lookup = f.lookup,
                      case .int32(let codeSlot) = f.storage else {
                    preconditionFailure("\(layout.name): check on \(field), which is not a code field")
                }
                var codes = [Bool](repeating: false, count: lookup.values.count)
                for v in values {
                    guard let i = lookup.values.firstIndex(of: v) else {
                        preconditionFailure("\(layout.name): check names code \(v), which \(field) does not declare")
                    }
                    codes[i] = true
                }
                precondition(!reason.contains(";"), "reject reasons must not contain ';'")
                let d = Self.dateField(dateField, in: fields, layout: layout)
                return .codeFrom(codeSlot: codeSlot, codes: codes, dateSlot: d.slot, dateValiditySlot: d.validitySlot,
                                 from: from.rawValue, reason: reason)
            }
        }
    }

    private static func dateField(_ name: String, in fields: [FieldPlan], layout: SourceLayout) -> (slot: Int, validitySlot: Int) {
        guard let f = fields.first(where: { $0.name == name }),
              [.isoDate, .compactDate, .month].contains(f.parser), case .int32(let slot) = f.storage else {
            preconditionFailure("\(layout.name): check names \(name), which is not a date field")
        }
        return (slot, f.validitySlot)
    }

    /// The reject reason of check number `index`.
    func checkReason(_ index: Int) -> String {
        switch checks[index] {
        case .endNotBeforeStart(_, _, _, _, let reason): reason
        case .codeFrom(_, _, _, _, _, let reason): reason
        }
    }

    /// Number of fields in a delimited record.
    var fieldCount: Int { fields.count }
}
