import Foundation

/// One entry of `digests:` (DESIGN "Digests"): an overview sent on a schedule instead of one
/// message per item. An owner digest lists each person's own items; a meeting digest lists
/// the open items of one meeting series, grouped by owner, before each of its meetings.
public struct DigestDef: Sendable, Hashable, Codable {
    /// Who receives it.
    public enum Audience: Sendable, Hashable, Codable {
        /// Every person with open items (owner or `with`); of the series, for a meeting digest.
        case owners
        case people([String])
    }

    /// When it goes out.
    public enum Schedule: Sendable, Hashable, Codable {
        /// Every working day at this local time.
        case daily(LocalTime)
        /// Once a week on this ISO weekday (1 = Monday) at this local time, or the next
        /// working day when that day is not one.
        case weekly(weekday: Int, LocalTime)
        /// Before every meeting of `series`: `d`/`wd` leads at `at` (default: the workday's
        /// start) that many days before; `s`/`m`/`h` leads exactly before the meeting's time.
        case beforeMeeting(series: String, lead: DurationSpec, at: LocalTime?)
    }

    public var name: String
    public var to: Audience
    public var schedule: Schedule
    /// The channels it goes out on; nil: each person's own (or the defaults).
    public var channels: [String]?

    public init(name: String, to: Audience, schedule: Schedule, channels: [String]? = nil) {
        self.name = name
        self.to = to
        self.schedule = schedule
        self.channels = channels
    }

    /// The meeting series of a meeting digest.
    public var series: String? {
        if case .beforeMeeting(let s, _, _) = schedule { return s }
        return nil
    }

    public var isMeetingDigest: Bool { series != nil }
}
