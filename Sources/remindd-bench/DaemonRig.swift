import Dispatch
import Foundation
import Logging
import RemindCore
import RemindDaemon
import RemindDelivery

/// The daemon's own pieces wired as `remindd run` wires them (store, scheduler on one
/// wall-clock Dispatch timer, outbox worker, the configured notifiers), without signals,
/// control socket or systemd: what the timer and durable-throughput figures go through.
final class DaemonRig: @unchecked Sendable {
    let config: Config
    let store: any StateStore
    let queue = DispatchQueue(label: "remindd.scheduler")
    let timer: RecordingTimer
    let scheduler: Scheduler
    let worker: OutboxWorker
    /// Whether this rig plans (the leader); a second node on a PostgreSQL store only delivers.
    let plans: Bool

    /// - Parameter postgres: a PostgreSQL store to use instead of the SQLite file at `statePath`.
    init(config: Config, statePath: String, postgres: (url: StoreURL, password: String?)? = nil, plans: Bool = true,
         logger: Logger) throws {
        self.config = config
        self.plans = plans
        if let postgres {
            let pg = try PostgresStore(url: postgres.url, password: postgres.password)
            try pg.heartbeat(now: Date())
            store = pg
        } else {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: statePath + suffix) }
            store = try Store(path: statePath)
        }
        try store.releaseClaims()
        let channels = try ChannelSet.build(config: config, renderer: try MessageRenderer(config: config),
                                            environment: [:], logger: logger, purpose: .start)
        let worker = OutboxWorker(store: store, config: config, clock: SystemClock(), logger: logger,
                                  notifiers: channels.notifiers)
        self.worker = worker
        timer = RecordingTimer(DispatchWallTimer(queue: queue))
        scheduler = Scheduler(config: config, store: store, clock: SystemClock(), queue: queue, timer: timer,
                              logger: logger, onEnqueued: { worker.kick() })
        // As the daemon does: every node's worker hears of new rows from any node.
        if let pg = store as? PostgresStore { try pg.listen(state: { _ in }, outbox: { worker.kick() }) }
    }

    func start() throws {
        if plans { try queue.sync { try scheduler.start() } }
        worker.kick()
    }

    var armed: Int { queue.sync { scheduler.upcomingCount } }

    func stop() {
        queue.sync { scheduler.stop() }
        _ = worker.shutdown(timeout: 30)
    }

    /// The daemon's log format, written to `path` (one `write(2)` per line, as on stderr).
    static func logger(path: String) -> Logger {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o644)
        return Logger(label: "remindd") { label in
            JournalLogHandler(label: label, environment: [:], logLevel: .info, sink: { line in
                let bytes = Array((line + "\n").utf8)
                _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            })
        }
    }
}

/// Passes every arming through to the real timer and notes when each firing ran against
/// the instant it was armed for, so an early firing cannot go unnoticed.
final class RecordingTimer: WallTimer, @unchecked Sendable {
    private let inner: WallTimer
    private let lock = NSLock()
    private(set) var early = 0
    private(set) var fired = 0
    /// Milliseconds from each armed instant to its handler running.
    private(set) var lateness: [Double] = []

    init(_ inner: WallTimer) { self.inner = inner }

    func arm(at: Date, _ handler: @escaping @Sendable () -> Void) {
        inner.arm(at: at) { [self] in
            let now = Date()
            lock.withLock {
                fired += 1
                if now < at { early += 1 }
                lateness.append(now.timeIntervalSince(at) * 1000)
            }
            handler()
        }
    }

    func cancel() { inner.cancel() }

    var counts: (fired: Int, early: Int) { lock.withLock { (fired, early) } }
    var handlerLateness: [Double] { lock.withLock { lateness } }
}

/// Shared pieces of the generated configs of the in-process figures.
enum RigConfig {
    /// Header with one channel and `people` people; items follow under `items:`.
    static func header(channel: String, people: Int) -> String {
        var s = """
        timezone: Europe/Amsterdam
        language: nl
        catch_up: 24h
        channels:
        \(channel)
        defaults:
          policy:
            undated: { every: 4w }
        people:

        """
        for p in 0..<people { s += "  p\(p): { name: Deelnemer \(p), email: p\(p)@example.org }\n" }
        return s + "items:\n"
    }

    /// An item whose only reminder in the coming weeks is at `at` (to the microsecond).
    static func item(_ id: String, owner: Int, agreed: LocalDate, at: Date) -> String {
        "  - id: \(id)\n    title: Actie \(id) uitwerken\n    owner: p\(owner)\n    agreed: \(agreed)\n    remind_at: [\"\(isoMicro(at))\"]\n"
    }
}
