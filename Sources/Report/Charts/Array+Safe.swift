extension Array {
    /// The element at `i`, or nil when `i` is out of range (a series shorter than its categories).
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
