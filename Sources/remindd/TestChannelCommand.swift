import ArgumentParser
import Foundation
import Logging
import RemindCore
import RemindDelivery

struct TestChannel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-channel",
        abstract: "Send one reminder now through a channel and print the outcome.",
        discussion: """
        Sends a sample reminder (or, with --item, that item's next reminder) through the \
        channel NAME to ADDRESS only, with the same code the daemon uses, and prints the \
        server's reply. Exit status: 0 sent; 1 refused (permanent); 75 temporary failure \
        (the daemon would retry); 78 the channel cannot be used as configured.
        """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: ArgumentHelp("The channel, as named under channels: in the config.", valueName: "name"),
              completion: .configNames(.channels))
    var name: String

    @Option(name: .long, help: ArgumentHelp("The only recipient: an e-mail address (or, for a webhook, a name).", valueName: "address"))
    var to: String

    @Option(name: .long, help: ArgumentHelp("Send this item's next reminder instead of a sample.", valueName: "id"),
            completion: .configNames(.items))
    var item: String?

    @Flag(name: .long, help: "Log the delivery in detail on stderr.")
    var verbose = false

    func run() throws {
        let config = try options.load()
        var logger = Logger(label: "remindd.test-channel", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = verbose ? .debug : .critical
        let outcome: ChannelTest.Outcome
        do {
            outcome = try ChannelTest.run(channel: name, to: to, itemID: item, config: config,
                                          environment: ProcessInfo.processInfo.environment, logger: logger)
        } catch let e as ChannelTest.Failure {
            Console.error("test-channel: \(e)")
            throw ExitCode(1)
        } catch {
            Console.error("test-channel: \(error)")
            throw ExitCode(78)
        }
        switch outcome.result {
        case .sent(let reply):
            Console.out("sent through \(name) to \(to): \(reply)")
            Console.out("subject: \(outcome.subject)")
        case .retry(let reason, let after):
            let wait = after.map { ", server asks to wait \(Int($0)) s" } ?? ""
            Console.error("not sent through \(name) (temporary failure, the daemon would retry\(wait)): \(reason)")
            throw ExitCode(75)
        case .failed(let reason):
            Console.error("not sent through \(name): \(reason)")
            throw ExitCode(1)
        }
    }
}
