import ColumnStore

/// The experiment types of a unique conversation (FSG-0.5, FSG-2.3).
public struct ConversationTypes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let cv = ConversationTypes(rawValue: 1)
    public static let fjob = ConversationTypes(rawValue: 2)
    public static let job = ConversationTypes(rawValue: 4)
    public static let raad = ConversationTypes(rawValue: 8)

    /// The four types in the order of the Måling 2.3 table.
    public static let ordered: [ConversationTypes] = [.cv, .fjob, .job, .raad]

    init?(_ kind: SamtaleRow.Kind) {
        switch kind {
        case .cv: self = .cv
        case .fjob: self = .fjob
        case .job: self = .job
        case .raad: self = .raad
        case .syg: return nil
        }
    }
}
