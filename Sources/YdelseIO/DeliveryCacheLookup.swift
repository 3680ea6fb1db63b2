/// What ``DeliveryCache/lookup(_:)`` found.
public enum DeliveryCacheLookup: Sendable {
    case hit(CachedDelivery)
    /// Not cached (or not trustworthy); `key` identifies the file as it is now.
    case miss(key: String)
    /// The file cannot be identified (cannot be read or stat'ed): parse it, keep nothing.
    case uncachable
}
