import Foundation

/// Writes an iCalendar object (RFC 5545): one `VCALENDAR` with `METHOD:PUBLISH` and one
/// `VEVENT` per event, CRLF line ends, lines folded at 75 octets, UTF-8 throughout. Pure:
/// `now` (the `DTSTAMP`) is passed in.
///
/// Deadlines are events with no time zone of their own: an all-day event is a `DATE` (it
/// needs none) and a timed one is written in UTC, so no `VTIMEZONE` has to travel along and
/// no reader has to know the config's zone.
public enum ICalendarWriter {
    public static let productID = "-//remindd//remindd//EN"

    /// The whole object; `name` (the feed's) becomes `X-WR-CALNAME`, which calendars show
    /// for a subscription.
    public static func document(_ events: [CalendarEvent], now: Date, name: String? = nil) -> String {
        String(decoding: bytes(events, now: now, name: name), as: UTF8.self)
    }

    public static func bytes(_ events: [CalendarEvent], now: Date, name: String? = nil) -> [UInt8] {
        var out: [UInt8] = []
        func line(_ s: String) { ICalText.appendFolded(s, to: &out) }
        line("BEGIN:VCALENDAR")
        line("VERSION:2.0")
        line("PRODID:\(productID)")
        line("CALSCALE:GREGORIAN")
        line("METHOD:PUBLISH")
        if let name { line("X-WR-CALNAME:\(ICalText.escape(name))") }
        let stamp = UTCStamp.compact(now)
        for e in events {
            line("BEGIN:VEVENT")
            line("UID:\(e.uid)")
            line("DTSTAMP:\(stamp)")
            line("SEQUENCE:\(e.sequence)")
            switch e.when {
            case .allDay(let day):
                line("DTSTART;VALUE=DATE:\(basic(day))")
                line("DTEND;VALUE=DATE:\(basic(day.adding(days: 1)))")
            case .timed(let instant):
                line("DTSTART:\(UTCStamp.compact(instant))")
                line("DTEND:\(UTCStamp.compact(instant))")
            }
            line("SUMMARY:\(ICalText.escape(e.summary))")
            if let d = e.description { line("DESCRIPTION:\(ICalText.escape(d))") }
            // A deadline is not a meeting: it does not make the person busy.
            line("TRANSP:TRANSPARENT")
            line("END:VEVENT")
        }
        line("END:VCALENDAR")
        return out
    }

    /// `20231002`: a DATE value (§3.3.4).
    static func basic(_ d: LocalDate) -> String {
        var out = ""
        Digits.append(d.year, width: 4, to: &out)
        Digits.append(d.month, width: 2, to: &out)
        Digits.append(d.day, width: 2, to: &out)
        return out
    }
}
