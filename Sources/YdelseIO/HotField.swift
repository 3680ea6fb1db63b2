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
