import Foundation

/// One item's deadline as a calendar event: what the feed and every reminder mail of a
/// dated item carry (DESIGN "Calendar"). A `VEVENT`, not a `VTODO`: common calendars
/// ignore to-dos.
public struct CalendarEvent: Sendable, Hashable {
    /// When the deadline is, as a calendar shows it.
    public enum When: Sendable, Hashable {
        /// An all-day event on that local date (`DTEND` the next day).
        case allDay(LocalDate)
        /// At that instant, written in UTC.
        case timed(Date)
    }

    public var uid: String
    public var sequence: Int
    public var summary: String
    public var description: String?
    public var when: When

    public init(uid: String, sequence: Int, summary: String, description: String? = nil, when: When) {
        self.uid = uid
        self.sequence = sequence
        self.summary = summary
        self.description = description
        self.when = when
    }

    /// `<item id>@remindd`: the same in every reminder and in the feed, whatever the
    /// deadline, the channel or the person, so a calendar updates one event instead of
    /// adding another. Config ids hold only letters, digits, `-`, `_` and `.`; anything
    /// else is percent-encoded, so any id gives a UID of printable ASCII without `;`,
    /// `,`, `\` or `:` to escape.
    public static func uid(itemID: String) -> String {
        var out = ""
        for b in itemID.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + Digits.hex(CollectionOfOne(b)).uppercased()
            }
        }
        return out + "@remindd"
    }

    /// The first instant `sequence(deadline:)` counts from: 2000-01-01T00:00:00Z.
    public static let sequenceEpoch = Date(timeIntervalSince1970: 946_684_800)

    /// Whole minutes from `sequenceEpoch` to the deadline (0 before it): the SEQUENCE of an
    /// item's first calendar, before any revision is known.
    ///
    /// Minutes keep the value an RFC 5545 INTEGER until the year 6000. A deadline that
    /// moves is a revision (`CalendarRevision`), whose SEQUENCE is always higher than the
    /// one before, also when the deadline moves earlier.
    public static func sequence(deadline: Date) -> Int {
        let minutes = (deadline.timeIntervalSince(sequenceEpoch) / 60).rounded(.down)
        return minutes > 0 ? Int(min(minutes, Double(Int32.max))) : 0
    }
}
