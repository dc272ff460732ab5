import Foundation
import RemindCore

/// The iCalendar file a reminder mail of a dated item carries (DESIGN "Calendar"): the
/// item's deadline as one event, with the UID and SEQUENCE the feed uses too, so the
/// event a calendar took from one reminder is updated, not doubled, by the next.
struct CalendarAttachment: Equatable, Sendable {
    /// The iCalendar object, CRLF line ends.
    var ics: [UInt8]
    var filename = "deadline.ics"

    /// For a reminder of an item that has a deadline; nil for undated and waiting items,
    /// event notices, and an item no longer in the config.
    init?(_ message: OutgoingMessage, config: Config, now: Date) {
        let r = message.delivery.reminder
        guard !r.isEventNotice, let deadline = r.deadline, let item = config.item(r.subject) else { return nil }
        let event = CalendarEvent(item: item, deadline: deadline, config: config, sequence: message.delivery.calendarSequence)
        ics = ICalendarWriter.bytes([event], now: now)
    }

    init(ics: [UInt8]) {
        self.ics = ics
    }
}
