import Foundation

/// What an item's deadline is right now.
public enum ResolvedDeadline: Sendable, Hashable {
    /// No `due:` (or a `next meeting` with no meeting after R yet): nudged every `undated.every`.
    case undated
    /// `after <event>` whose event has not been recorded.
    case waiting(event: String)
    /// A deadline instant; `day` is its local date, `anchor` the day lead moments may not reach
    /// (R, or E for an `after <event>` item).
    case at(Date, day: LocalDate, anchor: LocalDate?)

    public var instant: Date? {
        if case .at(let d, _, _) = self { return d }
        return nil
    }
}

extension Planner {
    /// Resolves an item's `due:` against its reference date R, the meetings and the
    /// recorded events (DESIGN "Time rules").
    public func deadline(of item: Item, state: PlanState) -> ResolvedDeadline {
        let cal = config.calendar
        guard let due = item.due else { return .undated }
        let r = item.referenceDate
        func endOf(_ d: LocalDate, anchor: LocalDate?) -> ResolvedDeadline {
            .at(cal.endOfWork(d), day: d, anchor: anchor)
        }
        switch due {
        case .date(let d):
            return endOf(d, anchor: r)
        case .localDateTime(let d, let t):
            return .at(cal.instant(d, t), day: d, anchor: r)
        case .instant(let t):
            return .at(t, day: cal.localDate(of: t), anchor: r)
        case .thisWeek:
            guard let r else { return .undated }
            var d = lastWorkingDay(ofWeekContaining: r)
            if d == nil || d! < r { d = lastWorkingDay(ofWeekContaining: r.adding(days: 7)) }
            return d.map { endOf($0, anchor: r) } ?? .undated
        case .nextWeek:
            guard let r else { return .undated }
            return lastWorkingDay(ofWeekContaining: r.adding(days: 7)).map { endOf($0, anchor: r) } ?? .undated
        case .endOfMonth:
            guard let r else { return .undated }
            var d = cal.workingDay(onOrBefore: r.lastDayOfMonth)
            if d < r { d = cal.workingDay(onOrBefore: r.lastDayOfMonth.adding(days: 1).lastDayOfMonth) }
            return endOf(d, anchor: r)
        case .relative(let span):
            guard let r else { return .undated }
            return endOf(day(r, plus: span), anchor: r)
        case .nextMeeting(let seriesName, let offset):
            guard let r, let name = seriesName ?? item.meeting?.series, let series = config.meetings[name],
                  let next = series.dates.first(where: { $0 > r }) else { return .undated }
            let time = series.time ?? cal.start
            guard let off = offset else { return .at(cal.instant(next, time), day: next, anchor: r) }
            if let secs = off.seconds {
                let t = cal.instant(next, time).addingTimeInterval(TimeInterval(secs))
                return .at(t, day: cal.localDate(of: t), anchor: r)
            }
            let d = cal.adding(off, to: next)
            return .at(cal.instant(d, time), day: d, anchor: r)
        case .afterEvent(let name, let offset):
            guard let e = state.occurredEvents[name] ?? config.events[name]?.occurred else { return .waiting(event: name) }
            let d = offset.map { day(e, plus: $0) } ?? cal.workingDay(onOrAfter: e)
            return endOf(d, anchor: e)
        }
    }

    /// R + N as the relative rules count it: working days count working days; other spans
    /// land on a calendar day that moves forward to the next working day.
    func day(_ r: LocalDate, plus span: DurationSpec) -> LocalDate {
        let cal = config.calendar
        if span.unit == .workdays { return cal.adding(workdays: span.amount, to: r) }
        return cal.workingDay(onOrAfter: cal.adding(span, to: r))
    }

    /// The last working day of the ISO week (Mon–Sun) holding `d`, if the week has one.
    func lastWorkingDay(ofWeekContaining d: LocalDate) -> LocalDate? {
        let sunday = d.adding(days: 7 - d.isoWeekday)
        for back in 0..<7 {
            let x = sunday.adding(days: -back)
            if config.calendar.isWorkingDay(x) { return x }
        }
        return nil
    }
}
