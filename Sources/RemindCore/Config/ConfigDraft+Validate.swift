import Foundation

extension ConfigDraft {
    /// Cross-file checks: every name used is defined, and every person of every item can be
    /// reached on some channel that can address them.
    func validate() {
        for k in references.indices {
            // One lookup per reference, read in place; the list of names is only built to
            // suggest one.
            let defined: Bool
            switch references[k].kind {
            case .person: defined = people[references[k].name] != nil
            case .channel: defined = channels[references[k].name] != nil
            case .series: defined = meetings[references[k].name] != nil
            case .event: defined = events[references[k].name] != nil
            }
            guard !defined else { continue }
            let ref = references[k]
            let known: [String]
            switch ref.kind {
            case .person: known = Array(people.keys)
            case .channel: known = channelOrder
            case .series: known = Array(meetings.keys)
            case .event: known = Array(events.keys)
            }
            // A name whose definition failed to parse was already reported there.
            if definedAt["\(Self.definitionKind(ref.kind)):\(ref.name)"] != nil { continue }
            let hint = YAMLReader.closest(ref.name, in: known).map { "; did you mean '\($0)'?" } ?? ""
            let whereToDefine: String
            switch ref.kind {
            case .person: whereToDefine = "people:"
            case .channel: whereToDefine = "channels:"
            case .series: whereToDefine = "meetings:"
            case .event: whereToDefine = "events:"
            }
            fail("unknown \(ref.kind.rawValue) '\(ref.name)' in \(ref.context) (define it under \(whereToDefine))\(hint)", at: ref.at)
        }
        if defaultChannels == nil {
            defaultChannels = channelOrder.count == 1 ? channelOrder : []
        }
        // Only when none was written: a channel that failed to load was reported where it is.
        if channels.isEmpty && !items.isEmpty && !definedAt.keys.contains(where: { $0.hasPrefix("channel:") }) {
            fail("no channels are defined: add one under channels: (a maildir channel needs only a path)",
                 at: SourceLocation(file: mainPath, line: 1, column: 1))
        }
        // Items with the same policy share one (most have the default).
        let shared = SharedPolicy.sharing(defaultPolicy)
        var policies: [Policy: SharedPolicy] = [defaultPolicy: shared]
        for i in items.indices {
            guard let merged = itemPolicies[i]?.merged(over: defaultPolicy) else {
                items[i].sharedPolicy = shared
                continue
            }
            if let known = policies[merged] {
                items[i].sharedPolicy = known
            } else {
                let new = SharedPolicy(merged)
                policies[merged] = new
                items[i].sharedPolicy = new
            }
        }
        if let tz = timeZone {
            let cal = calendar(tz)
            for (index, d, t) in pendingLocalRemindAt where items.indices.contains(index) {
                items[index].remindAt.append(cal.instant(d, t))
            }
            for i in items.indices where items[i].remindAt.count > 1 { items[i].remindAt.sort() }
        }
        validateDigests()
        validateInbox()
        validateStore()
        guard errors.isEmpty else { return }
        checkReach()
    }

    static func definitionKind(_ k: Reference.Kind) -> String {
        switch k {
        case .person: return "person"
        case .channel: return "channel"
        case .series: return "meeting series"
        case .event: return "event"
        }
    }

    func checkReach() {
        // What stops a person being reached depends only on the person and the channels
        // asked: with the item naming none (most items), the answer is worked out once per
        // person. Messages, and the set that keeps each from being said twice, are made
        // only for a problem.
        enum Reach { case ok, noChannel, noEmail([String]) }
        func reach(_ p: Person, _ chans: [String]) -> Reach {
            if chans.isEmpty { return .noChannel }
            guard p.emails.isEmpty else { return .ok }
            let mail = chans.filter { c in channels[c].map { kinds[$0.type]?.reachesPeopleByEmail == true } ?? false }
            return mail.isEmpty ? .ok : .noEmail(mail)
        }
        var byPerson: [String: Reach] = [:]
        var reported = Set<String>()
        func check(_ person: String, itemChannels: [String]?, context: () -> String, at loc: () -> SourceLocation?) {
            let verdict: Reach
            if itemChannels == nil, let known = byPerson[person] {
                verdict = known
            } else {
                guard let p = people[person] else { return }
                verdict = reach(p, itemChannels ?? p.channels ?? defaultChannels ?? [])
                if itemChannels == nil { byPerson[person] = verdict }
            }
            if case .ok = verdict { return }
            let context = context()
            guard reported.insert("\(person)|\(context)").inserted else { return }
            switch verdict {
            case .ok: break
            case .noChannel:
                fail("no channel reaches '\(person)' for \(context): set defaults.channels, the person's channels or the item's channels", at: loc())
            case .noEmail(let mail):
                for c in mail { fail("'\(person)' is reached through mail channel '\(c)' for \(context) but has no email", at: loc()) }
            }
        }
        // By index: each item read in place, not copied.
        for i in items.indices {
            let context = { "item '\(self.items[i].id)'" }
            let loc = { self.itemOwnerAt[self.items[i].id] ?? self.items[i].location }
            let itemChannels = items[i].channels
            check(items[i].owner, itemChannels: itemChannels, context: context, at: loc)
            for person in items[i].with { check(person, itemChannels: itemChannels, context: context, at: loc) }
            if let escalate = items[i].sharedPolicy.value.escalate {
                for person in escalate.to { check(person, itemChannels: itemChannels, context: context, at: loc) }
            }
        }
        for e in events.values.sorted(by: { $0.id < $1.id }) {
            if let o = e.owner { check(o, itemChannels: nil, context: { "event '\(e.id)'" }, at: { self.definedAt["event:\(e.id)"] }) }
        }
    }

    func calendar(_ tz: TimeZone) -> WorkCalendar {
        WorkCalendar(timeZone: tz, workdays: workdays, start: workStart, end: workEnd, holidays: holidays)
    }

    func build() -> Config {
        let tz = timeZone ?? TimeZone(identifier: "UTC")!
        itemBuilder.texts.shrinkToFit()
        var c = Config(path: mainPath, timeZone: tz, language: language, calendar: calendar(tz),
                       statePath: statePath, channels: channels, people: people, retry: retry,
                       catchUpSeconds: catchUp, defaultChannels: defaultChannels ?? [],
                       defaultPolicy: defaultPolicy, meetings: meetings, events: events,
                       items: Self.exactly(items), templates: templates)
        c.timeZoneName = timeZoneName
        c.channelOrder = channelOrder
        c.keyLocations = keyLocations
        c.http = http
        c.links = links
        c.digests = digests
        c.inbox = inbox
        c.store = store
        c.indexItems()
        c.inputs = inputs
        return c
    }

    /// The items in an array with room for exactly them: the draft's grew by doubling as
    /// items were read, so up to half of it is spare room the config would keep.
    static func exactly(_ items: [Item]) -> [Item] {
        guard items.capacity > items.count else { return items }
        return [Item](unsafeUninitializedCapacity: items.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: items)
        }
    }
}
