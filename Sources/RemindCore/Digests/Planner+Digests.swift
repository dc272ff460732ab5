import Foundation

/// When digests go out (DESIGN "Digests"). A digest moment is planned as a reminder of kind
/// `digest` whose subject is the digest's name and whose `ordinal` is the day number of its
/// period (the day of a daily digest, the Monday of a weekly one's week, the meeting's date
/// for a meeting digest): the period, not the moment, is what makes a digest go out once,
/// so moving `at:` by a reload does not send a week's digest twice.
extension Planner {
    /// The moments of `digest` with `from <= at < to`, in order, with their periods.
    public func digestMoments(_ digest: DigestDef, from: Date, to: Date) -> [(at: Date, period: LocalDate)] {
        guard from < to else { return [] }
        let cal = config.calendar
        var out: [(Date, LocalDate)] = []
        switch digest.schedule {
        case .daily(let time):
            var day = cal.localDate(of: from).adding(days: -1)
            let last = cal.localDate(of: to).adding(days: 1)
            while day <= last {
                if cal.isWorkingDay(day) {
                    let at = cal.instant(day, time)
                    if at >= from && at < to { out.append((at, day)) }
                }
                day = day.adding(days: 1)
            }
        case .weekly(let weekday, let time):
            let first = cal.localDate(of: from).adding(days: -7)
            var monday = first.adding(days: 1 - first.isoWeekday)
            let last = cal.localDate(of: to).adding(days: 7)
            while monday <= last {
                // A holiday moves it to the next working day of the same week; a week with no
                // working day from then on has no digest.
                let day = cal.workingDay(onOrAfter: monday.adding(days: weekday - 1))
                if day < monday.adding(days: 7) {
                    let at = cal.instant(day, time)
                    if at >= from && at < to { out.append((at, monday)) }
                }
                monday = monday.adding(days: 7)
            }
        case .beforeMeeting(let name, let lead, let time):
            guard let series = config.meetings[name] else { return [] }
            for date in series.dates {
                let at = digestMoment(before: date, series: series, lead: lead, at: time)
                if at >= from && at < to { out.append((at, date)) }
            }
        }
        return out
    }

    /// A meeting digest's moment before the meeting of `date`.
    func digestMoment(before date: LocalDate, series: MeetingSeries, lead: DurationSpec, at time: LocalTime?) -> Date {
        let cal = config.calendar
        if lead.unit.isExact {
            return cal.instant(date, series.time ?? cal.start).addingTimeInterval(-lead.approximateSeconds)
        }
        let day = lead.unit == .workdays
            ? cal.adding(workdays: -lead.amount, to: date)
            : cal.workingDay(onOrBefore: cal.adding(DurationSpec(-lead.amount, lead.unit), to: date))
        return cal.instant(day, time ?? cal.start)
    }

    /// One reminder per digest moment in `[from, to)`, addressed to everyone it may reach
    /// (for `to: owners`: every person of an item, or of the series' items); who actually
    /// gets one is decided when it goes out, by what it would say.
    public func digestReminders(from: Date, to: Date) -> [Reminder] {
        guard !config.digests.isEmpty else { return [] }
        var out: [Reminder] = []
        for d in config.digests {
            let moments = digestMoments(d, from: from, to: to)
            guard !moments.isEmpty else { continue }
            let people = digestAudience(d)
            for (at, period) in moments {
                out.append(Reminder(subject: d.name, kind: .digest, at: at, people: people, ordinal: period.dayNumber))
            }
        }
        return out
    }

    /// Everyone `digest` may go to.
    public func digestAudience(_ digest: DigestDef) -> [String] {
        if case .people(let ids) = digest.to { return ids }
        var seen = Set<String>()
        var out: [String] = []
        for item in config.items where digest.series == nil || item.meeting?.series == digest.series {
            for p in [item.owner] + item.with where seen.insert(p).inserted { out.append(p) }
        }
        return out
    }

    /// The moment before `at` at which the previous digest of its schedule went out (or
    /// would have): a digest lists what was done since then.
    public func previousDigestMoment(_ digest: DigestDef, before at: Date) -> Date {
        let span: Double
        switch digest.schedule {
        case .daily: span = 10 * 86_400
        case .weekly: span = 15 * 86_400
        case .beforeMeeting: span = 400 * 86_400
        }
        return digestMoments(digest, from: at.addingTimeInterval(-span), to: at).last?.at
            ?? at.addingTimeInterval(-span)
    }

    /// The reminder of one digest moment for one of its people: its deliveries carry the
    /// person in their keys, `<digest>/digest/<period>/<person>/<channel>`.
    public static func digest(_ r: Reminder, for person: String) -> Reminder {
        var one = r
        one.people = [person]
        return one
    }
}

extension Planner {
    /// The moment of `digest` that `remindd digest` shows at `now`: for a meeting digest the
    /// one before the next meeting (or the last), else the latest at or before now, else
    /// the next one, else now itself.
    public func currentDigestMoment(_ digest: DigestDef, now: Date, people: [String]? = nil) -> Reminder {
        let year = 400 * 86_400.0
        if case .beforeMeeting(let name, let lead, let at) = digest.schedule, let series = config.meetings[name],
           let last = series.dates.last {
            // The list for the next meeting (the meeting of today included), else the last one.
            let today = config.calendar.localDate(of: now)
            let date = series.dates.first { $0 >= today } ?? last
            return Reminder(subject: digest.name, kind: .digest,
                            at: min(now, digestMoment(before: date, series: series, lead: lead, at: at)),
                            people: people ?? digestAudience(digest), ordinal: date.dayNumber)
        }
        let moment = digestMoments(digest, from: now.addingTimeInterval(-year), to: now.addingTimeInterval(1)).last
            ?? digestMoments(digest, from: now, to: now.addingTimeInterval(year)).first
            ?? (now, config.calendar.localDate(of: now))
        return Reminder(subject: digest.name, kind: .digest, at: moment.at, people: people ?? digestAudience(digest),
                        ordinal: moment.period.dayNumber)
    }
}
