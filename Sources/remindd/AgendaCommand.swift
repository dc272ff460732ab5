import ArgumentParser
import Foundation
import RemindCore

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Show what will be sent when.",
        discussion: """
        Lists the planned reminders from --from (default: now) for --days days, in the \
        config's time zone: date and time with weekday, kind, item, recipients, channels. \
        With --json prints one JSON array of objects with at (UTC), kind, item, to and channels: \
        indented on a terminal, compact (one line) when piped or redirected, indented \
        anyway with --pretty.
        """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("Start of the window: ISO 8601 (2023-09-25T00:00:00Z), a local 'YYYY-MM-DD HH:MM', or a date.", valueName: "when"))
    var from: String?

    @Option(help: "Length of the window in days.")
    var days: Int = 30

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Indent the JSON also when it is not printed to a terminal.")
    var pretty = false

    func validate() throws {
        guard days > 0 && days <= 36_600 else { throw ValidationError("--days must be between 1 and 36600") }
    }

    func run() throws {
        let (config, storeSnapshot) = try options.loadDeferringSnapshot()
        // A new snapshot is written on one core beside the planning, which leaves a core
        // idle while it sorts; the command waits for it before it exits (also on an error).
        try BesideWork(storeSnapshot).after { try printAgenda(config) }
        // Everything is written (unbuffered); half a million reminders and the items need
        // not be freed one by one on the way out.
        Foundation.exit(0)
    }

    private func printAgenda(_ config: Config) throws {
        var start = Date()
        if let from {
            guard let t = InstantArgument.parse(from, calendar: config.calendar) else {
                throw ValidationError("--from '\(from)' is not a time: use 2023-09-25T00:00:00Z, '2023-09-25 09:00' or 2023-09-25")
            }
            start = t
        }
        let state = try StateAccess.planState(config: config)
        let agenda = Agenda(config: config, state: state, from: start, days: days)
        if json {
            // Written as it is made: a year of a large config is a hundred MB and more of
            // JSON. Into a pipe, a larger pipe buffer (where the system allows) saves a
            // switch to the reader every 64 kB; nothing changes for a file or a terminal.
            _ = fcntl(STDOUT_FILENO, 1031 /* F_SETPIPE_SZ */, 1 << 20)
            agenda.writeJSON(pretty: pretty || isatty(STDOUT_FILENO) == 1) { FileHandle.standardOutput.write(Data($0)) }
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(agenda.table().utf8))
        }
    }
}
