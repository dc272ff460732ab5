import Foundation

/// Puts digests together from the config and the recorded state (DESIGN "Digests"). Pure:
/// the moment is passed in. Every item is looked at once per digest moment, whatever the
/// number of people, so an owner digest for 500 people costs one pass over the items.
public struct DigestBuilder: Sendable {
    public let planner: Planner
    public let state: PlanState

    /// Due within this long counts as due soon.
    public static let dueSoonSeconds: Double = 7 * 86_400

    public init(config: Config, state: PlanState) {
        planner = Planner(config: config)
        self.state = state
    }

    public init(planner: Planner, state: PlanState) {
        self.planner = planner
        self.state = state
    }

    var config: Config { planner.config }

    /// The digest of moment `r` (a `digest` reminder) for each of its people, at `now`,
    /// empty ones left out; in the order of `r.people`.
    public func contents(for r: Reminder, now: Date) -> [DigestContent] {
        guard let d = config.digest(r.subject) else { return [] }
        return contents(d, people: r.people, period: r.period, at: r.at, now: now)
    }

    /// The deliveries of digest moment `r` at `now`: one per person with something to read
    /// and channel that reaches them, each carrying its content.
    public func deliveries(for r: Reminder, now: Date) -> [PlannedDelivery] {
        contents(for: r, now: now).flatMap { content in
            planner.deliveries(for: Planner.digest(r, for: content.person)).map { d in
                var d = d
                d.digest = content
                return d
            }
        }
    }

    /// `digest` as it would go out at `now` to `people` (for `remindd digest`: the period of
    /// the moment at or before now).
    public func contents(_ d: DigestDef, people: [String], period: LocalDate, at: Date, now: Date) -> [DigestContent] {
        if let series = d.series {
            return meetingDigests(d, series: series, meeting: period, people: people, now: now)
        }
        return ownerDigests(d, people: people, period: period, since: planner.previousDigestMoment(d, before: at), now: now)
    }

    // MARK: - Owner digests

    func ownerDigests(_ d: DigestDef, people: [String], period: LocalDate, since: Date, now: Date) -> [DigestContent] {
        let wanted = Set(people)
        var sections: [String: [DigestContent.SectionKind: [DigestContent.Entry]]] = [:]
        let soon = now.addingTimeInterval(Self.dueSoonSeconds)
        for item in config.items {
            let involved = ([item.owner] + item.with).filter(wanted.contains)
            guard !involved.isEmpty else { continue }
            let st = state.items[item.id] ?? ItemState()
            let kind: DigestContent.SectionKind
            let deadline = planner.deadline(of: item, state: state)
            if st.done {
                guard let at = st.doneAt, at > since, at <= now else { continue }
                kind = .done
            } else if case .waiting = deadline {
                kind = .waiting
            } else if let dl = deadline.instant, dl < now {
                kind = .overdue
            } else if let dl = deadline.instant, dl < soon {
                kind = .dueSoon
            } else {
                continue
            }
            let e = entry(item, deadline: deadline, state: st, now: now)
            for p in Planner.unique(involved) { sections[p, default: [:]][kind, default: []].append(e) }
        }
        return people.compactMap { p in
            guard let own = sections[p] else { return nil }
            let order: [DigestContent.SectionKind] = [.overdue, .dueSoon, .waiting, .done]
            let list = order.compactMap { k in
                own[k].map { DigestContent.Section(kind: k, entries: Self.sorted($0, k)) }
            }
            return DigestContent(digest: d.name, person: p, period: period, series: nil, meeting: nil, asOf: now,
                                 since: since, sections: list)
        }
    }

    /// Overdue and due-soon by deadline, done by when; waiting in config order.
    static func sorted(_ entries: [DigestContent.Entry], _ kind: DigestContent.SectionKind) -> [DigestContent.Entry] {
        switch kind {
        case .overdue, .dueSoon:
            return entries.enumerated().sorted { a, b in
                (a.element.deadline ?? .distantFuture, a.offset) < (b.element.deadline ?? .distantFuture, b.offset)
            }.map(\.element)
        case .done:
            return entries.enumerated().sorted { a, b in
                (a.element.doneAt ?? .distantPast, a.offset) < (b.element.doneAt ?? .distantPast, b.offset)
            }.map(\.element)
        default:
            return entries
        }
    }

    // MARK: - Meeting digests

    /// The open items of `series` agreed before the meeting of `meeting`, grouped by owner in
    /// the order the owners first appear (the order of the minutes), items in config order:
    /// the action list of the next meeting. Every recipient gets the whole list.
    func meetingDigests(_ d: DigestDef, series: String, meeting: LocalDate, people: [String], now: Date) -> [DigestContent] {
        var groups: [(owner: String, entries: [DigestContent.Entry])] = []
        var position: [String: Int] = [:]
        var involved = Set<String>()
        for item in config.items {
            guard let m = item.meeting, m.series == series, m.date < meeting else { continue }
            let st = state.items[item.id] ?? ItemState()
            guard !st.done else { continue }
            let e = entry(item, deadline: planner.deadline(of: item, state: state), state: st, now: now)
            if let i = position[item.owner] {
                groups[i].entries.append(e)
            } else {
                position[item.owner] = groups.count
                groups.append((item.owner, [e]))
            }
            involved.insert(item.owner)
            involved.formUnion(item.with)
        }
        guard !groups.isEmpty else { return [] }
        let sections = groups.map { DigestContent.Section(kind: .owner, owner: $0.owner, entries: $0.entries) }
        let recipients = d.to == .owners ? people.filter(involved.contains) : people
        return recipients.map { p in
            DigestContent(digest: d.name, person: p, period: meeting, series: series, meeting: meeting, asOf: now,
                          since: nil, sections: sections)
        }
    }

    // MARK: -

    func entry(_ item: Item, deadline: ResolvedDeadline, state st: ItemState, now: Date) -> DigestContent.Entry {
        var e = DigestContent.Entry(id: item.id, title: item.title, owner: item.owner, with: item.with, state: "open",
                                    deadline: deadline.instant, event: nil, eventTitle: nil, expected: nil,
                                    doneAt: st.done ? st.doneAt : nil, snoozedUntil: nil, meeting: item.meeting?.description)
        if st.done {
            e.state = "done"
        } else {
            if case .waiting(let name) = deadline {
                e.state = "waiting"
                e.event = name
                e.eventTitle = config.events[name]?.title
                e.expected = config.events[name]?.expected
            }
            if let dl = deadline.instant, dl < now { e.state = "overdue" }
            if let until = st.snoozedUntil, until > now {
                e.state = "snoozed"
                e.snoozedUntil = until
            }
        }
        return e
    }
}
