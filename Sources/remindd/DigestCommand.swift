import ArgumentParser
import Foundation
import Logging
import RemindCore
import RemindDaemon
import RemindDelivery

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Show a digest as it would go out now, or send it.",
        discussion: """
        Prints the digest NAME (under digests: in the config) for each of its people, or \
        only for --person, as it would be sent now: its subject and text (or with --html \
        its HTML part, with --json its sections). People with nothing to read are left \
        out, as the daemon leaves them out.

        With --send it goes through the outbox: to a running daemon, which sends it at \
        once; without one, this command sends it through the configured channels itself \
        and prints each outcome. A digest sent by hand has keys of its own and does not \
        replace the scheduled one. Exit status: 0 shown or sent; 1 unknown digest or \
        person; 75 not sent yet (retried later); 69 a delivery failed; 78 config error.
        """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: "The digest's name, as under digests: in the config.", completion: .configNames(.digests))
    var name: String

    @Option(help: ArgumentHelp("Only this person's digest.", valueName: "id"), completion: .configNames(.people))
    var person: String?

    @Flag(help: "Print the HTML part instead of the text.")
    var html = false

    @Flag(help: "Print the digests' contents as JSON.")
    var json = false

    @Flag(help: "Send it now through the outbox.")
    var send = false

    func run() throws {
        let config = try options.load()
        guard let digest = config.digest(name) else {
            let hint = Suggestion.closest(name, in: config.digests.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
            Console.error("error: unknown digest '\(name)' in \(config.path)\(hint)")
            throw ExitCode(1)
        }
        if let person, config.people[person] == nil {
            let hint = Suggestion.closest(person, in: config.people.keys.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            Console.error("error: unknown person '\(person)' in \(config.path)\(hint)")
            throw ExitCode(1)
        }
        if send { return try sendNow(config) }
        let now = Date()
        let moment = Planner(config: config).currentDigestMoment(digest, now: now, people: person.map { [$0] })
        let contents = DigestBuilder(config: config, state: try StateAccess.planState(config: config))
            .contents(for: moment, now: now)
        if json {
            let list = try contents.map { try JSON(parsing: $0.encoded()) }
            print(JSON.array(list).serialized(pretty: true))
            return
        }
        if contents.isEmpty {
            Console.error("digest '\(name)': nothing to report now for \(person ?? "anyone"); it would not be sent")
            return
        }
        let renderer = try MessageRenderer(config: config)
        for (i, c) in contents.enumerated() {
            let delivery = PlannedDelivery(key: moment.key(channel: "preview"), reminder: Planner.digest(moment, for: c.person),
                                           channel: "preview", to: [c.person], cc: [], digest: c)
            let text = renderer.render(OutgoingMessage(delivery: delivery))
            if html {
                print(text.html ?? "")
                continue
            }
            if i > 0 { print("") }
            print("To: \(config.people[c.person]?.displayName ?? c.person) <\(c.person)>")
            print("Subject: \(text.subject)")
            print("")
            print(text.body, terminator: text.body.hasSuffix("\n") ? "" : "\n")
        }
    }

    private func sendNow(_ config: Config) throws {
        let env = ProcessInfo.processInfo.environment
        if let socket = try? ControlSocketPath.resolve(statePath: StateStores.socketBase(config: config, environment: env),
                                                       environment: env),
           let reply = ControlClient.send(path: socket, line: "digest \(name)" + (person.map { " \($0)" } ?? ""), timeout: 10) {
            guard reply.hasPrefix("ok") else {
                Console.error("error: the daemon refused: \(reply)")
                throw ExitCode(1)
            }
            let n = reply.split(separator: " ").dropFirst().first.map(String.init) ?? "0"
            print("digest '\(name)': \(n) deliver\(n == "1" ? "y" : "ies") queued; the daemon sends them now (remindd history \(name))")
            return
        }
        // No daemon: the same outbox, drained here.
        let loaded = try options.loadForStart()
        let store = try StateStores.open(config: loaded.config, setup: loaded.store, environment: env)
        let now = Date()
        let moment = Planner(config: loaded.config).currentDigestMoment(loaded.config.digest(name)!, now: now,
                                                                        people: person.map { [$0] })
        let written = try store.enqueueDigestNow(moment, config: loaded.config, now: now)
        guard !written.isEmpty else {
            print("digest '\(name)': nothing to report now; nothing sent")
            return
        }
        var logger = Logger(label: "remindd.digest", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        let worker = OutboxWorker(store: store, config: loaded.config, clock: SystemClock(), logger: logger,
                                  notifiers: loaded.notifiers)
        worker.kick()
        let deadline = Date().addingTimeInterval(60)
        var records: [DeliveryRecord] = []
        repeat {
            Thread.sleep(forTimeInterval: 0.05)
            records = try written.compactMap { try store.delivery(key: $0.key) }
        } while Date() < deadline && records.contains { $0.state == .pending && $0.attempts == 0 }
        worker.shutdown(timeout: 10)
        var status: Int32 = 0
        for r in records {
            let outcome = r.state == .pending ? "not sent yet, retried later: \(r.lastError ?? "")" : r.state == .sent ? "sent" : "\(r.state.rawValue): \(r.lastError ?? "")"
            print("\(r.key): \(outcome)")
            if r.state == .pending { status = max(status, 75) } else if r.state != .sent { status = 69 }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
