import ArgumentParser
import Foundation
import RemindCore
import RemindDaemon

/// The config, the store and the daemon's control socket, as the state-changing commands
/// need them.
struct StateContext {
    let config: Config
    let store: any StateStore
    let socketPath: String?

    init(_ options: ConfigOption) throws {
        config = try options.load()
        let env = ProcessInfo.processInfo.environment
        do {
            store = try StateStores.open(config: config, environment: env)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(error.isConfig ? 78 : 74)
        }
        socketPath = try? ControlSocketPath.resolve(statePath: StateStores.socketBase(config: config, environment: env),
                                                    environment: env)
    }

    func item(_ id: String) throws -> Item {
        guard let item = config.item(id) else {
            let hint = Suggestion.closest(id, in: config.items.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
            Console.error("error: unknown item '\(id)' in \(config.path)\(hint)")
            throw ExitCode(1)
        }
        return item
    }

    /// Applies a state change through the running daemon when there is one (it owns the
    /// state file under systemd's DynamicUser and reschedules at once), else writes the
    /// state file directly; the daemon then picks the change up at its next start.
    func change(_ request: StateChange) throws -> String {
        if let socketPath, let reply = ControlClient.send(path: socketPath, line: request.line, timeout: 5) {
            if reply.hasPrefix("ok") { return "daemon rescheduled" }
            Console.error("error: the daemon refused the change: \(reply)")
            throw ExitCode(1)
        }
        try request.apply(to: store, config: config, at: Date())
        if store is PostgresStore { return "written to the shared store; the leading node reschedules" }
        return "no daemon running; takes effect at its next start"
    }
}

struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark an item done: it gets no more reminders.")
    @OptionGroup var options: ConfigOption
    @Argument(help: "The item's id.", completion: .configNames(.items)) var id: String

    func run() throws {
        let ctx = try StateContext(options)
        _ = try ctx.item(id)
        Console.out("\(id): done (\(try ctx.change(.done(id))))")
    }
}

struct Reopen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a done or snoozed item: its reminders resume.")
    @OptionGroup var options: ConfigOption
    @Argument(help: "The item's id.", completion: .configNames(.items)) var id: String

    func run() throws {
        let ctx = try StateContext(options)
        _ = try ctx.item(id)
        Console.out("\(id): open (\(try ctx.change(.reopen(id))))")
    }
}

struct Snooze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snooze",
        abstract: "Hold back an item's reminders until a moment.",
        discussion: "What fell due during the snooze comes once when it ends.")
    @OptionGroup var options: ConfigOption
    @Argument(help: "The item's id.", completion: .configNames(.items)) var id: String
    @Option(help: ArgumentHelp("When the snooze ends: a duration from now (2h, 3d, 1w, 2wd), a date (that day's workday start), '2023-10-20 14:00' or ISO 8601.", valueName: "when"))
    var until: String

    func run() throws {
        let ctx = try StateContext(options)
        _ = try ctx.item(id)
        let cal = ctx.config.calendar
        guard let end = InstantArgument.snoozeEnd(until, now: Date(), calendar: cal) else {
            throw ValidationError("--until '\(until)' is not a moment in the future: use 2h, 3d, 2wd, 2023-10-20, '2023-10-20 14:00' or ISO 8601")
        }
        let told = try ctx.change(.snooze(id, until: end))
        Console.out("\(id): snoozed until \(Agenda.localStamp(end, cal)) (\(told))")
    }
}

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Record that an awaited event happened; items waiting on it get their deadline.")
    @OptionGroup var options: ConfigOption
    @Argument(help: "The event's name, as under events: in the config.", completion: .configNames(.events))
    var name: String
    @Option(help: ArgumentHelp("The day it happened (YYYY-MM-DD, or 'today').", valueName: "date"))
    var occurred: String

    func run() throws {
        let ctx = try StateContext(options)
        guard ctx.config.events[name] != nil else {
            let hint = Suggestion.closest(name, in: Array(ctx.config.events.keys)).map { "; did you mean '\($0)'?" } ?? ""
            Console.error("error: unknown event '\(name)' in \(ctx.config.path)\(hint)")
            throw ExitCode(1)
        }
        let day: LocalDate
        if occurred.lowercased() == "today" || occurred.lowercased() == "vandaag" {
            day = ctx.config.calendar.localDate(of: Date())
        } else if let d = LocalDate(occurred) {
            day = d
        } else {
            throw ValidationError("--occurred '\(occurred)' is not a date: use YYYY-MM-DD or today")
        }
        let told = try ctx.change(.event(name, occurred: day))
        let waiting = ctx.config.items.filter { $0.due?.eventName == name }.map(\.id)
        Console.out("\(name): occurred \(day); \(waiting.count) item\(waiting.count == 1 ? "" : "s") scheduled (\(told))")
    }
}
