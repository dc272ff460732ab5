import Foundation

extension ConfigDraft {
    static let itemKeys = ["id", "title", "owner", "with", "meeting", "agreed", "due", "policy", "channels",
                           "remind_at", "notes"]
    /// `defaults.policy` and an item's `policy`, and the mappings inside them.
    static let policyKeys = ["before", "on_due", "overdue", "escalate", "undated"]
    static let overdueKeys = ["every", "times"]
    static let escalateKeys = ["after", "to"]
    static let undatedKeys = ["every"]
    static let meetingKeys = ["title", "dates", "time"]
    static let eventKeys = ["title", "expected", "owner", "occurred"]

    /// The shortest span between two repeats (overdue and undated): one hour. A repeat is
    /// a nudge to a person, and the planner makes one reminder per repeat in the window it
    /// plans (a year for `agenda`, 400 days for `check`): `every: 1s` made 34 million.
    static let shortestRepeatSeconds = 3_600
    static let shortestRepeatHint = "at least 1h (repeats are nudges to people, not a clock)"
    /// The most overdue reminders of one item.
    static let mostOverdueTimes = 1_000

    /// nil and an error when `d` is shorter than a repeat may be.
    func repeatSpan(_ d: DurationSpec, _ node: YAMLNode, _ r: YAMLReader, _ what: String) -> DurationSpec? {
        if d.amount <= 0 { r.error("\(what) must be positive", at: node); return nil }
        if let secs = d.seconds, secs < Self.shortestRepeatSeconds {
            r.error("\(what): '\(d)' is too short; a repeat is \(Self.shortestRepeatHint)", at: node)
            return nil
        }
        return d
    }

    func readPolicy(_ n: YAMLNode, _ r: YAMLReader, _ what: String) -> PolicyOverride? {
        guard let m = r.mapping(n, what, allowed: Self.policyKeys) else { return nil }
        var o = PolicyOverride()
        if let b = m["before"] {
            o.before = (r.list(b.value, "\(what).before") ?? []).compactMap { node in
                guard let d = r.duration(node, "\(what).before") else { return nil }
                if d.amount <= 0 { r.error("\(what).before: lead times must be positive", at: node); return nil }
                return d
            }
        }
        if let v = m["on_due"] { o.onDue = r.bool(v.value, "\(what).on_due") }
        if let v = m["overdue"], let om = r.mapping(v.value, "\(what).overdue", allowed: Self.overdueKeys) {
            if let e = om["every"] {
                if let d = r.duration(e.value, "\(what).overdue.every"),
                   let ok = repeatSpan(d, e.value, r, "\(what).overdue.every") {
                    o.overdueEvery = ok
                }
            }
            if let t = om["times"], let n = r.int(t.value, "\(what).overdue.times", min: 0) {
                if n > Self.mostOverdueTimes {
                    r.error("\(what).overdue.times: \(n) is too many; at most \(Self.mostOverdueTimes)", at: t.value)
                } else { o.overdueTimes = n }
            }
        }
        if let v = m["escalate"] {
            if case .scalar(let s) = v.value, ["false", "no", "off", "none"].contains(s.string.lowercased()) {
                o.escalate = .some(nil)
            } else if let em = r.mapping(v.value, "\(what).escalate", allowed: Self.escalateKeys) {
                let after = em["after"].flatMap { r.int($0.value, "\(what).escalate.after", min: 1) }
                var to: [String] = []
                if let t = em["to"] {
                    for (name, node) in r.stringList(t.value, "\(what).escalate.to") ?? [] {
                        to.append(name)
                        refer(.person, name, node, r, "\(what).escalate.to")
                    }
                }
                if em["after"] == nil { r.error("\(what).escalate needs after: (the overdue reminder it starts at)", at: v.value) }
                if em["to"] == nil { r.error("\(what).escalate needs to: (the people to escalate to)", at: v.value) }
                if let after { o.escalate = .some(Escalation(after: after, to: to)) }
            }
        }
        if let v = m["undated"] {
            if case .scalar(let s) = v.value, ["false", "no", "off", "none"].contains(s.string.lowercased()) {
                o.undatedEvery = .some(nil)
            } else if let um = r.mapping(v.value, "\(what).undated", allowed: Self.undatedKeys), let e = um["every"] {
                if let d = r.duration(e.value, "\(what).undated.every"),
                   let ok = repeatSpan(d, e.value, r, "\(what).undated.every") {
                    o.undatedEvery = .some(ok)
                }
            }
        }
        return o
    }

    func readMeetings(_ n: YAMLNode, _ r: YAMLReader) {
        for (id, key, value) in r.entries(n, "meetings") {
            guard Self.isName(id) else {
                r.error("meeting series '\(id)' may hold only letters, digits, '-', '_' and '.'", at: key)
                continue
            }
            guard define("meeting series", id, at: r.location(key)) else { continue }
            guard let m = r.mapping(value, "meeting series '\(id)'", allowed: Self.meetingKeys) else { continue }
            var dates: [LocalDate] = []
            if let d = m["dates"] {
                for node in r.list(d.value, "meetings.\(id).dates") ?? [] {
                    if let date = r.date(node, "meetings.\(id).dates") { dates.append(date) }
                }
            } else {
                r.error("meeting series '\(id)' needs dates: [YYYY-MM-DD, …]", at: value)
            }
            var time: LocalTime?
            if let t = m["time"]?.value, let s = r.string(t, "meetings.\(id).time") {
                time = LocalTime(s)
                if time == nil { r.error("meetings.\(id).time must look like 14:00, found '\(s)'", at: t) }
            }
            let title = m["title"].flatMap { r.line($0.value, "meetings.\(id).title") }
            meetings[id] = MeetingSeries(id: id, title: title, dates: dates, time: time)
        }
    }

    func readEvents(_ n: YAMLNode, _ r: YAMLReader) {
        for (id, key, value) in r.entries(n, "events") {
            guard Self.isName(id) else {
                r.error("event name '\(id)' may hold only letters, digits, '-', '_' and '.'", at: key)
                continue
            }
            guard define("event", id, at: r.location(key)) else { continue }
            guard let m = r.mapping(value, "event '\(id)'", allowed: Self.eventKeys) else { continue }
            let title = m["title"].flatMap { r.line($0.value, "events.\(id).title") } ?? id
            var expected: DateWindow?
            if let e = m["expected"]?.value, let s = r.string(e, "events.\(id).expected") {
                expected = DateWindow.parse(s)
                if expected == nil {
                    r.error("events.\(id).expected: '\(s)' is not a window; use early/mid/late <Month> <Year> (begin/half/eind <maand> <jaar>), <Month> <Year>, or YYYY-MM-DD/YYYY-MM-DD", at: e)
                }
            }
            var owner: String?
            if let o = m["owner"]?.value, let s = r.line(o, "events.\(id).owner") {
                owner = s
                refer(.person, s, o, r, "events.\(id).owner")
            }
            let occurred = m["occurred"].flatMap { r.date($0.value, "events.\(id).occurred") }
            events[id] = EventDef(id: id, title: title, expected: expected, owner: owner, occurred: occurred)
        }
    }

    func readItems(_ n: YAMLNode, _ r: YAMLReader) {
        guard let list = r.list(n, "items", lenient: false) else { return }
        for node in list { readItem(node, r) }
    }

    /// How key errors name an item: by its id when it can be seen already.
    static func itemLabel(_ node: YAMLNode) -> String {
        if case .mapping(let mm) = node, let id = mm.first(where: { $0.key.string == "id" })?.value.string {
            return "item '\(id)'"
        }
        return "an item"
    }

    /// One entry of `items:` (also called for each item as the parser completes it).
    func readItem(_ node: YAMLNode, _ r: YAMLReader) {
        guard let m = r.mapping(node, Self.itemLabel(node), allowed: Self.itemKeys) else { return }
        guard let idNode = m["id"]?.value, let id = r.line(idNode, "item id") else {
            if m["id"] == nil { r.error("item needs an id", at: node) }
            return
        }
        guard Self.isName(id) else {
            r.error("item id '\(id)' may hold only letters, digits, '-', '_' and '.'", at: idNode)
            return
        }
        guard define("item", id, at: r.location(idNode)) else { return }
        let what = "item '\(id)'"
        let title = m["title"].flatMap { r.line($0.value, "\(what): title") }
        if m["title"] == nil { r.error("\(what) needs a title", at: node) }
        var owner: String?
        if let o = m["owner"]?.value, let s = r.line(o, "\(what): owner") {
            owner = s
            refer(.person, s, o, r, item: id, .owner)
            itemOwnerAt[id] = r.location(o)
        } else if m["owner"] == nil { r.error("\(what) needs an owner", at: node) }
        var with: [String] = []
        if let w = m["with"] {
            for (name, wn) in r.stringList(w.value, "\(what): with") ?? [] {
                with.append(name)
                refer(.person, name, wn, r, item: id, .with)
            }
        }
        var meeting: MeetingRef?
        if let mt = m["meeting"]?.value, let s = r.line(mt, "\(what): meeting") {
            let parts = s.split(separator: "@", maxSplits: 1).map(String.init)
            if parts.count == 2, let d = LocalDate(parts[1]) {
                meeting = MeetingRef(series: parts[0], date: d)
                refer(.series, parts[0], mt, r, item: id, .meeting)
            } else {
                r.error("\(what): meeting must look like <series>@YYYY-MM-DD (e.g. lrt@2023-09-25), found '\(s)'", at: mt)
            }
        }
        let agreed = m["agreed"].flatMap { r.date($0.value, "\(what): agreed") }
        var due: DeadlineExpr?
        var dueText: String?
        if let d = m["due"]?.value, let s = r.line(d, "\(what): due") {
            do {
                // Many items share their deadline's wording ("in 2 weeks", "next meeting").
                if let known = deadlineMemo[s] {
                    due = known
                } else {
                    due = try DeadlineExpr.parse(s)
                    deadlineMemo[s] = due
                }
                dueText = s
                checkDue(due!, item: id, hasReference: meeting != nil || agreed != nil, meeting: meeting, node: d, r)
            } catch let e as DeadlineParseError {
                r.error(e.reason, at: d)
            } catch {
                r.error("cannot read deadline '\(s)'", at: d)
            }
        }
        if due == nil, m["due"] == nil, meeting == nil, agreed == nil {
            r.error("\(what) has no due: and no meeting: or agreed: date to count reminders from", at: node)
        }
        var channelsList: [String]?
        if let c = m["channels"] {
            channelsList = []
            for (name, cn) in r.stringList(c.value, "\(what): channels") ?? [] {
                channelsList?.append(name)
                refer(.channel, name, cn, r, item: id, .channels)
            }
        }
        var remindAt: [Date] = []
        // Local times wait for the zone; they join the item once it is known to be kept.
        var localRemindAt: [(LocalDate, LocalTime)] = []
        if let ra = m["remind_at"] {
            for rn in r.list(ra.value, "\(what): remind_at") ?? [] {
                guard let s = r.string(rn, "\(what): remind_at") else { continue }
                switch DeadlineExpr.parseTimed(s) {
                case .instant(let t): remindAt.append(t)
                case .localDateTime(let d, let t): localRemindAt.append((d, t))
                default:
                    r.error("\(what): remind_at '\(s)' must be a date and time (2023-10-20 14:00 or 2023-10-20T14:00:30+02:00)", at: rn)
                }
            }
        }
        let policy = m["policy"].flatMap { readPolicy($0.value, r, "policy of \(what)") }
        let notes = m["notes"].flatMap { r.string($0.value, "\(what): notes") }
        guard let title, let owner else { return }
        // The index of the item about to be appended: only an item that is kept has one.
        for (d, t) in localRemindAt { pendingLocalRemindAt.append((items.count, d, t)) }
        items.append(itemBuilder.item(id: id, title: title, owner: owner, with: with, meeting: meeting, agreed: agreed,
                                      due: due, dueText: dueText, policy: .standard, channels: channelsList,
                                      remindAt: remindAt, notes: notes, location: r.location(idNode)))
        itemPolicies.append(policy)
    }

    func checkDue(_ due: DeadlineExpr, item: String, hasReference: Bool, meeting: MeetingRef?, node: YAMLNode, _ r: YAMLReader) {
        switch due {
        case .thisWeek, .nextWeek, .endOfMonth, .relative:
            if !hasReference {
                r.error("item '\(item)': a relative deadline needs meeting: or agreed: (the date it counts from)", at: node)
            }
        case .nextMeeting(let series, _):
            if let s = series {
                refer(.series, s, node, r, item: item, .due)
            } else if meeting == nil {
                r.error("item '\(item)': 'next meeting' needs the item's meeting: (or name the series: next <series>)", at: node)
            }
            if !hasReference { r.error("item '\(item)': 'next …' needs meeting: or agreed:", at: node) }
        case .afterEvent(let e, _):
            refer(.event, e, node, r, item: item, .due)
        case .date, .localDateTime, .instant:
            break
        }
    }
}
