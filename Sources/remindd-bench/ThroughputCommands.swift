import ArgumentParser
import Foundation
import RemindCore
import RemindDaemon
import RemindDelivery

enum BenchChannel: String, ExpressibleByArgument {
    case webhook, smtp

    /// The channel's config lines for a server at `url`.
    func yaml(url: String) -> String {
        switch self {
        case .webhook: return "  hook: { type: webhook, url: \"\(url)\", format: json }"
        case .smtp: return "  mail: { type: smtp, url: \"\(url)\", from: \"remindd <remindd@example.org>\", tls: none }"
        }
    }
}

/// `durable`: reminders through the whole path. `--count` items fall due at one instant;
/// the scheduler writes their outbox rows, the worker claims them in batches, sends them
/// over the channel's notifier and records each outcome. The figure is deliveries per
/// second from the firing to the last recorded outcome, read from the outbox itself.
struct DurableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "durable", abstract: "Durable delivery throughput.")

    @Option(help: "webhook or smtp.")
    var channel: BenchChannel

    @Option(help: "The server: http://127.0.0.1:PORT/hook or smtp://127.0.0.1:PORT.")
    var url: String

    @Option(help: "Reminders to deliver.")
    var count = 5_000

    @Option(help: "Working folder (state, log).")
    var dir: String

    @Option(help: "A PostgreSQL store (postgresql://USER@HOST:PORT/DB, an empty database) instead of SQLite.")
    var store: String?

    @Option(help: "With --store: nodes delivering (the first also plans).")
    var nodes = 1

    func run() throws {
        // As `remindd run` does.
        FreedMemory.useOneHeap()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: 0xD0_12AB)
        let now = Date()
        // A whole second a little ahead: loading and planning happen before it.
        let at = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + 3 + Double(count) / 20_000).rounded(.up))
        let agreed = LocalDate(dayNumber: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
        var yaml = RigConfig.header(channel: channel.yaml(url: url), people: 100)
        for i in 0..<count {
            yaml += RigConfig.item("d\(i)", owner: Int.random(in: 0..<100, using: &rng), agreed: agreed, at: at)
        }
        let config = try ConfigLoader.load(text: yaml, path: dir + "/durable.yaml", kinds: Channels.kinds, files: LocalConfigFiles())
        let postgres = try store.map { (url: try StoreURL($0), password: ProcessInfo.processInfo.environment["PGPASSWORD"]) }
        let label = postgres == nil ? "" : "_pg\(nodes)"
        let rig = try DaemonRig(config: config, statePath: dir + "/durable-\(channel).sqlite", postgres: postgres,
                                logger: DaemonRig.logger(path: dir + "/durable-\(channel)\(label).log"))
        let others = try (1..<max(1, postgres == nil ? 1 : nodes)).map { n in
            try DaemonRig(config: config, statePath: "", postgres: postgres, plans: false,
                          logger: DaemonRig.logger(path: dir + "/durable-\(channel)\(label)-\(n).log"))
        }
        for r in others { try r.start() }
        try rig.start()
        guard Date() < at else { throw ValidationError("planning took longer than the lead; lower --count") }
        let deadline = monotonicSeconds() + 60 + Double(at.timeIntervalSinceNow) + Double(count) / 200
        while monotonicSeconds() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            let counts = try rig.store.deliveryCounts()
            if counts.values.reduce(0, +) == count && (counts[.pending] ?? 0) == 0 { break }
        }
        rig.stop()
        for r in others { r.stop() }
        let rows = try rig.store.history()
        let sent = rows.filter { $0.state == .sent }
        guard sent.count == count else {
            let sample = rows.first { $0.state != .sent }.map { "\($0.state.rawValue): \($0.lastError ?? "-")" } ?? "none written"
            throw ValidationError("\(sent.count) of \(count) delivered (\(sample))")
        }
        let fired = rows.map(\.created).min()!
        let finished = rows.map(\.updated).max()!
        let seconds = finished.timeIntervalSince(fired)
        let on = postgres == nil ? "" : " on PostgreSQL, \(nodes) node\(nodes == 1 ? "" : "s")"
        Figures.note("durable \(channel)\(on): \(count) reminders in \(Figures.format(seconds, digits: 3)) s from firing to last outcome")
        Figures.emit("\(channel)_durable\(label)_per_s", Double(count) / seconds, digits: 0)
    }
}

/// `raw`: the wire's own pace. One reused libcurl handle sends a message of the size remindd
/// sends, `--count` times in a loop, nothing else.
struct RawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "raw", abstract: "Raw libcurl throughput with a reused handle.")

    @Option(help: "webhook or smtp.")
    var channel: BenchChannel

    @Option(help: "The server: http://127.0.0.1:PORT/hook or smtp://127.0.0.1:PORT.")
    var url: String

    @Option(help: "Transfers.")
    var count = 5_000

    func run() throws {
        let transfer: RawTransfer
        let payload: [UInt8]
        switch channel {
        case .webhook:
            transfer = try RawTransfer.webhook(url: url)
            payload = Array(Self.webhookBody.utf8)
        case .smtp:
            transfer = try RawTransfer.smtp(url: url, from: "remindd@example.org", recipients: ["p1@example.org"])
            payload = Array(Self.mail.utf8)
        }
        let t0 = monotonicSeconds()
        for _ in 0..<count {
            let code = try transfer.send(payload)
            guard (200..<300).contains(code) else { throw ValidationError("server answered \(code)") }
        }
        let seconds = monotonicSeconds() - t0
        Figures.note("raw \(channel): \(count) transfers in \(Figures.format(seconds, digits: 3)) s")
        Figures.emit("\(channel)_raw_per_s", Double(count) / seconds, digits: 0)
    }

    /// About the size of remindd's JSON webhook body for a reminder.
    static let webhookBody = """
    {"key":"d1234/at/20250101T090000Z/hook","kind":"at","scheduled":"2025-01-01T09:00:00Z","late":false,\
    "item":{"id":"d1234","title":"Actie d1234 uitwerken","owner":"p17","with":[],"deadline":null,\
    "meeting":null,"due":null,"notes":null},"recipients":[{"id":"p17","name":"Deelnemer 17",\
    "email":["p17@example.org"]}],"text":"Herinnering: Actie d1234 uitwerken (p17). Gepland op wo 1 januari 2025 10:00."}
    """

    /// About the size of remindd's mail for a reminder.
    static let mail: String = {
        let body = String(repeating: "Herinnering: Actie d1234 uitwerken, eigenaar Deelnemer 17, gepland op 1 januari.\r\n", count: 8)
        return "From: remindd <remindd@example.org>\r\nTo: Deelnemer 17 <p1@example.org>\r\n"
            + "Subject: Herinnering: Actie d1234 uitwerken\r\nDate: Wed, 01 Jan 2025 10:00:00 +0100\r\n"
            + "Message-ID: <d1234.at.20250101T090000Z.mail@remindd>\r\nAuto-Submitted: auto-generated\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + body
    }()
}
