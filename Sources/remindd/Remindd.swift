import ArgumentParser

@main
struct Remindd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remindd",
        abstract: "Reminds people of the action items they agreed to in meetings.",
        subcommands: [Check.self, Import.self]
    )
}
