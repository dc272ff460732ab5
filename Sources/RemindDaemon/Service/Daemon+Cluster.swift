import Foundation
import Logging
import RemindCore

/// Several daemons on one PostgreSQL store (DESIGN "Scale-out"). Every node delivers; the
/// leader alone plans and arms timers. Each second every node writes its heartbeat and tries
/// to lead; the node that gets the advisory lock starts a scheduler (which catches up on
/// what fell due since the last plan), one that loses it stops its scheduler and follows.
/// State changes written by any node or command arrive by NOTIFY: the leader plans the
/// items again; every worker looks for work when deliveries were written.
final class Cluster: @unchecked Sendable {
    let store: PostgresStore
    let leadership: PostgresLeadership
    /// Whether this node leads now. On the daemon's queue.
    var leads = false
    /// Whether the last heartbeat failed, so the log says it once and once when it is back.
    let unreachable = Flag()

    init(store: PostgresStore) {
        self.store = store
        leadership = PostgresLeadership(store: store)
    }
}

/// A boolean shared between the heartbeat's task and the queue.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Sets the flag and returns what it was.
    func exchange(_ new: Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let old = value
        value = new
        return old
    }
}

extension Daemon {
    /// Joins the nodes of a PostgreSQL store, listens for their changes and tries to lead.
    /// Nil for SQLite. On start, before the scheduler starts.
    func joinCluster() throws {
        guard let pg = store as? PostgresStore else { return }
        let c = Cluster(store: pg)
        cluster = c
        try pg.heartbeat(now: clock.now())
        let queue = self.queue
        try pg.listen(state: { [weak self] line in
                          guard let daemon = self else { return }
                          queue.async { daemon.stateNotified(line) }
                      },
                      outbox: { [weak self] in
                          guard let daemon = self else { return }
                          queue.async { daemon.worker?.kick() }
                      })
        c.leads = c.leadership.tryLead(now: clock.now()) ?? false
        logger.info(c.leads ? "leading: this node plans and arms the timers" : "following: another node leads",
                    metadata: ["node": "\(pg.nodeID)"])
    }

    /// Whether this daemon plans and arms timers: always with SQLite, as leader with PostgreSQL.
    var plans: Bool { cluster?.leads ?? true }

    /// A new scheduler on the config in use, not started.
    func makeScheduler() -> Scheduler {
        let worker = self.worker!
        let s = Scheduler(config: config, store: store, clock: clock, queue: queue,
                          timer: DispatchWallTimer(queue: queue), logger: logger, onEnqueued: { worker.kick() })
        s.onPlanChanged = { [weak self] in self?.publishStatus() }
        return s
    }

    /// Every second, off the queue: this node is alive.
    func clusterHeartbeat() {
        guard let c = cluster else { return }
        do {
            try c.store.heartbeat(now: clock.now())
            if c.unreachable.exchange(false) {
                logger.notice("state database reachable again", metadata: ["state": "\(statePath)"])
            }
        } catch {
            if !c.unreachable.exchange(true) {
                logger.error("state database unreachable; deliveries pause until it is back",
                             metadata: ["state": "\(statePath)", "error": "\(error)"])
            }
        }
    }

    /// Every second, on `queue`, with what `tryLead` said: lead or follow. Unknown (the
    /// database unreachable): a leader keeps its timers, a follower waits.
    func clusterTick(leads answer: Bool?) {
        guard let c = cluster else { return }
        defer { DaemonMetrics.cluster(leads: c.leads, reachable: answer != nil) }
        guard let leads = answer else { return }
        if leads && !c.leads {
            let s = makeScheduler()
            do {
                try s.start()
                scheduler = s
                c.leads = true
                logger.notice("leading: this node plans and arms the timers", metadata: ["node": "\(c.store.nodeID)",
                                                                                        "next": "\(describeNext())"])
                worker.kick()
                publishStatus()
            } catch {
                s.stop()
                c.leadership.resign()
                logger.error("cannot plan as leader; trying again", metadata: ["error": "\(error)"])
            }
        } else if !leads && c.leads {
            scheduler.stop()
            scheduler = makeScheduler()
            c.leads = false
            logger.warning("no longer leading: another node plans", metadata: ["node": "\(c.store.nodeID)"])
            publishStatus()
        }
    }

    /// A state change written elsewhere (another node, a command, a reply). On `queue`.
    func stateNotified(_ line: String) {
        guard let change = StateChange(line: line) else { return }
        worker.deliveriesCancelled()
        guard plans, scheduler.isRunning else { return }
        do {
            try scheduler.stateChanged(items: change.affectedItems(config), events: Set([change.event].compactMap { $0 }))
            logger.info("state changed on another node; rescheduled", metadata: ["change": "\(line)", "next": "\(describeNext())"])
        } catch {
            logger.error("cannot reschedule after a state change", metadata: ["change": "\(line)", "error": "\(error)"])
        }
    }

    /// At a graceful stop: give the lead up and leave the node list, so another node takes
    /// over at once rather than after the lease.
    func leaveCluster() {
        guard let c = cluster else { return }
        c.leadership.resign()
        try? c.store.leave()
    }
}
