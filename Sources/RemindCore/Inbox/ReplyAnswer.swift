import Foundation

/// The one short answer an owner's reply gets (DESIGN "Replies by mail"): what was done, or
/// how to write a command remindd understands. Sent to the reply's sender with
/// `Auto-Submitted: auto-replied`, in the config's language.
public struct ReplyAnswer: Sendable, Hashable, Codable {
    /// The address the reply came from, which the answer goes to.
    public var to: String
    public var subject: String
    public var text: String
    /// The incoming message's id, and the ids it referred to (for threading).
    public var inReplyTo: String?
    public var references: [String]

    public init(to: String, subject: String, text: String, inReplyTo: String?, references: [String]) {
        self.to = to
        self.subject = subject
        self.text = text
        self.inReplyTo = inReplyTo
        self.references = references
    }

    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ text: String) throws -> ReplyAnswer {
        try JSONDecoder().decode(ReplyAnswer.self, from: Data(text.utf8))
    }

    /// What is said for an outcome.
    public enum Outcome: Sendable, Hashable {
        case done
        case alreadyDone
        case snoozed(until: Date)
        case reopened
        case help
    }

    public static func make(_ outcome: Outcome, item: Item, reply: Reply, to address: String, config: Config) -> ReplyAnswer {
        let nl = config.language == .nl
        let title = item.title
        let text: String
        switch outcome {
        case .done:
            text = nl
                ? "Gemarkeerd als klaar: \(title).\n\nEr komen geen herinneringen meer voor deze actie. Toch niet klaar? Antwoord met \"heropen\"."
                : "Marked as done: \(title).\n\nNo more reminders will come for this action. Not done after all? Reply \"reopen\"."
        case .alreadyDone:
            text = nl ? "Deze actie stond al op klaar: \(title)." : "This action was already done: \(title)."
        case .snoozed(let until):
            let when = Self.local(until, config)
            text = nl
                ? "Uitgesteld tot \(when): \(title).\n\nTot dan komen er geen herinneringen voor deze actie."
                : "Snoozed until \(when): \(title).\n\nNo reminders will come for this action until then."
        case .reopened:
            text = nl ? "Heropend: \(title).\n\nDe herinneringen lopen weer." : "Reopened: \(title).\n\nReminders resume."
        case .help:
            text = nl
                ? """
                Uw antwoord over "\(title)" kon ik niet lezen als opdracht. Antwoord op de herinnering met een van deze woorden bovenaan:

                  klaar              de actie is af
                  uitstel 1 week     later herinneren (ook: uitstel 3 dagen, uitstel 2 weken)
                  later              later herinneren, met het standaarduitstel
                  heropen            de actie loopt weer

                De rest van uw bericht wordt niet gelezen.
                """
                : """
                Your reply about "\(title)" could not be read as a command. Reply to the reminder with one of these words at the top:

                  done               the action is finished
                  snooze 1 week      remind me later (also: snooze 3 days, snooze 2 weeks)
                  later              remind me later, by the default span
                  reopen             the action is open again

                The rest of your message is not read.
                """
        }
        let subject = reply.subject.isEmpty ? title : reply.subject
        let re = subject.lowercased().hasPrefix("re:") ? subject : "Re: " + subject
        return ReplyAnswer(to: address, subject: String(re.prefix(200)), text: text, inReplyTo: reply.messageID,
                           references: Array((reply.references + [reply.messageID].compactMap { $0 }).suffix(10)))
    }

    static func local(_ date: Date, _ config: Config) -> String {
        // To the minute: `zo 2023-10-15 10:42`.
        let minute = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
        return Agenda.localStamp(minute, config.calendar, language: config.language)
    }
}
