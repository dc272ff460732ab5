import Dispatch
import Foundation
import Logging
import RemindCore

/// Keeps the upcoming reminders in order and one wall-clock timer armed for the earliest.
/// When it fires, the due reminders become outbox rows (written before any attempt) and the
/// worker is kicked. Every change — start, reload, a state change from the command line —
/// first reconciles the past (reminders whose moment passed unseen are sent late or recorded
/// as missed) and then re-plans. No polling: between reminders the daemon sleeps.
public final class Scheduler: @unchecked Sendable {
    /// How far ahead reminders are held in memory; the plan is rebuilt at its end.
    public static let horizon: Double = 7 * 86_400
    /// A reminder sent more than this after its moment is flagged late.
    public static let lateAfter: Double = 60

    public let queue: DispatchQueue
    private let store: any StateStore
    private let clock: WallClock
    private let timer: WallTimer
    private let logger: Logger
    private let onEnqueued: @Sendable () -> Void
    private(set) var config: Config
    private var planner: Planner
    private var upcoming: [Reminder] = []
    private var cursor = 0
    private var horizonEnd = Date.distantPast
    private var stopped = false
    private var started = false
    /// Called on `queue` whenever the next reminder may have changed (for STATUS=).
    public var onPlanChanged: (@Sendable () -> Void)?

    public init(config: Config, store: any StateStore, clock: WallClock, queue: DispatchQueue, timer: WallTimer,
                logger: Logger, onEnqueued: @escaping @Sendable () -> Void) {
        self.config = config
        self.planner = Planner(config: config)
        self.store = store
        self.clock = clock
        self.queue = queue
        self.timer = timer
        self.logger = logger
        self.onEnqueued = onEnqueued
    }

    // MARK: - Entry points (call on `queue`)

    /// First plan after start: everything that fell due unseen is caught up.
    public func start() throws {
        dispatchPrecondition(condition: .onQueue(queue))
        // One planning pass over every item serves both: what fell due unseen before now,
        // and the coming horizon (with 100,000 items each pass was a fifth of start-up).
        let now = clock.now()
        let state = try store.planState()
        let end = now.addingTimeInterval(Self.horizon)
        let all = planner.reminders(state: state, from: .distantPast, to: end, ordered: false, digests: false)
            + planner.digestReminders(from: now, to: end)
        try reconcile(past: all.filter { $0.at < now } + pastDigests(now: now), now: now)
        try store.setDigestsSeenThrough(now)
        rebuild(upcoming: Planner.sorted(all.filter { $0.at >= now }), now: now)
        // Checking every past reminder filled SQLite's caches; the daemon then sleeps.
        store.releaseMemory()
        started = true
    }

    /// A new, valid config. The store and what is in flight are kept; a reminder the new
    /// config adds in the past is caught up like one missed while down.
    public func reload(_ newConfig: Config) throws {
        dispatchPrecondition(condition: .onQueue(queue))
        config = newConfig
        planner = Planner(config: newConfig)
        try reconcile(items: nil)
        try rebuild()
    }

    /// Item states or events changed in the store (`done`, `snooze`, `event …`). Only the
    /// named items (and the notices of the events they wait on) are planned again; the rest
    /// of the plan stands, so a state change costs the same with ten items or 100,000.
    public func stateChanged(items: [String]?, events: Set<String> = []) throws {
        dispatchPrecondition(condition: .onQueue(queue))
        try reconcile(items: items)
        guard let items else { return try rebuild() }
        try rebuild(items: items, events: events)
    }

    public func stop() {
        stopped = true
        timer.cancel()
    }

    /// The next reminder that will fire, for STATUS= and `status`.
    public var next: Reminder? { cursor < upcoming.count ? upcoming[cursor] : nil }
    /// Started and not stopped: its timers are armed.
    public var isRunning: Bool { started && !stopped }
    public var upcomingCount: Int { upcoming.count - cursor }

    // MARK: - Planning

    /// Past reminders (of the given items, or all) that have no outbox row yet.
    private func reconcile(items ids: [String]?) throws {
        let now = clock.now()
        let state = try ids.map { try store.planState(items: statesNeeded(for: $0)) } ?? store.planState()
        var past: [Reminder] = []
        if let ids {
            for id in ids {
                if let item = config.item(id) {
                    past += planner.reminders(for: item, state: state, from: .distantPast, to: now)
                }
            }
            let events = Set(ids.compactMap { config.item($0)?.due?.eventName })
            past += planner.eventNotices(of: events, state: state, from: .distantPast, to: now)
        } else {
            past = planner.reminders(state: state, from: .distantPast, to: now, ordered: false, digests: false)
                + (try pastDigests(now: now))
        }
        try reconcile(past: past, now: now)
        if ids == nil { try store.setDigestsSeenThrough(now) }
    }

    /// Digest moments that passed unseen: those since the daemon last looked (at most a week
    /// beyond `catch_up` back); before the first start only the latest of each digest. The
    /// latest young enough is sent late, the others are recorded as missed (`CatchUp`).
    private func pastDigests(now: Date) throws -> [Reminder] {
        guard !config.digests.isEmpty else { return [] }
        let bound = now.addingTimeInterval(-(max(config.catchUpSeconds, 0) + 8 * 86_400))
        guard let seen = try store.digestsSeenThrough() else {
            var latest: [String: Reminder] = [:]
            for r in planner.digestReminders(from: bound, to: now) where r.at > (latest[r.subject]?.at ?? .distantPast) {
                latest[r.subject] = r
            }
            return Array(latest.values)
        }
        return planner.digestReminders(from: max(seen, bound), to: now)
    }

    /// The deliveries of digest moments: one per person with something to read, on each of
    /// that person's channels, the content put together now and kept in the row.
    private func digestDeliveries(_ moments: [Reminder], now: Date, state: PlanState? = nil) throws -> [PlannedDelivery] {
        guard !moments.isEmpty else { return [] }
        let builder = DigestBuilder(planner: planner, state: try state ?? store.planState())
        return moments.flatMap { builder.deliveries(for: $0, now: now) }
    }

    private func reconcile(past: [Reminder], now: Date) throws {
        guard !past.isEmpty else { return }
        let caught = CatchUp(past, now: now, window: config.catchUpSeconds)
        let sendable = try unseen(caught.late)
        let late = sendable.filter { now.timeIntervalSince($0.reminder.at) > Self.lateAfter }
        let onTime = sendable.filter { now.timeIntervalSince($0.reminder.at) <= Self.lateAfter }
        let missed = try unseen(caught.missed)
        if !onTime.isEmpty { try store.enqueue(onTime, late: false, now: now) }
        if !late.isEmpty {
            try store.enqueue(late, late: true, now: now)
            logger.notice("sending reminders that fell due unseen, marked late", metadata: ["count": "\(late.count)"])
        }
        if !missed.isEmpty {
            try store.recordMissed(missed, now: now)
            for d in missed {
                logger.warning("reminder missed: older than catch_up, not sent", metadata: [
                    "delivery.key": "\(d.key)", "item.id": "\(d.reminder.subject)", "channel": "\(d.channel)",
                ])
            }
        }
        if !sendable.isEmpty { onEnqueued() }
    }

    /// The deliveries of `reminders` that have no outbox row yet. Keys first: after a
    /// restart nearly all are known, and building the deliveries of every past reminder
    /// only to drop them was most of the work.
    private func unseen(_ all: [Reminder]) throws -> [PlannedDelivery] {
        let digests = all.filter(\.isDigest)
        let reminders = digests.isEmpty ? all : all.filter { !$0.isDigest }
        var out: [PlannedDelivery] = []
        if !digests.isEmpty {
            let candidates = try digestDeliveries(digests, now: clock.now())
            let known = try store.existingKeys(candidates.map(\.key))
            out = candidates.filter { !known.contains($0.key) }
        }
        let keyed = reminders.map { r in (r, planner.channels(for: r).map { r.key(channel: $0) }) }
        let keys = keyed.flatMap(\.1)
        guard !keys.isEmpty else { return out }
        let known = try store.existingKeys(keys)
        return out + keyed.filter { !$0.1.allSatisfy(known.contains) }
            .flatMap { planner.deliveries(for: $0.0) }
            .filter { !known.contains($0.key) }
    }

    /// The items whose recorded states planning `ids` reads: themselves, and every item
    /// waiting on the events they (or `events`) wait on, whose notices depend on them.
    private func statesNeeded(for ids: [String], events recorded: Set<String> = []) -> [String] {
        let events = Set(ids.compactMap { config.item($0)?.due?.eventName }).union(recorded)
        guard !events.isEmpty else { return ids }
        return ids + config.items.filter { $0.due?.eventName.map(events.contains) == true }.map(\.id)
    }

    /// Plans `[now, now + horizon)` and arms the timer for the earliest.
    private func rebuild() throws {
        let now = clock.now()
        let state = try store.planState()
        rebuild(upcoming: planner.reminders(state: state, from: now, to: now.addingTimeInterval(Self.horizon)), now: now)
    }

    /// Replans `ids` (and their events' notices) within the current horizon and merges them
    /// into what is still ahead.
    private func rebuild(items ids: [String], events recorded: Set<String>) throws {
        let now = clock.now()
        let events = Set(ids.compactMap { config.item($0)?.due?.eventName }).union(recorded)
        let state = try store.planState(items: statesNeeded(for: ids, events: recorded))
        let subjects = Set(ids).union(events)
        var fresh: [Reminder] = []
        for id in ids {
            if let item = config.item(id) { fresh += planner.reminders(for: item, state: state, from: now, to: horizonEnd) }
        }
        fresh += planner.eventNotices(of: events, state: state, from: now, to: horizonEnd)
        let kept = upcoming[cursor...].filter { $0.isDigest || !subjects.contains($0.subject) }
        upcoming = Planner.sorted(kept + fresh)
        cursor = 0
        arm()
    }

    private func rebuild(upcoming planned: [Reminder], now: Date) {
        horizonEnd = now.addingTimeInterval(Self.horizon)
        upcoming = planned
        cursor = 0
        arm()
    }

    private func arm() {
        guard !stopped else { return }
        let at = next?.at ?? horizonEnd
        onPlanChanged?()
        timer.arm(at: at) { [weak self] in
            guard let self else { return }
            self.queue.async { self.fire() }
        }
    }

    /// The timer's handler: everything due by now goes into the outbox in one transaction.
    func fire() {
        guard !stopped else { return }
        let now = clock.now()
        var due: [PlannedDelivery] = []
        var late: [PlannedDelivery] = []
        var digests: [Reminder] = []
        while cursor < upcoming.count, upcoming[cursor].at <= now {
            let r = upcoming[cursor]
            cursor += 1
            if r.isDigest { digests.append(r); continue }
            let ds = planner.deliveries(for: r)
            if now.timeIntervalSince(r.at) > Self.lateAfter { late += ds } else { due += ds }
        }
        do {
            for d in try digestDeliveries(digests, now: now) {
                if now.timeIntervalSince(d.reminder.at) > Self.lateAfter { late.append(d) } else { due.append(d) }
            }
            if !due.isEmpty { try store.enqueue(due, late: false, now: now, plannedThrough: now) }
            if !late.isEmpty { try store.enqueue(late, late: true, now: now, plannedThrough: now) }
            if !due.isEmpty || !late.isEmpty { onEnqueued() }
            if !digests.isEmpty { try store.setDigestsSeenThrough(now) }
            if cursor >= upcoming.count && now >= horizonEnd {
                try rebuild()
                return
            }
        } catch {
            logger.error("cannot write due reminders to the outbox; retrying in 1 s", metadata: ["error": "\(error)"])
            timer.arm(at: now.addingTimeInterval(1)) { [weak self] in
                guard let self else { return }
                self.queue.async { self.retryAfterFailure() }
            }
            return
        }
        arm()
    }

    private func retryAfterFailure() {
        do { try reconcile(items: nil); try rebuild() } catch {
            logger.error("cannot plan reminders; retrying in 5 s", metadata: ["error": "\(error)"])
            timer.arm(at: clock.now().addingTimeInterval(5)) { [weak self] in
                guard let self else { return }
                self.queue.async { self.retryAfterFailure() }
            }
        }
    }
}
