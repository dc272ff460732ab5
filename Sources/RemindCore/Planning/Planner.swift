import Foundation

/// Works out who hears what when. Pure: the config, the item states and recorded events,
/// and a time window go in; reminders come out. The daemon, `remindd agenda` and the tests
/// all ask the same planner, so what the agenda shows is what the daemon sends.
public struct Planner: Sendable {
    public let config: Config

    public init(config: Config) {
        self.config = config
        peopleNameChannels = config.people.values.contains { $0.channels != nil }
    }

    /// Whether any person has channels of their own (else the defaults reach everyone).
    private let peopleNameChannels: Bool

    /// The list without repeats, in order; the list itself when it has none.
    static func uniqueInOrder(_ list: [String]) -> [String] {
        guard list.count > 1 else { return list }
        var out: [String] = []
        for c in list where !out.contains(c) { out.append(c) }
        return out.count == list.count ? list : out
    }

    /// Every reminder with `from <= at < to`, ordered by time, then item (or in no
    /// particular order, when the caller sorts what it keeps itself). `parallel` spreads the items over the machine's cores: for one-off listings of
    /// many items (`agenda`, `check`); the daemon plans on its own queue.
    ///
    /// Digests recur without end: they are listed only when `digests` is true and the window
    /// has a start (`from` after the distant past); the daemon plans their past itself.
    public func reminders(state: PlanState, from: Date, to: Date, ordered: Bool = true,
                          parallel: Bool = false, digests: Bool = true) -> [Reminder] {
        var out = Parallel.map(config.items.indices, minimumPerPart: parallel ? 5_000 : Int.max,
                               shared: self, own: withOwnCalendarMemo) { planner, i in
            planner.reminders(for: planner.config.items[i], state: state, from: from, to: to)
        }
        for event in config.events.values {
            out.append(contentsOf: eventNotices(for: event, state: state, from: from, to: to))
        }
        if digests && from > .distantPast { out += digestReminders(from: from, to: to) }
        return ordered ? Self.sorted(out) : out
    }

    /// The same planner with a zone memo of its own, for a thread that plans beside others
    /// (the shared memo is one lock they would all queue on).
    func withOwnCalendarMemo() -> Planner {
        var c = config
        c.calendar.timeZone = c.calendar.timeZone
        return Planner(config: c)
    }

    /// By time, then subject, then kind. Sorts small keys (`order(_:)`) rather than the
    /// reminders, then moves each reminder once to its place: a year of 100,000 items is
    /// half a million of them.
    public static func sorted(_ list: consuming [Reminder], halvesFrom: Int = 100_000) -> [Reminder] {
        guard list.count > 1 else { return list }
        // The list is put in order in place, cycle by cycle, by swapping: a reminder is
        // moved, where building a new array copied each one (a retain of each of its
        // strings and lists) and freeing the old one released them all again.
        let perm = order(list, halvesFrom: halvesFrom)
        var out = consume list
        var placed = [Bool](repeating: false, count: out.count)
        // Through the buffer: its `swapAt` moves the two elements, the array's copies them.
        out.withUnsafeMutableBufferPointer { all in
            for start in all.indices where !placed[start] {
                var i = start
                while true {
                    placed[i] = true
                    let from = Int(perm[i])
                    if from == start { break }
                    all.swapAt(i, from)
                    i = from
                }
            }
        }
        return out
    }

    /// The positions of `list` in the order of `sorted(_:)`. From `halvesFrom` reminders on,
    /// the two halves are ordered on two cores and merged.
    public static func order(_ list: [Reminder], halvesFrom: Int = 100_000) -> [Int32] {
        guard list.count > 1 else { return list.isEmpty ? [] : [0] }
        guard list.count >= halvesFrom else { return run(list, 0..<list.count).keys.map(\.index) }
        let mid = list.count / 2
        let halves = Parallel.map(0..<2, minimumPerPart: 1, shared: (), own: {}) { _, h in
            [run(list, h == 0 ? 0..<mid : mid..<list.count)]
        }
        var (a, b) = (halves[0], halves[1])
        // One ranking of the subjects of both halves, by merging their sorted names.
        var rankA = [Int32](repeating: 0, count: a.names.count), rankB = [Int32](repeating: 0, count: b.names.count)
        var (i, j, next): (Int, Int, Int32) = (0, 0, 0)
        while i < a.names.count || j < b.names.count {
            if j == b.names.count || (i < a.names.count && a.names[i] < b.names[j]) {
                rankA[i] = next; i += 1
            } else if i == a.names.count || b.names[j] < a.names[i] {
                rankB[j] = next; j += 1
            } else {
                rankA[i] = next; rankB[j] = next; i += 1; j += 1
            }
            next += 1
        }
        for k in a.keys.indices { a.keys[k].subject = rankA[Int(a.keys[k].subject)] }
        for k in b.keys.indices { b.keys[k].subject = rankB[Int(b.keys[k].subject)] }
        var out: [Int32] = []
        out.reserveCapacity(list.count)
        (i, j) = (0, 0)
        while i < a.keys.count && j < b.keys.count {
            if b.keys[j] < a.keys[i] {
                out.append(b.keys[j].index); j += 1
            } else {
                out.append(a.keys[i].index); i += 1
            }
        }
        while i < a.keys.count { out.append(a.keys[i].index); i += 1 }
        while j < b.keys.count { out.append(b.keys[j].index); j += 1 }
        return out
    }

    /// The keys of `range` in order, their subjects ranked among the range's own, which
    /// `names` lists in order.
    private static func run(_ list: [Reminder], _ range: Range<Int>) -> (keys: [SortKey], names: [String]) {
        // Most reminders share their moment (the workday start), so nearly every comparison
        // came down to the subjects' strings: the subjects are ranked once instead, and
        // small keys are sorted. One item's reminders are planned together, so the subject
        // is looked up only where it changes; elements are read in place, not copied.
        var keys: [SortKey] = []
        keys.reserveCapacity(range.count)
        var names: [String] = []
        list.withUnsafeBufferPointer { all in
            var known: [String: Int32] = [:]
            var current: Int32 = -1
            for i in range {
                if current < 0 || all[i].subject != names[Int(current)] {
                    if let k = known[all[i].subject] {
                        current = k
                    } else {
                        current = Int32(names.count)
                        known[all[i].subject] = current
                        names.append(all[i].subject)
                    }
                }
                keys.append(SortKey(at: all[i].at.timeIntervalSinceReferenceDate, subject: current,
                                    kind: Self.kindRank(all[i].kind), index: Int32(i)))
            }
        }
        let byName = names.indices.sorted { names[$0] < names[$1] }
        var rank = [Int32](repeating: 0, count: names.count)
        for (r, n) in byName.enumerated() { rank[n] = Int32(r) }
        for i in keys.indices { keys[i].subject = rank[Int(keys[i].subject)] }
        keys.sort()
        return (keys, byName.map { names[$0] })
    }

    private struct SortKey: Comparable {
        var at: Double
        var subject: Int32
        var kind: Int32
        var index: Int32

        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.at != b.at { return a.at < b.at }
            if a.subject != b.subject { return a.subject < b.subject }
            if a.kind != b.kind { return a.kind < b.kind }
            return a.index < b.index
        }
    }

    /// Kinds in the order of their names, as the listing has always sorted them.
    private static let kindOrder: [ReminderKind] = ReminderKind.allCases.sorted { $0.rawValue < $1.rawValue }

    private static func kindRank(_ k: ReminderKind) -> Int32 {
        Int32(kindOrder.firstIndex(of: k)!)
    }

    /// Only the event notices (`event-expected`, `event-late`) in `[from, to)`, of the
    /// events named: what a recorded event or a changed item can move, without planning
    /// every item.
    public func eventNotices(of events: Set<String>, state: PlanState, from: Date, to: Date) -> [Reminder] {
        var out: [Reminder] = []
        for name in events.sorted() {
            if let event = config.events[name] { out += eventNotices(for: event, state: state, from: from, to: to) }
        }
        return out
    }

    /// The reminders of one item in `[from, to)`, same-moment ones merged, the snooze applied.
    public func reminders(for item: Item, state: PlanState, from: Date, to: Date) -> [Reminder] {
        let st = state.items[item.id] ?? ItemState()
        if st.done { return [] }
        let snooze = st.snoozedUntil
        let lower = max(from, snooze ?? from)
        var raw = moments(for: item, state: state, from: lower, to: to)
        if let snooze, let since = st.snoozedAt, snooze >= from, snooze < to, since < snooze {
            // What the snooze held back comes once, when it ends.
            if var last = moments(for: item, state: state, from: since, to: snooze).max(by: { $0.at < $1.at }) {
                last.at = snooze
                raw.append(last)
            }
        }
        return Self.merge(raw.filter { $0.at >= lower && $0.at < to })
    }

    /// Same-moment reminders of one item become one: the most urgent kind leads, the people
    /// are united.
    static func merge(_ list: [Reminder]) -> [Reminder] {
        guard list.count > 1 else { return list }
        let rank: [ReminderKind: Int] = [.overdue: 0, .due: 1, .before: 2, .at: 3, .undated: 4, .eventLate: 5, .eventExpected: 6, .digest: 7, .answer: 8]
        var byTime: [Date: Reminder] = [:]
        for r in list {
            guard var cur = byTime[r.at] else { byTime[r.at] = r; continue }
            let (lead, other) = rank[r.kind]! < rank[cur.kind]! ? (r, cur) : (cur, r)
            var merged = lead
            merged.mergedKinds = Array(Set(cur.mergedKinds + r.mergedKinds + [other.kind]).subtracting([lead.kind]))
                .sorted { rank[$0]! < rank[$1]! }
            merged.people = unique(lead.people + other.people)
            merged.escalation = unique(lead.escalation + other.escalation).filter { !merged.people.contains($0) }
            cur = merged
            byTime[r.at] = cur
        }
        return byTime.values.sorted { $0.at < $1.at }
    }

    static func unique(_ a: [String]) -> [String] {
        var seen = Set<String>()
        return a.filter { seen.insert($0).inserted }
    }

    /// One delivery per channel that reaches any of the reminder's people.
    public func deliveries(for r: Reminder) -> [PlannedDelivery] {
        // Only the item's own channels matter here; reading them alone spares copying
        // the whole item for every reminder.
        let itemChannels = ownChannels(of: r)
        var order: [String] = []
        var to: [String: [String]] = [:]
        var cc: [String: [String]] = [:]
        for p in r.people {
            for c in config.channels(for: p, itemChannels: itemChannels) {
                if to[c] == nil && cc[c] == nil { order.append(c) }
                to[c, default: []].append(p)
            }
        }
        for p in r.escalation where !r.people.contains(p) {
            for c in config.channels(for: p, itemChannels: itemChannels) {
                if to[c] == nil && cc[c] == nil { order.append(c) }
                cc[c, default: []].append(p)
            }
        }
        return order.map { c in
            PlannedDelivery(key: r.key(channel: c), reminder: r, channel: c,
                            to: Self.unique(to[c] ?? []), cc: Self.unique(cc[c] ?? []))
        }
    }

    /// The channels the reminder's item (or digest) names for itself, if any.
    private func ownChannels(of r: Reminder) -> [String]? {
        switch r.kind {
        case .eventExpected, .eventLate: return nil
        case .digest: return config.digest(r.subject)?.channels
        default: return config.position(of: r.subject).flatMap { config.items[$0].channels }
        }
    }

    /// The channels a reminder goes out on, in the order of `deliveries(for:)`, without
    /// building the deliveries.
    public func channels(for r: Reminder) -> [String] {
        let itemChannels = ownChannels(of: r)
        // The common cases need no look-up per person: the item names its channels, or no
        // person names any and everyone is reached through the defaults.
        if let itemChannels, !r.people.isEmpty { return Self.uniqueInOrder(itemChannels) }
        if itemChannels == nil && !peopleNameChannels && !r.people.isEmpty { return Self.uniqueInOrder(config.defaultChannels) }
        var order: [String] = []
        for p in r.people {
            for c in config.channels(for: p, itemChannels: itemChannels) where !order.contains(c) { order.append(c) }
        }
        for p in r.escalation where !r.people.contains(p) {
            for c in config.channels(for: p, itemChannels: itemChannels) where !order.contains(c) { order.append(c) }
        }
        return order
    }
}
