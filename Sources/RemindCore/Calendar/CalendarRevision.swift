import Foundation

/// The last deadline an item's calendar event was sent with, and its SEQUENCE. RFC 5546
/// readers keep the event with the highest SEQUENCE, so every change of deadline must raise
/// it, whichever way the deadline moved; the daemon keeps one revision per item in its
/// store and moves it on when a reminder with a new deadline is written to the outbox.
public struct CalendarRevision: Sendable, Hashable {
    public var deadline: Date
    public var sequence: Int

    public init(deadline: Date, sequence: Int) {
        self.deadline = deadline
        self.sequence = sequence
    }

    /// The revision for `deadline` after `previous`: the same one when the deadline did not
    /// move, else one with a higher SEQUENCE (never lower than the first-calendar value of
    /// the new deadline, so it stays above what was sent before revisions were kept).
    public static func next(deadline: Date, after previous: CalendarRevision?) -> CalendarRevision {
        guard let previous else { return CalendarRevision(deadline: deadline, sequence: CalendarEvent.sequence(deadline: deadline)) }
        if previous.deadline == deadline { return previous }
        return CalendarRevision(deadline: deadline,
                                sequence: max(previous.sequence + 1, CalendarEvent.sequence(deadline: deadline)))
    }
}
