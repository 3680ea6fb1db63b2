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
