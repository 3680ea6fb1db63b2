/// How one published table presents its cells (DISC-2, DISC-4, DISC-5).
public struct PublishedStyle: Sendable, Hashable {
    public var zero: ZeroSymbol
    public var undefined: UndefinedSymbol
    /// Decimals of shares in percent: 0 (whole percents) except Måling 4.1/4.2 (1).
    public var shareDecimals: Int
    /// Decimals of averages: 1 (the conversation averages).
    public var averageDecimals: Int

    public init(zero: ZeroSymbol, undefined: UndefinedSymbol = .dot, shareDecimals: Int = 0, averageDecimals: Int = 1) {
        self.zero = zero
        self.undefined = undefined
        self.shareDecimals = shareDecimals
        self.averageDecimals = averageDecimals
    }
}
