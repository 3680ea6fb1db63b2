import ColumnStore

/// One unique conversation (FSG-0.6): a distinct (pnr, dato) among the person's experiment lines,
/// attributed to the a-kasse of the forløb that holds it (FSG-0.5).
public struct ExperimentConversation: Sendable, Hashable {
    public var dato: Day
    public var akasse: String
    /// The types of the experiment lines on that date.
    public var types: ConversationTypes
}
