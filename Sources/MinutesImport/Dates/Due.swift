import RemindCore

/// A deadline in the terms of DESIGN's `due:` grammar. Kept as a value until it is written,
/// so the text printed is always one the config loader parses, and the resolution uses the
/// same working-day rules as the planner.
enum Due: Hashable {
    case date(LocalDate)
    case thisWeek
    case nextWeek
    case endOfMonth
    case relative(Int, DurationUnit)
    case nextMeeting(offset: DurationSpec?)
    case afterEvent(String, offset: DurationSpec?)

    var text: String {
        switch self {
        case .date(let d): return d.description
        case .thisWeek: return "this week"
        case .nextWeek: return "next week"
        case .endOfMonth: return "end of month"
        case .relative(let n, let u):
            let words: [DurationUnit: (String, String)] = [
                .days: ("day", "days"), .weeks: ("week", "weeks"), .months: ("month", "months"),
                .workdays: ("workday", "workdays"),
            ]
            let (one, many) = words[u] ?? (u.rawValue, u.rawValue)
            return "in \(n) \(n == 1 ? one : many)"
        case .nextMeeting(let off):
            return "next meeting" + (off.map { " \($0.amount < 0 ? "" : "+")\($0)" } ?? "")
        case .afterEvent(let e, let off):
            return "after \(e)" + (off.map { " \($0.amount < 0 ? "" : "+")\($0)" } ?? "")
        }
    }

    /// The deadline day for a reference (meeting) date R, per DESIGN "Time rules"; nil when
    /// it depends on something the minutes do not fix (the next meeting, an event).
    func resolve(reference r: LocalDate?, calendar cal: WorkCalendar) -> LocalDate? {
        if case .date(let d) = self { return d }
        guard let r else { return nil }
        switch self {
        case .date(let d): return d
        case .thisWeek:
            let last = cal.workingDay(onOrBefore: r.adding(days: 7 - r.isoWeekday))
            return last >= r ? last : cal.workingDay(onOrBefore: r.adding(days: 14 - r.isoWeekday))
        case .nextWeek:
            return cal.workingDay(onOrBefore: r.adding(days: 14 - r.isoWeekday))
        case .endOfMonth:
            return cal.workingDay(onOrBefore: r.lastDayOfMonth)
        case .relative(let n, let unit):
            let spec = DurationSpec(n, unit)
            let d = cal.adding(spec, to: r)
            return unit == .workdays ? d : cal.workingDay(onOrAfter: d)
        case .nextMeeting, .afterEvent:
            return nil
        }
    }
}
