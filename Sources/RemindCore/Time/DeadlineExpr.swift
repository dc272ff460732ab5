import Foundation

/// A `due:` expression, parsed at load and resolved by the planner against the item's
/// reference date R (DESIGN "Time rules").
public enum DeadlineExpr: Hashable, Sendable, Codable {
    /// `2023-10-02`: that day at workday end.
    case date(LocalDate)
    /// `2023-10-02 12:00`: that local time.
    case localDateTime(LocalDate, LocalTime)
    /// ISO 8601 with an offset: that instant.
    case instant(Date)
    case thisWeek
    case nextWeek
    case endOfMonth
    /// `in N days|weeks|months|workdays`, `+Nd` …
    case relative(DurationSpec)
    /// `next meeting` / `next <series>`, with an optional offset (`-2wd`).
    case nextMeeting(series: String?, offset: DurationSpec?)
    /// `after <event> [+N d|wd|w]`.
    case afterEvent(String, offset: DurationSpec?)

    /// The event this deadline waits for, if any.
    public var eventName: String? {
        if case .afterEvent(let e, _) = self { return e }
        return nil
    }
}
