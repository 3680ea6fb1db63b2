/// One typed column of a ``Table``.
///
/// Values are stored in plain Swift arrays, one per physical buffer, so
/// kernels can loop over them without boxing. Nulls are marked in an optional
/// ``Validity`` bitmap; the value slot of a null row holds a default (0, "" or
/// dictionary index 0) and must not be interpreted.
public struct Column: Sendable {
    public var name: String
    public var data: ColumnData
    /// `nil` means every row is valid.
    public var validity: Validity?

    public init(name: String, data: ColumnData, validity: Validity? = nil) {
        self.name = name
        self.data = data
        self.validity = validity
        if let v = validity { precondition(v.count == data.count, "validity length \(v.count) ≠ column length \(data.count) for \(name)") }
    }

    public var count: Int { data.count }
    public var type: ColumnType { data.type }
    public var field: Field { Field(name, type, nullable: validity != nil) }

    @inlinable public func isNull(_ row: Int) -> Bool {
        if let v = validity { return !v[row] }
        return false
    }

    // MARK: typed access (traps on a type mismatch: a programming error, not bad input)

    public var int32Values: [Int32] {
        if case .int32(let v) = data { return v }
        if case .date32(let v) = data { return v }
        preconditionFailure("column \(name) is \(type), not int32")
    }
    public var int64Values: [Int64] {
        guard case .int64(let v) = data else { preconditionFailure("column \(name) is \(type), not int64") }
        return v
    }
    public var float64Values: [Double] {
        guard case .float64(let v) = data else { preconditionFailure("column \(name) is \(type), not float64") }
        return v
    }
    public var boolValues: [Bool] {
        guard case .bool(let v) = data else { preconditionFailure("column \(name) is \(type), not bool") }
        return v
    }
    public var dateValues: [Int32] {
        guard case .date32(let v) = data else { preconditionFailure("column \(name) is \(type), not date32") }
        return v
    }
    public var strings: StringStorage {
        guard case .utf8(let v) = data else { preconditionFailure("column \(name) is \(type), not utf8") }
        return v
    }
    public var dictionary: DictionaryStorage {
        guard case .dictionary(let v) = data else { preconditionFailure("column \(name) is \(type), not dictionary") }
        return v
    }

    /// The value of a row as text, for display (`inspect`) and tests; `nil` when null.
    public func text(at row: Int) -> String? {
        if isNull(row) { return nil }
        switch data {
        case .int32(let v): return String(v[row])
        case .int64(let v): return String(v[row])
        case .float64(let v): return String(v[row])
        case .date32(let v): return Day(rawValue: v[row]).description
        case .bool(let v): return v[row] ? "true" : "false"
        case .utf8(let s): return s[row]
        case .dictionary(let d): return d[row]
        }
    }

    /// Whether row `i` holds the same value as row `j` of `other` (both null, or equal values of
    /// the same type; a dictionary compares its strings, doubles bit for bit).
    public func sameValue(at i: Int, as other: Column, at j: Int) -> Bool {
        let nullHere = isNull(i)
        if nullHere != other.isNull(j) { return false }
        if nullHere { return true }
        switch (data, other.data) {
        case let (.int32(a), .int32(b)), let (.date32(a), .date32(b)): return a[i] == b[j]
        case let (.int64(a), .int64(b)): return a[i] == b[j]
        case let (.float64(a), .float64(b)): return a[i].bitPattern == b[j].bitPattern
        case let (.bool(a), .bool(b)): return a[i] == b[j]
        case let (.utf8(a), .utf8(b)):
            return a.bytes[Int(a.offsets[i])..<Int(a.offsets[i + 1])].elementsEqual(b.bytes[Int(b.offsets[j])..<Int(b.offsets[j + 1])])
        case let (.dictionary(a), .dictionary(b)): return a[i] == b[j]
        default: return false
        }
    }

    /// Rows at `indices`, in that order (a gather).
    public func gather(_ indices: [Int]) -> Column {
        let newValidity = validity.map { $0.gather(indices) }
        return Column(name: name, data: data.gather(indices), validity: newValidity)
    }
}
