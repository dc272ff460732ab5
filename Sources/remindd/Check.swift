import ArgumentParser
import Foundation
import RemindCore
import RemindDaemon

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and the files it includes.",
        discussion: """
        Reads the config exactly as the daemon does. On success prints one line: items, \
        people, channels and the next reminder. On errors prints every problem as \
        PATH:LINE:COLUMN: error: MESSAGE on stderr and exits 78. With --connect and a \
        PostgreSQL store (store:), also connects, brings the schema up to date and says so; \
        a store that cannot be reached exits 74.
        """
    )

    @OptionGroup var options: ConfigOption
    @Flag(help: "Also connect to the PostgreSQL store (store:) and check its schema.") var connect = false

    func run() throws {
        let loaded = try options.loadForCheck()
        // A new snapshot is written on one core beside the planning.
        try BesideWork(loaded.storeSnapshot).after { try report(loaded) }
    }

    private func report(_ loaded: LoadedConfig) throws {
        let config = loaded.config
        let now = Date()
        let state = PlanState()
        let planner = Planner(config: config)
        for w in loaded.warnings { Console.error(w) }
        // The first in agenda order; finding it needs no sort of the whole year.
        let next = planner.reminders(state: state, from: now, to: now.addingTimeInterval(400 * 86_400), ordered: false,
                                     parallel: true)
            .min { a, b in (a.at, a.subject, a.kind.rawValue) < (b.at, b.subject, b.kind.rawValue) }
        var line = "\(config.path): ok: \(config.items.count) item\(config.items.count == 1 ? "" : "s"), "
            + "\(config.people.count) \(config.people.count == 1 ? "person" : "people"), \(config.channels.count) channel\(config.channels.count == 1 ? "" : "s"), "
            + "zone \(config.timeZoneName)"
        if let next {
            line += "; next reminder \(Agenda.localStamp(next.at, config.calendar)) (\(Agenda.kindLabel(next)), \(next.isEventNotice ? "event " : "")\(next.subject))"
        } else {
            line += "; no reminders ahead"
        }
        Console.out(line)
        if connect { try checkConnection(config) }
    }

    private func checkConnection(_ config: Config) throws {
        guard config.store != nil else {
            Console.out("state: SQLite file \(StateStores.location(config: config, environment: ProcessInfo.processInfo.environment)); nothing to connect to")
            return
        }
        do {
            let store = try StateStores.open(config: config, environment: ProcessInfo.processInfo.environment)
            let migrations = (store as? PostgresStore).map { (try? $0.appliedMigrations().count) ?? 0 } ?? 0
            Console.out("store \(store.location): connected; schema up to date (\(migrations) migrations)")
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(error.isConfig ? 78 : 74)
        }
    }
}
