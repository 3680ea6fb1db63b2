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

/// The physical buffers of a column.
public enum ColumnData: Sendable {
    case int32([Int32])
    case int64([Int64])
    case float64([Double])
    case date32([Int32])
    case bool([Bool])
    case utf8(StringStorage)
    case dictionary(DictionaryStorage)

    public var type: ColumnType {
        switch self {
        case .int32: .int32
        case .int64: .int64
        case .float64: .float64
        case .date32: .date32
        case .bool: .bool
        case .utf8: .utf8
        case .dictionary: .dictionary
        }
    }

    public var count: Int {
        switch self {
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .float64(let v): v.count
        case .date32(let v): v.count
        case .bool(let v): v.count
        case .utf8(let s): s.count
        case .dictionary(let d): d.indices.count
        }
    }

    public func gather(_ idx: [Int]) -> ColumnData {
        switch self {
        case .int32(let v): .int32(fastGather(v, idx))
        case .int64(let v): .int64(fastGather(v, idx))
        case .float64(let v): .float64(fastGather(v, idx))
        case .date32(let v): .date32(fastGather(v, idx))
        case .bool(let v): .bool(fastGather(v, idx))
        case .utf8(let s): .utf8(s.gather(idx))
        case .dictionary(let d): .dictionary(DictionaryStorage(indices: fastGather(d.indices, idx), values: d.values))
        }
    }
}

/// `values[idx[i]]` for every i, without per-element bounds checks (indices are checked up front).
@inline(__always)
func fastGather<T>(_ values: [T], _ idx: [Int]) -> [T] {
    precondition(idx.allSatisfy { $0 >= 0 && $0 < values.count }, "gather index out of range")
    return values.withUnsafeBufferPointer { src in
        [T](unsafeUninitializedCapacity: idx.count) { dst, n in
            for (j, i) in idx.enumerated() { (dst.baseAddress! + j).initialize(to: src[i]) }
            n = idx.count
        }
    }
}

/// Variable-length UTF-8 strings in Arrow layout: `offsets` has count + 1
/// entries and string i is `bytes[offsets[i]..<offsets[i+1]]`.
public struct StringStorage: Sendable, Equatable {
    public var offsets: [Int32]
    public var bytes: [UInt8]

    public init() { offsets = [0]; bytes = [] }
    public init(offsets: [Int32], bytes: [UInt8]) {
        precondition(!offsets.isEmpty, "offsets must have count + 1 entries")
        self.offsets = offsets
        self.bytes = bytes
    }
    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for s in strings { append(s) }
    }

    public var count: Int { offsets.count - 1 }

    public subscript(i: Int) -> String {
        String(decoding: bytes[Int(offsets[i])..<Int(offsets[i + 1])], as: UTF8.self)
    }

    public mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        offsets.append(Int32(bytes.count))
    }

    /// Appends the bytes of `b` as one string. Inlinable, so that a caller in another module
    /// gets a version for its collection type instead of a generic call per row.
    @inlinable
    public mutating func append<C: Collection>(utf8 b: C) where C.Element == UInt8 {
        bytes.append(contentsOf: b)
        offsets.append(Int32(bytes.count))
    }

    public func gather(_ idx: [Int]) -> StringStorage {
        var total = 0
        for i in idx { total += Int(offsets[i + 1] - offsets[i]) }
        var newOffsets = [Int32]()
        newOffsets.reserveCapacity(idx.count + 1)
        newOffsets.append(0)
        var newBytes = [UInt8]()
        newBytes.reserveCapacity(total)
        bytes.withUnsafeBufferPointer { b in
            for i in idx {
                let s = Int(offsets[i]), e = Int(offsets[i + 1])
                newBytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<e]))
                newOffsets.append(Int32(newBytes.count))
            }
        }
        return StringStorage(offsets: newOffsets, bytes: newBytes)
    }
}

/// Dictionary-encoded strings: row i is `values[indices[i]]`.
public struct DictionaryStorage: Sendable, Equatable {
    /// The index type: 8 bits. Every dictionary is a fixed code list (the declared codes of a
    /// field, the 98 kommune codes, the 30 a-kasse codes), so 127 values are plenty, and a byte
    /// per row of every code column is a quarter of the memory of 32-bit indices.
    public typealias Index = Int8
    /// The most values a dictionary can have (one less than the index type counts, so that an
    /// index read from a wider type and clamped to `Index.max` is always out of range).
    public static let maxValues = Int(Index.max)

    public var indices: [Index]
    public var values: [String]
    public init(indices: [Index], values: [String]) {
        precondition(values.count <= Self.maxValues, "a dictionary holds at most \(Self.maxValues) values, not \(values.count)")
        self.indices = indices
        self.values = values
    }
    public subscript(i: Int) -> String { values[Int(indices[i])] }
}
