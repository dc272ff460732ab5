import Foundation

/// The moments people type on a command line or in an API body, read in the config's zone.
/// Pure: `now` is an argument, so the rules are tested here and the commands only call them.
public enum InstantArgument {
    /// ISO 8601 with `Z` or an offset, a local `YYYY-MM-DD HH:MM`, or a date (local
    /// midnight): what `agenda --from` accepts.
    public static func parse(_ s: String, calendar: WorkCalendar) -> Date? {
        if let d = LocalDate(s) { return calendar.instant(d, LocalTime(hour: 0, minute: 0)) }
        switch DeadlineExpr.parseTimed(s) {
        case .instant(let t): return t
        case .localDateTime(let d, let t): return calendar.instant(d, t)
        default: return nil
        }
    }

    /// When a snooze asked for as `text` ends: a duration from now (`2h` exactly; `3d`,
    /// `1w`, `2wd` at the start of that working day), a date (that day's workday start), a
    /// local `YYYY-MM-DD HH:MM` or ISO 8601. Nil for anything else, and for a moment that
    /// is not in the future.
    public static func snoozeEnd(_ text: String, now: Date, calendar cal: WorkCalendar) -> Date? {
        var end: Date?
        if let d = LocalDate(text) {
            end = cal.startOfWork(d)
        } else if let t = parse(text, calendar: cal) {
            end = t
        } else if let span = DurationSpec(text), span.amount > 0 {
            if let secs = span.seconds {
                end = now.addingTimeInterval(Double(secs))
            } else {
                let (today, _) = cal.local(now)
                let day = cal.adding(span, to: today)
                end = cal.startOfWork(span.unit == .workdays ? day : cal.workingDay(onOrAfter: day))
            }
        }
        guard let end, end > now else { return nil }
        return end
    }
}
