/// A record check as the parse loop sees it. Both kinds compare two int32
/// buffers of the current row: start and end dates, or code index and date.
struct HotCheck {
    enum Kind { case endNotBeforeStart, codeFrom }

    var kind: Kind
    var firstSlot: Int
    var firstValiditySlot: Int
    var secondSlot: Int
    var secondValiditySlot: Int
    /// `.codeFrom`: true for the dictionary indices the check applies to.
    var codes: UnsafeMutablePointer<Bool>
    var from: Int32
}
