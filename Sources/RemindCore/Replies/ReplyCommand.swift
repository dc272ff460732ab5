/// What an owner asks for by replying to a reminder, read from the first words of the reply
/// (`ReplyGrammar`).
public enum ReplyCommand: Sendable, Equatable {
    case done
    case snooze(SnoozeSpan)
    case reopen

    /// How long a snooze lasts, counted by the caller from the moment it processes the reply.
    public enum SnoozeSpan: Sendable, Equatable {
        /// A span the reply named: `uitstel 3 dagen`, `snooze 2 weeks` (weeks as 7 days).
        case days(Int)
        /// A bare `uitstel`, `snooze` or `later`: the first of the reminder's snooze choices
        /// (`links.snooze`), which only the caller knows.
        case defaultChoice
    }
}
