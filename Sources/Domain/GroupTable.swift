/// A value per ``BenefitGroup``, stored in a fixed array indexed by the group's raw value: what a
/// `[BenefitGroup: Value]` does in the per-person spell logic, without hashing (it ran for every
/// person and month of every person-level stage).
struct GroupTable<Value> {
    private var slots: [Value?] = Array(repeating: nil, count: BenefitGroup.allCases.count)

    subscript(_ g: BenefitGroup) -> Value? {
        get { slots[Int(g.rawValue)] }
        set { slots[Int(g.rawValue)] = newValue }
    }

    subscript(_ g: BenefitGroup, default value: @autoclosure () -> Value) -> Value {
        get { slots[Int(g.rawValue)] ?? value() }
        _modify {
            // Moved out and back, so that appending to an array value does not copy it.
            let i = Int(g.rawValue)
            var v = slots[i] ?? value()
            slots[i] = nil
            defer { slots[i] = v }
            yield &v
        }
    }

    /// The groups with a value, in ``BenefitGroup`` order.
    var groups: [BenefitGroup] { BenefitGroup.allCases.filter { slots[Int($0.rawValue)] != nil } }

    /// Whether no group has a value.
    var isEmpty: Bool { slots.allSatisfy { $0 == nil } }
}
