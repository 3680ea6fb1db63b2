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
