/// What one incoming message says, as far as remindd cares: who sent it, to which
/// addresses, in reply to what, whether a person wrote it, and what it asks for.
///
/// The reader decides nothing about items or people: matching the token and the message
/// ids to an item, checking the sender against the item's people, and answering are the
/// daemon's. `action` is the one field it may act on; it is nil for automatic mail.
public struct Reply: Sendable, Equatable {
    /// What the text says.
    public enum Reading: Sendable, Equatable {
        case command(ReplyCommand)
        /// Readable, but its first words are no command: the writer gets the help message.
        case noCommand
        /// No text part, or none that decodes (an unknown charset, broken base64); the
        /// reason is for the log. The writer gets the help message too.
        case undecodable(String)
    }

    /// The `From` address, lowercased, without display name; nil when there is none.
    public var sender: String?
    /// The addresses of `To`, `Cc`, `Delivered-To` and `X-Original-To`, lowercased, each
    /// once, in that order: the reply address with its token is among them.
    public var recipients: [String]
    /// `<id@host>`, as every id below.
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    /// `Subject`, decoded, at most `ReplyReader.maxTextCharacters` characters.
    public var subject: String
    /// Why the message counts as automatic (`Auto-Submitted: auto-replied`, …); nil when a
    /// person wrote it.
    public var automatic: String?
    public var reading: Reading
    /// The reply with its quoted history cut off, at most `ReplyReader.maxTextCharacters`
    /// characters, for the log.
    public var text: String

    public init(sender: String?, recipients: [String], messageID: String?, inReplyTo: [String], references: [String],
                subject: String, automatic: String?, reading: Reading, text: String) {
        self.sender = sender
        self.recipients = recipients
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.subject = subject
        self.automatic = automatic
        self.reading = reading
        self.text = text
    }

    /// The command to carry out, if any: never one for automatic mail.
    public var action: ReplyCommand? {
        guard automatic == nil, case .command(let c) = reading else { return nil }
        return c
    }

    /// The ids this message answers, nearest first: `In-Reply-To`, then `References` from
    /// the last (the parent) back, each once.
    public var ancestors: [String] {
        var out: [String] = []
        for id in inReplyTo + references.reversed() where !out.contains(id) { out.append(id) }
        return out
    }
}
