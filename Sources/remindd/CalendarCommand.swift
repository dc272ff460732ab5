import ArgumentParser
import Foundation
import RemindCore
import RemindDaemon
import RemindDelivery

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

        With --url (needs http.public_url and links in the config) prints instead the \
        secret address of the same feed served by the daemon (/cal/TOKEN.ics), for a \
        calendar to subscribe to; it works until its link key is rotated away.
        """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: "The person's id, as under people: in the config.", completion: .configNames(.people))
    var person: String

    @Flag(help: "Print the feed's subscription address instead of the feed.")
    var url = false

    func run() throws {
        let config = try options.load()
        guard config.people[person] != nil else {
            let hint = Suggestion.closest(person, in: config.people.keys.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            Console.error("error: unknown person '\(person)' in \(config.path)\(hint)")
            throw ExitCode(1)
        }
        if url {
            guard let publicURL = config.http?.publicURL, config.links != nil else {
                Console.error("error: --url needs http.public_url and links (key_file) in \(config.path)")
                throw ExitCode(78)
            }
            let (secrets, problems, _) = ServiceSecrets.load(config, purpose: .start)
            guard let keys = secrets.linkKeys else {
                for p in problems { Console.error("error: \(p.key): \(p.message)") }
                throw ExitCode(78)
            }
            print(CalendarFeedURL.make(publicURL: publicURL, person: person, keys: keys))
            return
        }
        let feed = CalendarFeed(config: config, state: try StateAccess.planState(config: config), person: person,
                                revisions: try StateAccess.calendarRevisions(config: config))
        FileHandle.standardOutput.write(Data(feed.document(config: config, now: Date()).utf8))
    }
}
