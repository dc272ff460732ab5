import ArgumentParser

@main
struct Remindd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remindd",
        abstract: "Reminds people of the action items they agreed to in meetings.",
        discussion: """
        Action items, their owners and deadlines live in a YAML config \
        (default /etc/remindd/remindd.yaml, or --config). remindd works out when each owner \
        must be reminded and sends the reminders by e-mail, webhook or into a maildir.

        Start with: remindd check --config FILE, then remindd agenda --config FILE.
        """,
        version: BuildInfo.version,
        subcommands: [Check.self, AgendaCommand.self, Run.self, Status.self, Done.self, Reopen.self, Snooze.self, EventCommand.self, History.self, CalendarCommand.self, DigestCommand.self, TestChannel.self, Import.self]
    )
}
