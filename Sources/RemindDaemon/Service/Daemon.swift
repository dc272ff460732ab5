import Dispatch
import Foundation
import Logging
import RemindCore
import RemindDelivery

#if canImport(Glibc)
import Glibc
#endif

/// `remindd run`: wires the store, the scheduler, the outbox worker, the control socket
/// and systemd together, and handles signals. SIGHUP reloads (a broken config is refused
/// and the running one kept); SIGTERM stops new work, lets deliveries in flight finish
/// and exits 0.
public final class Daemon: @unchecked Sendable {
    let configPath: String
    let environment: [String: String]
    let logger: Logger
    let queue = DispatchQueue(label: "remindd.scheduler")
    let clock: WallClock = SystemClock()
    let notify: SystemdNotifier
    var config: Config!
    var store: Store!
    var scheduler: Scheduler!
    var worker: OutboxWorker!
    var control: ControlSocketServer?
    var signalSources: [DispatchSourceSignal] = []
    var watchdogTimer: DispatchSourceTimer?

    public init(configPath: String, environment: [String: String], logger: Logger) {
        self.configPath = configPath
        self.environment = environment
        self.logger = logger
        self.notify = SystemdNotifier(environment: environment)
    }

    /// Starts everything and never returns; exits 0 on SIGTERM, 78 on a config error at
    /// start, 74 when the state cannot be opened.
    public func run() -> Never {
        let loaded: LoadedConfig
        do {
            loaded = try ServiceConfig.load(path: configPath, cache: ConfigCache(environment: environment),
                                            environment: environment, logger: logger, purpose: .start)
            config = loaded.config
        } catch let e as ConfigErrors {
            for w in e.warnings { logger.warning("\(w)") }
            for err in e.errors { logger.critical("\(err.description)") }
            logger.critical("config has \(e.errors.count) error(s); not starting")
            exit(78)
        } catch {
            logger.critical("cannot load config: \(error)")
            exit(78)
        }
        let statePath = StateLocation.path(config: config, environment: environment)
        for w in loaded.warnings { logger.warning("\(w)") }
        do {
            store = try Store(path: statePath)
            try store.releaseClaims()
            logCancelled(try store.cancelUnwanted(config: config, now: clock.now()))
        } catch {
            logger.critical("cannot open the state file", metadata: ["path": "\(statePath)", "error": "\(error)"])
            exit(74)
        }
        worker = OutboxWorker(store: store, config: config, clock: clock, logger: logger, notifiers: loaded.notifiers)
        let worker = self.worker!
        scheduler = Scheduler(config: config, store: store, clock: clock, queue: queue,
                              timer: DispatchWallTimer(queue: queue), logger: logger,
                              onEnqueued: { worker.kick() })
        scheduler.onPlanChanged = { [weak self] in self?.publishStatus() }
        installSignals()
        do {
            try queue.sync { try scheduler.start() }
        } catch {
            logger.critical("cannot plan reminders", metadata: ["error": "\(error)"])
            exit(74)
        }
        worker.kick()
        FreedMemory.release()
        startControlSocket(statePath: statePath)
        startWatchdog()
        logger.info("started", metadata: [
            "config": "\(configPath)", "config.read": "\(Self.describe(loaded.read))", "state": "\(statePath)",
            "items": "\(config.items.count)",
            "next": "\(queue.sync { describeNext() })",
        ])
        _ = notify.ready(status: queue.sync { statusLine() })
        // A config read from its YAML is snapshotted once the daemon is ready (the next
        // start reads the snapshot instead), on the scheduler's queue, so a stop or a
        // reload that comes meanwhile waits for it.
        let storeSnapshot = loaded.storeSnapshot
        queue.async { storeSnapshot() }
        dispatchMain()
    }

    /// For the log: whether the config came from its snapshot or was parsed, and why.
    static func describe(_ r: ConfigCache.Result) -> String {
        switch r {
        case .loaded(let file): return "snapshot \(file)"
        case .parsed(let why): return "parsed (\(why))"
        }
    }

    // MARK: - Control socket

    func startControlSocket(statePath: String) {
        let path: String
        do {
            path = try ControlSocketPath.resolve(statePath: statePath, environment: environment)
        } catch {
            logger.warning("no control socket; commands take effect at the next start", metadata: ["error": "\(error)"])
            return
        }
        do {
            let alias = ControlSocketPath.alias(statePath: statePath, environment: environment)
            control = try ControlSocketServer(path: path, alias: alias) { [weak self] line in
                self?.handleControl(line) ?? "error: stopping"
            }
        } catch {
            logger.warning("no control socket; commands take effect at the next start",
                           metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }

    /// A `StateChange` line (`done ID`, `snooze ID T`, …), `status` or `ping`.
    func handleControl(_ line: String) -> String {
        if let change = StateChange(line: line) {
            return queue.sync {
                do {
                    let cancelled = try change.apply(to: store, config: config, at: clock.now())
                    if !cancelled.isEmpty { worker.deliveriesCancelled() }
                    logCancelled(cancelled)
                    let affected = change.affectedItems(config)
                    try scheduler.stateChanged(items: affected)
                    logger.info("state changed; rescheduled", metadata: ["change": "\(line)", "next": "\(describeNext())"])
                    return "ok"
                } catch {
                    logger.error("cannot apply a state change", metadata: ["change": "\(line)", "error": "\(error)"])
                    return "error: \(error)"
                }
            }
        }
        switch line {
        case "status": return "ok " + queue.sync { statusLine() }
        case "ping": return "ok"
        default: return "error: unknown request"
        }
    }

    func logCancelled(_ cancelled: [(key: String, reason: CancelReason)]) {
        for c in cancelled {
            logger.info("delivery cancelled", metadata: ["delivery.key": "\(c.key)", "reason": "\(c.reason.rawValue)"])
        }
    }

    // MARK: - Signals

    func installSignals() {
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            s.setEventHandler { [weak self] in
                guard let self else { return }
                if sig == SIGHUP { self.reload() } else { self.shutdown() }
            }
            s.resume()
            signalSources.append(s)
        }
    }

    /// On `queue`.
    func reload() {
        _ = notify.reloading()
        logger.info("reloading", metadata: ["config": "\(configPath)"])
        do {
            let loaded = try ServiceConfig.load(path: configPath, cache: ConfigCache(environment: environment),
                                                environment: environment, logger: logger, purpose: .start)
            let newConfig = loaded.config
            logger.debug("config read", metadata: ["config.read": "\(Self.describe(loaded.read))"])
            for w in loaded.warnings { logger.warning("\(w)") }
            let cancelled = try store.cancelUnwanted(config: newConfig, now: clock.now())
            if !cancelled.isEmpty { worker.deliveriesCancelled() }
            logCancelled(cancelled)
            try scheduler.reload(newConfig)
            config = newConfig
            worker.update(config: newConfig, notifiers: loaded.notifiers)
            loaded.storeSnapshot()
            logger.info("reloaded", metadata: ["items": "\(newConfig.items.count)", "next": "\(describeNext())"])
            _ = notify.ready(status: statusLine())
        } catch let e as ConfigErrors {
            for w in e.warnings { logger.warning("\(w)") }
            for err in e.errors { logger.error("\(err.description)") }
            logger.error("reload refused: the config has \(e.errors.count) error(s); still running the previous one")
            _ = notify.ready(status: "reload refused (\(e.errors.count) config errors); " + statusLine())
        } catch {
            logger.error("reload failed; still running the previous config", metadata: ["error": "\(error)"])
            _ = notify.ready(status: "reload failed; " + statusLine())
        }
    }

    /// On `queue`.
    func shutdown() {
        _ = notify.stopping()
        logger.info("stopping")
        scheduler.stop()
        control?.stop()
        let finished = worker.shutdown(timeout: 20)
        if !finished { logger.warning("deliveries still in flight stay pending and go out at the next start") }
        logger.info("stopped")
        exit(0)
    }

    // MARK: - systemd

    func startWatchdog() {
        guard let interval = notify.watchdogInterval() else { return }
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(deadline: .now(), repeating: .milliseconds(Int(interval * 1000)))
        // Pinging from the scheduler's queue proves that queue is alive.
        t.setEventHandler { [weak self] in _ = self?.notify.watchdog() }
        t.resume()
        watchdogTimer = t
    }

    func publishStatus() {
        _ = notify.status(statusLine())
    }

    func describeNext() -> String {
        guard let n = scheduler.next else { return "none" }
        return "\(Agenda.localStamp(n.at, config.calendar)) \(Agenda.kindLabel(n)) \(n.subject)"
    }

    func statusLine() -> String {
        "\(config.items.count) items; next reminder: \(describeNext())"
    }
}

