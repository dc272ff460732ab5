import ArgumentParser
import Foundation
import RemindCore
import RemindDelivery
import RemindDaemon

/// `fixture`: writes the large config (and, with `--state`, the state a daemon that has
/// been running it would have) for the start-up and agenda figures.
struct FixtureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixture",
        abstract: "Write a config with many items, and optionally the state of a daemon that ran it."
    )

    @Option(help: "Folder to write remindd.yaml (and state.sqlite, mail/) into.")
    var dir: String

    @Option(help: "Number of items.")
    var items = 100_000

    @Flag(help: "Also write the state: item states, recorded events, every past delivery, the planning watermark.")
    var state = false

    func run() throws {
        let folder = URL(fileURLWithPath: dir).standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let now = Date()
        let statePath = folder + "/state.sqlite"
        let yaml = FixtureConfig(items: items, now: now).yaml(mailPath: folder + "/mail", statePath: statePath)
        let configPath = folder + "/remindd.yaml"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: configPath))
        Figures.note("fixture: \(configPath): \(items) items, \(yaml.utf8.count / 1_000_000) MB")
        Figures.emit("fixture_items", items)
        Figures.emit("fixture_yaml_bytes", yaml.utf8.count)
        guard state else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: statePath + suffix) }
        let rows = try FixtureState.write(configPath: configPath, statePath: statePath, now: now)
        Figures.note("fixture: \(statePath): \(rows) past deliveries")
        Figures.emit("fixture_deliveries", rows)
    }
}

/// The state of a daemon that has run the fixture config until `now`: most items whose
/// deadline is weeks past are done, a few open ones are snoozed, some awaited events were
/// recorded, and every reminder that fell due was sent on time.
enum FixtureState {
    static func write(configPath: String, statePath: String, now: Date) throws -> Int {
        let config = try ConfigLoader.load(path: configPath, kinds: Channels.kinds, files: LocalConfigFiles())
        let store = try Store(path: statePath)
        let planner = Planner(config: config)
        var rng = SplitMix64(seed: 0xD0_4E)
        let empty = PlanState()
        for item in config.items {
            guard let d = planner.deadline(of: item, state: empty).instant else { continue }
            let age = now.timeIntervalSince(d)
            if age > 14 * 86_400, Int.random(in: 0..<10, using: &rng) < 6 {
                try store.setDone(item.id, at: d.addingTimeInterval(86_400))
            } else if age > -30 * 86_400, Int.random(in: 0..<50, using: &rng) == 0 {
                try store.snooze(item.id, until: now.addingTimeInterval(3 * 86_400), at: now.addingTimeInterval(-86_400))
            }
        }
        for name in config.events.keys.sorted() where Int.random(in: 0..<10, using: &rng) < 2 {
            guard let w = config.events[name]?.expected, w.start < config.calendar.localDate(of: now) else { continue }
            try store.recordEvent(name, occurred: w.start.adding(days: 3), at: now.addingTimeInterval(-3600))
        }
        let past = planner.reminders(state: try store.planState(), from: .distantPast, to: now)
        let deliveries = past.flatMap(planner.deliveries(for:))
        var written = 0
        var start = 0
        while start < deliveries.count {
            let chunk = Array(deliveries[start..<min(start + 5_000, deliveries.count)])
            try store.enqueue(chunk, late: false, now: now)
            try store.apply(chunk.map { DeliveryUpdate.sent($0.key, reply: "250 2.0.0 Ok", at: $0.reminder.at.addingTimeInterval(0.2)) })
            written += chunk.count
            start += 5_000
        }
        try store.setPlannedThrough(now)
        return written
    }
}
