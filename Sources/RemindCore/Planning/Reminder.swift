import Foundation

/// The kinds of reminder, with the names `agenda --json` and the delivery keys use.
public enum ReminderKind: String, Sendable, Hashable, CaseIterable, Codable {
    case before
    case due
    case overdue
    case undated
    case at
    case eventExpected = "event-expected"
    case eventLate = "event-late"
    /// A digest's moment (`Planner+Digests.swift`); the subject is the digest's name.
    case digest
    /// The answer to an owner's reply by mail (`ReplyAnswer`); the subject is the item.
    case answer

    public var isEventNotice: Bool { self == .eventExpected || self == .eventLate }
}

/// One moment at which some people must hear about one item (or one event). Produced by
/// the planner; turned into one delivery per channel.
public struct Reminder: Sendable, Hashable {
    /// The item id, or the event name for event notices.
    public var subject: String
    public var kind: ReminderKind
    public var at: Date
    /// The item's deadline instant, when it has one.
    public var deadline: Date?
    /// Owner first, then `with` (an event notice: the event's owner).
    public var people: [String]
    /// Escalation targets (Cc on mail); empty until escalation applies.
    public var escalation: [String]
    /// 1-based count for overdue and undated repeats; for a digest the day number of its
    /// period (`Planner+Digests.swift`); 0 for other kinds.
    public var ordinal: Int
    /// For `before`: the lead time as written (`7d`, `2h`).
    public var lead: DurationSpec?
    /// Other kinds that fell on the same moment and were merged into this one.
    public var mergedKinds: [ReminderKind]

    public init(subject: String, kind: ReminderKind, at: Date, deadline: Date? = nil, people: [String],
                escalation: [String] = [], ordinal: Int = 0, lead: DurationSpec? = nil,
                mergedKinds: [ReminderKind] = []) {
        self.subject = subject
        self.kind = kind
        self.at = at
        self.deadline = deadline
        self.people = people
        self.escalation = escalation
        self.ordinal = ordinal
        self.lead = lead
        self.mergedKinds = mergedKinds
    }

    public var isEventNotice: Bool { kind.isEventNotice }
    public var isDigest: Bool { kind == .digest }
    /// A digest's period: its day, the Monday of its week, or its meeting's date.
    public var period: LocalDate { LocalDate(dayNumber: ordinal) }

    /// Everyone it reaches: people then escalation targets, without repeats.
    public var allPeople: [String] {
        var seen = Set<String>()
        return (people + escalation).filter { seen.insert($0).inserted }
    }

    /// The stable idempotency key of this reminder on one channel:
    /// `<subject>/<kind>/<UTC yyyyMMddTHHmmssZ>/<channel>`. The same on every plan, retry
    /// and restart, so receivers can drop the rare duplicate.
    /// A digest's key names its period and its one person instead:
    /// `<digest>/digest/<period>/<person>/<channel>` (exactly once per period and person).
    public func key(channel: String) -> String {
        if kind == .digest { return "\(subject)/digest/\(period)/\(people.first ?? "")/\(channel)" }
        return "\(subject)/\(kind.rawValue)/\(UTCStamp.compact(at))/\(channel)"
    }
}

/// One reminder on one channel, with the people it is addressed to there.
public struct PlannedDelivery: Sendable, Hashable {
    public var key: String
    public var reminder: Reminder
    public var channel: String
    /// Person ids in To (owners and `with`, or the event owner).
    public var to: [String]
    /// Person ids in Cc (escalation targets).
    public var cc: [String]
    /// What a digest says, fixed when it was put in the outbox; nil for other kinds.
    public var digest: DigestContent?
    /// The SEQUENCE of the item's calendar event (`CalendarRevision`), set by the outbox
    /// for a dated item; nil: worked out from the deadline.
    public var calendarSequence: Int?
    /// The answer to a reply by mail (kind `answer`).
    public var answer: ReplyAnswer?

    public init(key: String, reminder: Reminder, channel: String, to: [String], cc: [String],
                digest: DigestContent? = nil, calendarSequence: Int? = nil, answer: ReplyAnswer? = nil) {
        self.key = key
        self.reminder = reminder
        self.channel = channel
        self.to = to
        self.cc = cc
        self.digest = digest
        self.calendarSequence = calendarSequence
        self.answer = answer
    }

    public var recipients: [String] { to + cc.filter { !to.contains($0) } }
}

/// UTC timestamps without Foundation formatters (they are slow in hot loops and
/// locale-sensitive).
public enum UTCStamp {
    /// `2023-09-29T07:00:00Z`
    public static func iso(_ date: Date) -> String {
        let (d, s) = split(date)
        var out = d.description
        out += "T"
        appendClock(s, separator: ":", to: &out)
        out += "Z"
        return out
    }

    /// `20230929T070000Z`
    public static func compact(_ date: Date) -> String {
        let (d, s) = split(date)
        var out = ""
        Digits.append(d.year, width: 4, to: &out)
        Digits.append(d.month, width: 2, to: &out)
        Digits.append(d.day, width: 2, to: &out)
        out += "T"
        appendClock(s, separator: "", to: &out)
        out += "Z"
        return out
    }

    /// `compact(_:)` appended to a UTF-8 buffer.
    static func appendCompact(_ date: Date, to out: inout [UInt8]) {
        let (d, s) = split(date)
        Digits.append(d.year, width: 4, to: &out)
        Digits.append(d.month, width: 2, to: &out)
        Digits.append(d.day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        Digits.append(s / 3600, width: 2, to: &out)
        Digits.append((s / 60) % 60, width: 2, to: &out)
        Digits.append(s % 60, width: 2, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// `iso(_:)` appended to a UTF-8 buffer.
    public static func appendISO(_ date: Date, to out: inout [UInt8]) {
        let (d, s) = split(date)
        appendDate(d, to: &out)
        out.append(UInt8(ascii: "T"))
        appendClock(s, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    static func appendDate(_ d: LocalDate, to out: inout [UInt8]) {
        Digits.append(d.year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        Digits.append(d.month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        Digits.append(d.day, width: 2, to: &out)
    }

    static func appendClock(_ s: Int, to out: inout [UInt8]) {
        Digits.append(s / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        Digits.append((s / 60) % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        Digits.append(s % 60, width: 2, to: &out)
    }

    /// `HH:MM:SS` (or `HHMMSS`) of seconds since midnight.
    public static func appendClock(_ s: Int, separator: String, to out: inout String) {
        Digits.append(s / 3600, width: 2, to: &out)
        out += separator
        Digits.append((s / 60) % 60, width: 2, to: &out)
        out += separator
        Digits.append(s % 60, width: 2, to: &out)
    }

    static func split(_ date: Date) -> (LocalDate, Int) {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        let day = Int((Double(t) / 86_400).rounded(.down))
        return (LocalDate(dayNumber: day), t - day * 86_400)
    }
}
