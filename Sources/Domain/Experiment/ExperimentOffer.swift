import ColumnStore

/// An experiment offer (FSG-3.0), attributed to the a-kasse of the forløb covering `fra`.
public struct ExperimentOffer: Sendable, Hashable {
    public var fra: Day
    public var kategori: TilbudRow.Kategori
    public var akasse: String
}
