import Foundation

// The body of a snapshot: every field of a loaded `Config`, in a fixed order. A field added
// to `Config` or to a type it holds must be added here too; ConfigSnapshotTests compare a
// decoded config with the loaded one field by field, over configs that set every key.

extension SnapshotWriter {
    mutating func config(_ c: Config) {
        string(c.path)
        string(c.timeZoneName)
        string(c.timeZone.identifier)
        string(c.language.rawValue)
        calendar(c.calendar)
        optional(c.statePath) { $0.string($1) }
        array(c.channels.keys.sorted()) { w, name in
            w.string(name)
            w.channel(c.channels[name]!)
        }
        strings(c.channelOrder)
        array(c.people.values.sorted { $0.id < $1.id }) { $0.person($1) }
        double(c.retry.initialSeconds)
        double(c.retry.maxSeconds)
        double(c.retry.giveUpAfterSeconds)
        double(c.catchUpSeconds)
        strings(c.defaultChannels)
        policy(c.defaultPolicy)
        array(c.meetings.values.sorted { $0.id < $1.id }) { w, m in
            w.string(m.id)
            w.optional(m.title) { $0.string($1) }
            w.array(m.dates) { $0.date($1) }
            w.optional(m.time) { $0.time($1) }
        }
        array(c.events.values.sorted { $0.id < $1.id }) { w, e in
            w.string(e.id)
            w.string(e.title)
            w.optional(e.expected) { w, x in w.date(x.start); w.date(x.end) }
            w.optional(e.owner) { $0.string($1) }
            w.optional(e.occurred) { $0.date($1) }
        }
        array(c.templates.sorted { $0.key < $1.key }) { w, t in
            w.string(t.key)
            w.optional(t.value.subject) { $0.string($1) }
            w.optional(t.value.body) { $0.string($1) }
        }
        array(c.keyLocations.sorted { $0.key < $1.key }) { w, t in
            w.string(t.key)
            w.location(t.value)
        }
        optional(c.http) { w, h in
            w.optional(h.listen?.description) { $0.string($1) }
            w.optional(h.publicURL) { $0.string($1) }
            w.optional(h.readTokenFile) { $0.string($1) }
            w.optional(h.writeTokenFile) { $0.string($1) }
        }
        optional(c.links) { w, l in
            w.string(l.keyFile)
            w.double(l.validForSeconds)
            w.array(l.snooze) { $0.duration($1) }
        }
        array(c.digests) { $0.digest($1) }
        optional(c.inbox) { w, i in
            for s in [i.url, i.username, i.replyTo] { w.string(s) }
            for s in [i.passwordFile, i.passwordEnv, i.tls, i.caFile, i.answerChannel] { w.optional(s) { $0.string($1) } }
            w.double(i.pollSeconds)
        }
        optional(c.store) { w, s in
            w.string(s.url)
            for v in [s.passwordFile, s.passwordEnv] { w.optional(v) { $0.string($1) } }
        }
        // Items share their file name and, mostly, their policy: each is written once.
        var files: [String: Int] = [:]
        var policies: [Policy: Int] = [:]
        int(c.items.count)
        for item in c.items {
            self.item(item, files: &files, policies: &policies)
        }
    }

    mutating func date(_ d: LocalDate) { int(d.dayNumber) }

    mutating func digest(_ d: DigestDef) {
        string(d.name)
        switch d.to {
        case .owners: optional(nil as [String]?) { $0.strings($1) }
        case .people(let ids): optional(ids) { $0.strings($1) }
        }
        switch d.schedule {
        case .daily(let t): int(0); time(t)
        case .weekly(let w, let t): int(w); time(t)
        case .beforeMeeting(let series, let lead, let at):
            int(-1)
            string(series)
            duration(lead)
            optional(at) { $0.time($1) }
        }
        optional(d.channels) { $0.strings($1) }
    }

    mutating func time(_ t: LocalTime) { int(t.secondsOfDay) }

    mutating func duration(_ d: DurationSpec) {
        int(d.amount)
        string(d.unit.rawValue)
    }

    mutating func location(_ l: SourceLocation) {
        string(l.file)
        int(l.line)
        int(l.column)
    }

    mutating func calendar(_ c: WorkCalendar) {
        array(c.workdays.sorted()) { $0.int($1) }
        time(c.start)
        time(c.end)
        array(c.holidays.sorted()) { $0.date($1) }
    }

    mutating func channel(_ c: ChannelSection) {
        string(c.name); string(c.type); location(c.nameAt); location(c.at); string(c.file)
        array(c.fields.sorted { $0.key < $1.key }) { w, f in
            w.string(f.key); w.string(f.value.text); w.location(f.value.at)
        }
    }

    mutating func person(_ p: Person) {
        string(p.id)
        optional(p.name) { $0.string($1) }
        strings(p.emails)
        optional(p.channels) { $0.strings($1) }
    }

    mutating func policy(_ p: Policy) {
        array(p.before) { $0.duration($1) }
        bool(p.onDue)
        duration(p.overdue.every)
        int(p.overdue.times)
        optional(p.escalate) { w, e in w.int(e.after); w.strings(e.to) }
        optional(p.undatedEvery) { $0.duration($1) }
    }

    mutating func deadline(_ d: DeadlineExpr) {
        switch d {
        case .date(let x): int(0); date(x)
        case .localDateTime(let x, let t): int(1); date(x); time(t)
        case .instant(let t): int(2); double(t.timeIntervalSinceReferenceDate)
        case .thisWeek: int(3)
        case .nextWeek: int(4)
        case .endOfMonth: int(5)
        case .relative(let r): int(6); duration(r)
        case .nextMeeting(let s, let o):
            int(7)
            optional(s) { $0.string($1) }
            optional(o) { $0.duration($1) }
        case .afterEvent(let e, let o):
            int(8)
            string(e)
            optional(o) { $0.duration($1) }
        }
    }

    /// A file or policy seen before is written as its number; a new one as -1 and itself.
    mutating func item(_ i: Item, files: inout [String: Int], policies: inout [Policy: Int]) {
        string(i.id)
        string(i.title)
        string(i.owner)
        strings(i.with)
        optional(i.meeting) { w, m in w.string(m.series); w.date(m.date) }
        optional(i.agreed) { $0.date($1) }
        optional(i.due) { $0.deadline($1) }
        optional(i.dueText) { $0.string($1) }
        if let n = policies[i.policy] {
            int(n)
        } else {
            int(-1)
            policy(i.policy)
            policies[i.policy] = policies.count
        }
        optional(i.channels) { $0.strings($1) }
        array(i.remindAt) { $0.double($1.timeIntervalSinceReferenceDate) }
        optional(i.notes) { $0.string($1) }
        optional(i.location) { w, l in
            if let n = files[l.file] {
                w.int(n)
            } else {
                w.int(-1)
                w.string(l.file)
                files[l.file] = files.count
            }
            w.int(l.line)
            w.int(l.column)
        }
    }
}

extension SnapshotReader {
    mutating func config() throws -> Config {
        let path = try string()
        let zoneName = try string()
        guard let zone = TimeZone(identifier: try string()) else { throw SnapshotFormatError() }
        let language = try `enum`(Language.self)
        let cal = try calendar(zone)
        let statePath = try optional { try $0.string() }
        var channels: [String: ChannelSection] = [:]
        for (name, channel) in try array({ r in (try r.string(), try r.channel()) }) { channels[name] = channel }
        let channelOrder = try strings()
        var people: [String: Person] = [:]
        for p in try array({ try $0.person() }) { people[p.id] = p }
        let retry = RetryPolicy(initialSeconds: try double(), maxSeconds: try double(), giveUpAfterSeconds: try double())
        let catchUp = try double()
        let defaultChannels = try strings()
        let defaultPolicy = try policy()
        var meetings: [String: MeetingSeries] = [:]
        for m in try array({ r in
            MeetingSeries(id: try r.string(), title: try r.optional { try $0.string() },
                          dates: try r.array { try $0.date() }, time: try r.optional { try $0.time() })
        }) { meetings[m.id] = m }
        var events: [String: EventDef] = [:]
        for e in try array({ r in
            EventDef(id: try r.string(), title: try r.string(),
                     expected: try r.optional { DateWindow(start: try $0.date(), end: try $0.date()) },
                     owner: try r.optional { try $0.string() }, occurred: try r.optional { try $0.date() })
        }) { events[e.id] = e }
        var templates: [String: MessageTemplate] = [:]
        for (k, t) in try array({ r in
            (try r.string(), MessageTemplate(subject: try r.optional { try $0.string() }, body: try r.optional { try $0.string() }))
        }) { templates[k] = t }
        var keyLocations: [String: SourceLocation] = [:]
        for (k, l) in try array({ r in (try r.string(), try r.location()) }) { keyLocations[k] = l }
        let http = try optional { r in
            HTTPSettings(listen: try r.optional { try $0.string() }.flatMap(ListenAddress.init),
                         publicURL: try r.optional { try $0.string() }, readTokenFile: try r.optional { try $0.string() },
                         writeTokenFile: try r.optional { try $0.string() })
        }
        let links = try optional { r in
            LinkSettings(keyFile: try r.string(), validForSeconds: try r.double(), snooze: try r.array { try $0.duration() })
        }
        let digests = try array { try $0.digest() }
        let inbox = try optional { r -> InboxSection in
            var i = InboxSection(url: try r.string(), username: try r.string(), replyTo: try r.string())
            i.passwordFile = try r.optional { try $0.string() }
            i.passwordEnv = try r.optional { try $0.string() }
            i.tls = try r.optional { try $0.string() }
            i.caFile = try r.optional { try $0.string() }
            i.answerChannel = try r.optional { try $0.string() }
            i.pollSeconds = try r.double()
            return i
        }
        let store = try optional { r -> StoreSection in
            var s = StoreSection(url: try r.string())
            s.passwordFile = try r.optional { try $0.string() }
            s.passwordEnv = try r.optional { try $0.string() }
            return s
        }
        // Items are built as the loader builds them: their texts in one arena, repeated
        // texts, policies and co-owner lists once.
        var builder = ItemBuilder()
        var files: [String] = []
        var policies: [SharedPolicy] = []
        let n = try count()
        var items: [Item] = []
        items.reserveCapacity(n)
        for _ in 0..<n { items.append(try item(&builder, files: &files, policies: &policies)) }
        builder.texts.shrinkToFit()

        var c = Config(path: path, timeZone: zone, language: language, calendar: cal, statePath: statePath,
                       channels: channels, people: people, retry: retry, catchUpSeconds: catchUp,
                       defaultChannels: defaultChannels, defaultPolicy: defaultPolicy, meetings: meetings,
                       events: events, items: items, templates: templates)
        c.timeZoneName = zoneName
        c.channelOrder = channelOrder
        c.keyLocations = keyLocations
        c.http = http
        c.links = links
        c.digests = digests
        c.inbox = inbox
        c.store = store
        c.indexItems()
        return c
    }

    mutating func date() throws -> LocalDate { LocalDate(dayNumber: try int()) }

    mutating func digest() throws -> DigestDef {
        let name = try string()
        let to: DigestDef.Audience = try optional { try $0.strings() }.map { .people($0) } ?? .owners
        let schedule: DigestDef.Schedule
        switch try int() {
        case 0: schedule = .daily(try time())
        case -1: schedule = .beforeMeeting(series: try string(), lead: try duration(), at: try optional { try $0.time() })
        case let w where (1...7).contains(w): schedule = .weekly(weekday: w, try time())
        default: throw SnapshotFormatError()
        }
        return DigestDef(name: name, to: to, schedule: schedule, channels: try optional { try $0.strings() })
    }

    mutating func time() throws -> LocalTime {
        let s = try int()
        guard (0..<86_400).contains(s) else { throw SnapshotFormatError() }
        return LocalTime(hour: s / 3600, minute: s / 60 % 60, second: s % 60)
    }

    mutating func duration() throws -> DurationSpec { DurationSpec(try int(), try `enum`(DurationUnit.self)) }

    mutating func location() throws -> SourceLocation {
        SourceLocation(file: try string(), line: try int(), column: try int())
    }

    mutating func calendar(_ zone: TimeZone) throws -> WorkCalendar {
        WorkCalendar(timeZone: zone, workdays: Set(try array { try $0.int() }), start: try time(), end: try time(),
                     holidays: Set(try array { try $0.date() }))
    }

    mutating func channel() throws -> ChannelSection {
        let name = try string(), type = try string(), nameAt = try location(), at = try location(), file = try string()
        var fields: [String: ChannelSection.Field] = [:]
        for (k, f) in try array({ r in (try r.string(), ChannelSection.Field(text: try r.string(), at: try r.location())) }) {
            fields[k] = f
        }
        return ChannelSection(name: name, type: type, nameAt: nameAt, at: at, fields: fields, file: file)
    }

    mutating func person() throws -> Person {
        Person(id: try string(), name: try optional { try $0.string() }, emails: try strings(),
               channels: try optional { try $0.strings() })
    }

    mutating func policy() throws -> Policy {
        Policy(before: try array { try $0.duration() }, onDue: try bool(),
               overdue: Overdue(every: try duration(), times: try int()),
               escalate: try optional { Escalation(after: try $0.int(), to: try $0.strings()) },
               undatedEvery: try optional { try $0.duration() })
    }

    mutating func deadline() throws -> DeadlineExpr {
        switch try int() {
        case 0: return .date(try date())
        case 1: return .localDateTime(try date(), try time())
        case 2: return .instant(Date(timeIntervalSinceReferenceDate: try double()))
        case 3: return .thisWeek
        case 4: return .nextWeek
        case 5: return .endOfMonth
        case 6: return .relative(try duration())
        case 7: return .nextMeeting(series: try optional { try $0.string() }, offset: try optional { try $0.duration() })
        case 8: return .afterEvent(try string(), offset: try optional { try $0.duration() })
        default: throw SnapshotFormatError()
        }
    }

    /// A file or policy seen before comes as its number; a new one as -1 and itself.
    mutating func item(_ builder: inout ItemBuilder, files: inout [String], policies: inout [SharedPolicy]) throws -> Item {
        let id = try string()
        let title = try string()
        let owner = try string()
        let with = try strings()
        let meeting = try optional { MeetingRef(series: try $0.string(), date: try $0.date()) }
        let agreed = try optional { try $0.date() }
        let due = try optional { try $0.deadline() }
        let dueText = try optional { try $0.string() }
        let p = try int()
        let policy: SharedPolicy
        if p == -1 {
            policy = SharedPolicy.sharing(try self.policy())
            policies.append(policy)
        } else {
            guard policies.indices.contains(p) else { throw SnapshotFormatError() }
            policy = policies[p]
        }
        let channels = try optional { try $0.strings() }
        let remindAt = try array { Date(timeIntervalSinceReferenceDate: try $0.double()) }
        let notes = try optional { try $0.string() }
        let location = try optional { r -> SourceLocation in
            let f = try r.int()
            let file: String
            if f == -1 {
                file = try r.string()
                files.append(file)
            } else {
                guard files.indices.contains(f) else { throw SnapshotFormatError() }
                file = files[f]
            }
            return SourceLocation(file: file, line: try r.int(), column: try r.int())
        }
        return builder.item(id: id, title: title, owner: owner, with: with, meeting: meeting, agreed: agreed, due: due,
                            dueText: dueText, policy: policy, channels: channels, remindAt: remindAt, notes: notes,
                            location: location)
    }
}
