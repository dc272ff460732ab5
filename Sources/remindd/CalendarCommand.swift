import ArgumentParser
import Foundation
import RemindCore

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Print a person's deadlines as an iCalendar feed.",
        discussion: """
        Writes to stdout an iCalendar file (RFC 5545) with one event per item the person \
        owns or is named 'with' on that is not done and has a deadline: all-day on the \
        deadline's date, or at its time in UTC. Each event has the same UID as the \
        calendar file in that item's reminder mails, so a calendar that imports both keeps \
        one event. Save it as a .ics file to import it. Exits 1 for an unknown person.
        """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: "The person's id, as under people: in the config.")
    var person: String

    func run() throws {
        let config = try options.load()
        guard config.people[person] != nil else {
            let hint = Suggestion.closest(person, in: config.people.keys.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            Console.error("error: unknown person '\(person)' in \(config.path)\(hint)")
            throw ExitCode(1)
        }
        let feed = CalendarFeed(config: config, state: try StateAccess.planState(config: config), person: person)
        FileHandle.standardOutput.write(Data(feed.document(config: config, now: Date()).utf8))
    }
}
