import ArgumentParser
import Foundation
import Logging
import RemindDaemon

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon in the foreground.",
        discussion: """
        Plans every reminder, arms a timer for the next one and delivers through the \
        configured channels. Reminders missed while it was down are sent late if younger \
        than catch_up, else recorded as missed. SIGHUP reloads the config (a broken one is \
        refused and the running one kept); SIGTERM finishes deliveries in flight and exits 0. \
        Under systemd it speaks sd_notify (Type=notify, watchdog) and logs with journald \
        priorities. Exits 78 on a config error at start.
        """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"),
            completion: .list(["trace", "debug", "info", "notice", "warning", "error", "critical"]))
    var logLevel: String = "info"

    func run() throws {
        FreedMemory.useOneHeap()
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        let env = ProcessInfo.processInfo.environment
        LoggingSystem.bootstrap { label in
            var h = JournalLogHandler(label: label, environment: env)
            h.logLevel = level
            return h
        }
        let logger = Logger(label: "remindd")
        let daemon = Daemon(configPath: options.config, environment: env, logger: logger)
        daemon.metricsRegistry = DaemonMetrics.bootstrapPrometheus()
        // Medium, not the user-initiated class a task started on Linux's main thread gets:
        // Dispatch would ask for nice -2 for its threads, which a service may not take.
        Task(executorPreference: daemon.executor, priority: .medium) {
            Foundation.exit(await daemon.run())
        }
        dispatchMain()
    }
}
