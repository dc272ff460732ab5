import Foundation

extension Planner {
    /// Every reminder moment of an item in `[from, to)`, before merging: lead, due, overdue
    /// with escalation, undated nudges, and `remind_at`.
    func moments(for item: Item, state: PlanState, from: Date, to: Date) -> [Reminder] {
        let cal = config.calendar
        let policy = item.policy
        let people = Self.unique([item.owner] + item.with)
        var out: [Reminder] = []
        func add(_ kind: ReminderKind, _ at: Date, deadline: Date?, ordinal: Int = 0, lead: DurationSpec? = nil,
                 escalation: [String] = []) {
            guard at >= from && at < to else { return }
            out.append(Reminder(subject: item.id, kind: kind, at: at, deadline: deadline, people: people,
                                escalation: escalation.filter { !people.contains($0) }, ordinal: ordinal, lead: lead))
        }
        let resolved = deadline(of: item, state: state)
        for t in item.remindAt { add(.at, t, deadline: resolved.instant) }

        switch resolved {
        case .waiting:
            return out
        case .undated:
            guard let r = item.referenceDate, let every = policy.undatedEvery else { return out }
            // Later nudges count from R + every as it falls, not from where the first moved to.
            let rawFirst = every.seconds == nil ? cal.adding(every, to: r) : nil
            repeats(first: nudgeStart(r, every), rawFirstDay: rawFirst, every: every, from: from, to: to, limit: nil) { k, at in
                add(.undated, at, deadline: nil, ordinal: k)
            }
        case .at(let d, let day, let anchor):
            for lead in policy.before {
                if let secs = lead.seconds {
                    add(.before, d.addingTimeInterval(TimeInterval(-secs)), deadline: d, lead: lead)
                    continue
                }
                let raw: LocalDate
                switch lead.unit {
                case .workdays: raw = cal.adding(workdays: -lead.amount, to: day)
                default: raw = cal.adding(-lead.amount, lead.unit, to: day)
                }
                let on = cal.workingDay(onOrBefore: raw)
                if let anchor, on <= anchor { continue }
                add(.before, cal.startOfWork(on), deadline: d, lead: lead)
            }
            if policy.onDue {
                add(.due, cal.startOfWork(cal.workingDay(onOrBefore: day)), deadline: d)
            }
            let o = policy.overdue
            if o.times > 0 {
                // The first is on the working day after D's date whatever the unit of `every`.
                let first = cal.startOfWork(cal.workingDay(onOrAfter: day.adding(days: 1)))
                repeats(first: first, every: o.every, from: from, to: to, limit: o.times) { k, at in
                    let esc = policy.escalate.flatMap { k >= $0.after ? $0.to : nil } ?? []
                    add(.overdue, at, deadline: d, ordinal: k, escalation: esc)
                }
            }
        }
        return out
    }

    /// The first nudge of an undated item: R + every, at workday start on a working day.
    func nudgeStart(_ r: LocalDate, _ every: DurationSpec) -> Date {
        let cal = config.calendar
        if let secs = every.seconds { return cal.startOfWork(r).addingTimeInterval(TimeInterval(secs)) }
        return cal.startOfWork(cal.workingDay(onOrAfter: cal.adding(every, to: r)))
    }

    /// Repeats count from the first: the k-th is first + (k−1) × every, each moved forward
    /// on its own to a working day. `rawFirstDay` is the day the first falls on before it is
    /// moved (the day of `first` when absent). Calls `body(k, at)` for those in `[from, to)`.
    func repeats(first: Date, rawFirstDay: LocalDate? = nil, every: DurationSpec, from: Date, to: Date, limit: Int?,
                 _ body: (Int, Date) -> Void) {
        let cal = config.calendar
        let firstDay = rawFirstDay ?? cal.localDate(of: first)
        let maxK = limit ?? Int.max
        func day(_ k: Int) -> LocalDate {
            let span = (k - 1) * every.amount
            return every.unit == .workdays ? cal.adding(span, every.unit, to: firstDay)
                : cal.workingDay(onOrAfter: cal.adding(span, every.unit, to: firstDay))
        }
        func moment(_ k: Int) -> Date {
            if let secs = every.seconds { return first.addingTimeInterval(TimeInterval((k - 1) * secs)) }
            return cal.startOfWork(day(k))
        }
        // Moments grow with k, so a long-running series can start from an estimate of the
        // first k inside the window, corrected until it is exact: an estimate that is too
        // high would silently lose reminders (a working day is not a fixed number of days).
        var k = 1
        if from > first {
            let perStep = every.unit == .workdays
                ? Double(every.amount) * 7 / Double(max(cal.workdays.count, 1)) * 86_400
                : every.approximateSeconds
            k = max(1, min(maxK, Int((from.timeIntervalSince(first) / max(perStep, 1)).rounded(.down))))
            while k > 1 && moment(k - 1) >= from { k -= 1 }
            while k <= maxK && moment(k) < from { k += 1 }
        }
        // Working days are counted on from the previous repeat, not again from the first.
        var workday: LocalDate? = every.unit == .workdays ? day(k) : nil
        while k <= maxK {
            let at = workday.map(cal.startOfWork) ?? moment(k)
            if at >= to { break }
            if at >= from { body(k, at) }
            k += 1
            if let w = workday { workday = cal.adding(every, to: w) }
        }
    }

    /// `event-expected` and `event-late` notices for an event not yet recorded.
    func eventNotices(for event: EventDef, state: PlanState, from: Date, to: Date) -> [Reminder] {
        guard let window = event.expected,
              state.occurredEvents[event.id] == nil, event.occurred == nil else { return [] }
        var people: [String] = []
        if let o = event.owner {
            people = [o]
        } else {
            let waiting = config.items.filter { $0.due?.eventName == event.id && !(state.items[$0.id]?.done ?? false) }
            people = Self.unique(waiting.map(\.owner))
        }
        guard !people.isEmpty else { return [] }
        let cal = config.calendar
        let expected = cal.startOfWork(cal.workingDay(onOrAfter: window.start))
        let late = cal.startOfWork(cal.workingDay(onOrAfter: window.end.adding(days: 1)))
        return [(ReminderKind.eventExpected, expected), (.eventLate, late)]
            .filter { $0.1 >= from && $0.1 < to }
            .map { Reminder(subject: event.id, kind: $0.0, at: $0.1, people: people) }
    }
}
