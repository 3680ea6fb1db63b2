import ColumnStore

/// Keeps the parsed form of delivery files between runs: a delivery never
/// changes once delivered, so every later month can reuse its columns instead
/// of inflating and parsing it again (issue 11). ``SourceExtractor`` asks the
/// cache before parsing a delivery and offers it every delivery it parsed and
/// did not refuse. The implementation (files under `OUT/.cache/extract`, keyed
/// by the file's identity and content) lives with the extract stage.
public protocol DeliveryCache: Sendable {
    /// The cached parse of `delivery`, or a miss with the key under which its
    /// parse may be kept. A cache entry that cannot be trusted is a miss.
    func lookup(_ delivery: Delivery) -> DeliveryCacheLookup
    /// Keeps the parse of `delivery`, made after a miss with `key`. The cache
    /// must not keep it when the file no longer matches `key` (it changed
    /// while it was parsed). Never called for a refused delivery.
    /// Returns the entry kept, or nil when none was.
    @discardableResult
    func keep(_ parse: CachedDelivery, of delivery: Delivery, key: String) -> DeliveryCacheEntry?
    /// The entry of `delivery` without reading its rows (what can be checked without them is),
    /// or a miss with the key under which its parse may be kept.
    func entry(_ delivery: Delivery) -> DeliveryCacheEntryLookup
}
