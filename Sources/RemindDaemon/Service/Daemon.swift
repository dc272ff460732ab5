import Dispatch
import Foundation
import Logging
import RemindCore
import RemindDelivery
import Prometheus
import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// `remindd run`: loads the config, opens the store and plans, then runs the daemon as a
/// group of services (swift-service-lifecycle): control socket, scheduler, SIGHUP reloads,
/// outbox worker, systemd. SIGHUP reloads (a broken config is refused and the running one
/// kept); SIGTERM or SIGINT shuts the group down in reverse order: systemd hears STOPPING=1,
/// the worker starts no new delivery and lets those on the wire finish, reloads end, the
/// timers are disarmed and the socket closes.
public final class Daemon: @unchecked Sendable {
    let configPath: String
    let environment: [String: String]
    let logger: Logger
    let queue = DispatchQueue(label: "remindd.scheduler")
    let clock: WallClock = SystemClock()
    let notify: SystemdNotifier
    var config: Config!
    var store: (any StateStore)!
    var scheduler: Scheduler!
    /// The nodes of a PostgreSQL store; nil with SQLite.
    var cluster: Cluster?
    var worker: OutboxWorker!
    var control: ControlSocketServer?
    var watchdogTimer: DispatchSourceTimer?
    var statePath = ""
    /// The link keys and API tokens of the config in use.
    var secrets = ServiceSecrets()
    /// What `/metrics` writes out; set by the executable after bootstrapping the metrics.
    public var metricsRegistry: PrometheusCollectorRegistry?
    /// Open once the HTTP server listens (at once without one): READY=1 waits for it.
    let httpListening = Latch()
    /// Where the HTTP server listens, fixed at start.
    var httpListen: ListenAddress?
    /// Reads owners' replies when `inbox:` is set (at start; a reload changes its settings).
    var inboxPoller: InboxPoller?
    /// The config's item ids by their reply-token hash, made at the first reply after a load.
    private var replyItems: ReplyToken.ItemIndex?
    /// Where `run()` must be started: `Task(executorPreference: daemon.executor) { … }`.
    public let executor = ServiceExecutor()
    private var loadedRead: ConfigCache.Result?
    private var storeSnapshot: (@Sendable () -> Void)?

    public init(configPath: String, environment: [String: String], logger: Logger) {
        self.configPath = configPath
        self.environment = environment
        self.logger = logger
        self.notify = SystemdNotifier(environment: environment)
    }

    /// Runs until SIGTERM or SIGINT and returns the exit status: 0 after a graceful stop,
    /// 78 for a config error at start, 74 when the state cannot be opened or planned from,
    /// 70 when the group fails.
    public func run() async -> Int32 {
        if let failed = start() { return failed }
        // Trapped before READY=1 (which the systemd service sends), like the group's own
        // SIGTERM and SIGINT, so no signal sent after READY finds its default action.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: ControlService(daemon: self)),
            .init(service: SchedulerService(daemon: self)),
            .init(service: ReloadService(daemon: self, signals: hangups)),
            .init(service: OutboxService(worker: worker, logger: logger)),
        ]
        if cluster != nil { services.append(.init(service: ClusterService(daemon: self))) }
        if let inboxPoller {
            services.append(.init(service: InboxService(poller: inboxPoller)))
        }
        if let listen = httpListen {
            services.append(.init(service: HTTPService(daemon: self, listen: listen)))
        } else {
            httpListening.open()
        }
        services.append(.init(service: SystemdService(daemon: self)))
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        do {
            try await group.run()
        } catch {
            logger.critical("the daemon's services failed", metadata: ["error": "\(error)"])
            return 70
        }
        logger.info("stopped")
        return 0
    }

    /// Loads, opens the store, cancels what is no longer wanted, plans and binds the
    /// control socket. Returns an exit status when the daemon cannot start.
    func start() -> Int32? {
        let loaded: LoadedConfig
        do {
            loaded = try ServiceConfig.load(path: configPath, cache: ConfigCache(environment: environment),
                                            environment: environment, logger: logger, purpose: .start)
            config = loaded.config
            secrets = loaded.secrets
            httpListen = loaded.config.http?.listen
        } catch let e as ConfigErrors {
            for w in e.warnings { logger.warning("\(w)") }
            for err in e.errors { logger.critical("\(err.description)") }
            logger.critical("config has \(e.errors.count) error(s); not starting")
            return 78
        } catch {
            logger.critical("cannot load config: \(error)")
            return 78
        }
        statePath = StateStores.location(config: config, environment: environment)
        for w in loaded.warnings { logger.warning("\(w)") }
        do {
            store = try StateStores.open(config: config, setup: loaded.store, environment: environment, logger: logger)
            try store.releaseClaims()
            logCancelled(try store.cancelUnwanted(config: config, now: clock.now()))
        } catch {
            logger.critical("cannot open the state database", metadata: ["state": "\(statePath)", "error": "\(error)"])
            return 74
        }
        worker = OutboxWorker(store: store, config: config, clock: clock, logger: logger, notifiers: loaded.notifiers)
        scheduler = makeScheduler()
        do {
            try joinCluster()
        } catch {
            logger.critical("cannot join the nodes of the state database", metadata: ["state": "\(statePath)", "error": "\(error)"])
            return 74
        }
        do {
            if plans { try queue.sync { try scheduler.start() } }
        } catch {
            logger.critical("cannot plan reminders", metadata: ["error": "\(error)"])
            return 74
        }
        worker.kick()
        if let inbox = loaded.inbox { inboxPoller = InboxPoller(daemon: self, setup: inbox, logger: logger) }
        FreedMemory.release()
        startControlSocket(statePath: StateStores.socketBase(config: config, environment: environment))
        loadedRead = loaded.read
        storeSnapshot = loaded.storeSnapshot
        return nil
    }

    /// READY=1 and the start line; then the config's snapshot is written (the next start
    /// reads it instead of the YAML), on the scheduler's queue, so a stop or a reload that
    /// comes meanwhile waits for it.
    func announceReady() {
        logger.info("started", metadata: [
            "config": "\(configPath)", "config.read": "\(loadedRead.map(Self.describe) ?? "-")",
            "state": "\(statePath)", "items": "\(config.items.count)",
            "next": "\(queue.sync { describeNext() })",
        ])
        _ = notify.ready(status: queue.sync { statusLine() })
        if let storeSnapshot {
            self.storeSnapshot = nil
            queue.async {
                storeSnapshot()
                // Writing it (on all cores) leaves freed buffers in every thread's heap.
                FreedMemory.release()
            }
        }
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
            // With a PostgreSQL store a command without a socket writes the store and the
            // nodes hear of it; several nodes on one host must not fight over one alias.
            let alias = cluster == nil ? ControlSocketPath.alias(statePath: statePath, environment: environment) : nil
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
                    if plans {
                        try scheduler.stateChanged(items: change.affectedItems(config), events: Set([change.event].compactMap { $0 }))
                    }
                    logger.info("state changed; rescheduled", metadata: ["change": "\(line)", "next": "\(describeNext())"])
                    return "ok"
                } catch {
                    logger.error("cannot apply a state change", metadata: ["change": "\(line)", "error": "\(error)"])
                    return "error: \(error)"
                }
            }
        }
        if line.hasPrefix("digest ") {
            let words = line.split(separator: " ").map(String.init)
            return queue.sync { sendDigest(words.count > 1 ? words[1] : "", person: words.count > 2 ? words[2] : nil) }
        }
        switch line {
        case "status": return "ok " + queue.sync { statusLine() }
        case "ping": return "ok"
        default: return "error: unknown request"
        }
    }

    /// `digest NAME [PERSON]` from `remindd digest --send`: the digest as it is now, through
    /// the outbox. Answers `ok N`, N the deliveries written. On `queue`.
    func sendDigest(_ name: String, person: String?) -> String {
        guard let d = config.digest(name) else { return "error: unknown digest '\(name)'" }
        if let person, config.people[person] == nil { return "error: unknown person '\(person)'" }
        let now = clock.now()
        let moment = Planner(config: config).currentDigestMoment(d, now: now, people: person.map { [$0] })
        do {
            let written = try store.enqueueDigestNow(moment, config: config, now: now)
            worker.kick()
            logger.info("digest queued by request", metadata: ["digest": "\(name)", "deliveries": "\(written.count)"])
            return "ok \(written.count)"
        } catch {
            logger.error("cannot queue a digest", metadata: ["digest": "\(name)", "error": "\(error)"])
            return "error: \(error)"
        }
    }

    /// On `queue`.
    func replyIndex() -> ReplyToken.ItemIndex {
        if let replyItems { return replyItems }
        let index = ReplyToken.ItemIndex(config.items.map(\.id))
        replyItems = index
        return index
    }

    func logCancelled(_ cancelled: [(key: String, reason: CancelReason)]) {
        for c in cancelled {
            logger.info("delivery cancelled", metadata: ["delivery.key": "\(c.key)", "reason": "\(c.reason.rawValue)"])
        }
    }

    // MARK: - Reload

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
            if plans { try scheduler.reload(newConfig) }
            config = newConfig
            if !plans { scheduler = makeScheduler() }
            secrets = loaded.secrets
            if newConfig.http?.listen != httpListen {
                logger.warning("http.listen changed; the server keeps its address until the next start",
                               metadata: ["listen": "\(httpListen.map { "\($0)" } ?? "off")"])
            }
            worker.update(config: newConfig, notifiers: loaded.notifiers)
            replyItems = nil
            if let inbox = loaded.inbox {
                if let inboxPoller { inboxPoller.update(inbox) } else {
                    logger.warning("inbox: was added; replies are read from the next start")
                }
            } else if inboxPoller != nil {
                logger.warning("inbox: was removed; replies are read until the next start")
            }
            loaded.storeSnapshot()
            FreedMemory.release()
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

    // MARK: - systemd

    /// Nil when ready (config loaded, store writable, timers armed), else why not. On `queue`.
    func readiness() -> String? {
        guard scheduler.isRunning || !plans else { return "timers not armed" }
        do { try store.checkWritable() } catch { return "state not writable" }
        return nil
    }

    func publishStatus() {
        _ = notify.status(statusLine())
    }

    func describeNext() -> String {
        guard let n = scheduler.next else { return "none" }
        return "\(Agenda.localStamp(n.at, config.calendar)) \(Agenda.kindLabel(n)) \(n.subject)"
    }

    func statusLine() -> String {
        let role = cluster.map { $0.leads ? "leader; " : "follower; " } ?? ""
        return "\(role)\(config.items.count) items; next reminder: \(plans ? describeNext() : "planned by the leader")"
    }
}

