import Dispatch
import Foundation
import Logging
import RemindCore
import RemindDelivery

/// Drains the outbox: claims due deliveries, sends each channel's batch over that channel's
/// notifier on its own serial queue (one connection per channel, reused across the batch),
/// and records every outcome in one transaction per batch. Failures are retried with
/// backoff until `retry.give_up_after`, then marked failed and logged at error level.
public final class OutboxWorker: @unchecked Sendable {
    private let store: any StateStore
    private let clock: WallClock
    private let logger: Logger
    private let control = DispatchQueue(label: "remindd.outbox")
    private let retryTimer: WallTimer
    private var config: Config
    private var backoff: Backoff
    private var channelQueues: [String: DispatchQueue] = [:]
    private var notifiers: [String: any Notifier] = [:]
    private var inFlight = 0
    private var stopping = false
    private let idle = DispatchGroup()
    /// Deliveries per claim; one batch per channel per round.
    public var batchSize = 500
    /// Outcomes are committed after this many deliveries or this many seconds, whichever
    /// comes first: few commits for a fast channel, few repeats after a crash on a slow one.
    static let recordEvery = 32
    static let recordInterval = 0.1
    /// Set by `shutdown`; read by the channel queues between two deliveries.
    private let stopRequested = LockedFlag()
    /// Raised by `deliveriesCancelled()`; a channel queue that sees it change stops its
    /// batch before the next delivery and hands the rest back.
    private let cancellations = LockedCounter()

    public init(store: any StateStore, config: Config, clock: WallClock, logger: Logger,
                notifiers: [String: any Notifier], backoff: Backoff? = nil, retryTimer: WallTimer? = nil) {
        self.store = store
        self.config = config
        self.clock = clock
        self.logger = logger
        self.notifiers = notifiers
        self.backoff = backoff ?? Backoff(policy: config.retry)
        self.retryTimer = retryTimer ?? DispatchWallTimer(queue: DispatchQueue(label: "remindd.outbox.retry"))
    }

    /// Looks for due deliveries now.
    public func kick() {
        control.async { self.drain() }
    }

    /// A new config and the channels the load built for it, used from the next batch on;
    /// batches in flight finish on the notifiers they started with.
    public func update(config: Config, notifiers: [String: any Notifier]) {
        let box = NotifiersBox(notifiers: notifiers)
        control.async {
            self.config = config
            self.backoff.policy = config.retry
            self.notifiers = box.notifiers
            self.drain()
        }
    }

    /// Deliveries were cancelled in the store (an item marked done, snoozed or removed).
    /// Call it after the store write and before telling the one who asked: from then on no
    /// channel starts another delivery of the batch it holds without claiming it again,
    /// which a cancelled row never is. An attempt already on the wire may complete.
    public func deliveriesCancelled() {
        cancellations.increment()
        kick()
    }

    /// Stops claiming new work, lets each channel finish the delivery it is making, and
    /// waits up to `timeout` for that. What was not attempted stays pending (its claim is
    /// released at the next start).
    @discardableResult
    public func shutdown(timeout: Double) -> Bool {
        control.sync { stopping = true }
        stopRequested.set()
        retryTimer.cancel()
        return idle.wait(timeout: .now() + timeout) == .success
    }

    /// Claimed rows per round; called on `control` only.
    private func drain() {
        guard !stopping else { return }
        let now = clock.now()
        // Read before the claim: a cancellation written after it is then always noticed.
        let generation = cancellations.value
        let rows: [DeliveryRecord]
        do {
            rows = try store.claimDue(now: now, limit: batchSize)
        } catch {
            logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
            armRetry(at: now.addingTimeInterval(5))
            return
        }
        guard !rows.isEmpty else {
            if inFlight == 0, let next = try? store.nextPendingAttempt() { armRetry(at: next) }
            return
        }
        var byChannel: [String: [DeliveryRecord]] = [:]
        var order: [String] = []
        for r in rows {
            if byChannel[r.channel] == nil { order.append(r.channel) }
            byChannel[r.channel, default: []].append(r)
        }
        for channel in order {
            send(byChannel[channel]!, channel: channel, generation: generation)
        }
    }

    private func send(_ batch: [DeliveryRecord], channel: String, generation: Int) {
        let queue = channelQueues[channel] ?? DispatchQueue(label: "remindd.channel.\(channel)")
        channelQueues[channel] = queue
        let config = self.config
        // A notifier is only ever used on its channel's serial queue.
        let notifier = notifiers[channel].map(NotifierBox.init)
        inFlight += 1
        idle.enter()
        let backoff = self.backoff
        queue.async { [self] in
            // Once per batch: outcomes are recorded every few deliveries.
            let byKey = Dictionary(batch.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            var updates: [DeliveryUpdate] = []
            var sendable: [DeliveryRecord] = []
            let now = clock.now()
            for r in batch {
                if notifier == nil {
                    updates.append(.failed(r.key, error: "channel '\(r.channel)' has no notifier", at: now))
                } else {
                    sendable.append(r)
                }
            }
            var handedBack: [String] = []
            if let notifier, !sendable.isEmpty {
                // One message at a time on the channel's one connection, with the outcomes
                // recorded every few messages or fractions of a second: a crash then repeats
                // only the last few sends, not the whole claimed batch. The whole batch is
                // handed over so the notifier can prepare the next message while this one
                // is on the wire; each outcome comes back as soon as it is known.
                var lastRecorded = DispatchTime.now()
                let messages = sendable.map { OutgoingMessage(delivery: $0.planned, late: $0.late) }
                var attempted = 0
                var stoppedForCancel = false
                if cancellations.value != generation {
                    stoppedForCancel = true
                } else {
                    notifier.notifier.deliver(messages) { i, result in
                        attempted = i + 1
                        updates.append(Self.outcome(result, for: sendable[i], backoff: backoff, now: clock.now()))
                        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - lastRecorded.uptimeNanoseconds) / 1e9
                        if updates.count >= Self.recordEvery || elapsed >= Self.recordInterval {
                            record(updates, byKey)
                            updates.removeAll()
                            lastRecorded = DispatchTime.now()
                        }
                        if cancellations.value != generation {
                            stoppedForCancel = true
                            return false
                        }
                        return !stopRequested.value  // the rest stays pending for the next start
                    }
                }
                if stoppedForCancel { handedBack = sendable[attempted...].map(\.key) }
            }
            if !updates.isEmpty { record(updates, byKey) }
            if !handedBack.isEmpty {
                // Claimed again by the next round, unless cancelled meanwhile.
                do { try store.releaseClaims(keys: handedBack) } catch {
                    logger.error("cannot hand back deliveries; they are tried again when their claim runs out",
                                 metadata: ["error": "\(error)", "count": "\(handedBack.count)"])
                }
            }
            control.async {
                self.inFlight -= 1
                self.idle.leave()
                self.drain()
            }
        }
    }

    static func outcome(_ result: DeliveryResult, for r: DeliveryRecord, backoff: Backoff, now: Date) -> DeliveryUpdate {
        switch result {
        case .sent(let reply):
            return .sent(r.key, reply: reply, at: now)
        case .failed(let reason):
            return .failed(r.key, error: reason, at: now)
        case .retry(let reason, let retryAfter):
            let attempts = r.attempts + 1
            if let next = backoff.nextAttempt(scheduled: r.scheduled, now: now, attempts: attempts, retryAfter: retryAfter) {
                return .retry(r.key, error: reason, nextAttempt: next, at: now)
            }
            return .failed(r.key, error: "gave up after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason)", at: now)
        }
    }

    private func record(_ updates: [DeliveryUpdate], _ byKey: [String: DeliveryRecord]) {
        do {
            try store.apply(updates)
        } catch {
            logger.error("cannot record delivery outcomes; they stay pending and will be tried again",
                         metadata: ["error": "\(error)", "count": "\(updates.count)"])
        }
        for u in updates {
            guard let r = byKey[u.key] else { continue }
            var meta: Logger.Metadata = ["delivery.key": "\(u.key)", "channel": "\(r.channel)", "item.id": "\(r.subject)",
                                         "kind": "\(r.kind.rawValue)"]
            switch u.outcome {
            case .sent(let reply):
                if r.late { meta["late"] = "true" }
                if let reply { meta["reply"] = "\(reply)" }
                logger.info("delivered", metadata: meta)
                DaemonMetrics.delivered(channel: r.channel, kind: r.kind, lateness: u.at.timeIntervalSince(r.scheduled))
            case .retry(let error, _, let next):
                meta["error"] = "\(error)"
                meta["next_attempt"] = "\(UTCStamp.iso(next))"
                logger.warning("delivery failed, will retry", metadata: meta)
                DaemonMetrics.failed(channel: r.channel, reason: "retry")
            case .failed(let error, _):
                meta["error"] = "\(error)"
                logger.error("delivery failed", metadata: meta)
                DaemonMetrics.failed(channel: r.channel, reason: "failed")
            }
        }
    }

    private func armRetry(at date: Date) {
        retryTimer.arm(at: date) { [weak self] in self?.kick() }
    }
}

/// Hands a notifier to its channel's serial queue; it is never used from two threads at once.
private struct NotifierBox: @unchecked Sendable {
    let notifier: any Notifier
}

/// A reload's notifiers on their way to the worker's queue, which alone uses them from then on.
private struct NotifiersBox: @unchecked Sendable {
    let notifiers: [String: any Notifier]
}

/// A counter raised from one thread and read from others.
private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

/// A flag set once from one thread and read from others.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    var value: Bool { lock.withLock { isSet } }
    func set() { lock.withLock { isSet = true } }
}
