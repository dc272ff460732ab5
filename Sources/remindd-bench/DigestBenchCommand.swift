import ArgumentParser
import Foundation
import RemindCore
import RemindDaemon
import RemindDelivery

/// Digests at scale: an owner digest for every person of a generated config and a meeting
/// digest for every series, put together and written to the outbox as the scheduler does
/// at a digest moment; then each rendered as the mail notifier would.
struct DigestBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Time to build and enqueue all digests of a large config, and the memory it takes."
    )

    @Option(help: "Items in the generated config.") var items = 10_000
    @Option(help: "People in the generated config.") var people = 500
    @Option(help: "A folder for the config and the state file (emptied first).") var dir: String
    @Option(help: "Runs; the best counts.") var runs = 3

    func run() throws {
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let now = Date()
        var fixture = FixtureConfig(items: items, now: now)
        fixture.people = people
        let digests = """
            digests:
              daily: { to: owners, at: "08:30" }
            \((0..<fixture.series).map { "  before-s\($0): { meeting: s\($0), before: 2wd, at: \"09:00\", to: [chair] }" }.joined(separator: "\n"))
            items:

            """
        let yaml = fixture.yaml(mailPath: dir + "/mail", statePath: dir + "/state.sqlite")
            .replacingOccurrences(of: "\nitems:\n", with: "\n" + digests)
        let path = dir + "/remindd.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path, kinds: Channels.kinds, files: LocalConfigFiles())
        let planner = Planner(config: config)
        let renderer = try MessageRenderer(config: config)

        var best = (build: Double.infinity, enqueue: Double.infinity, render: Double.infinity)
        var written = 0, listed = 0
        for run in 0..<runs {
            let store = try Store(path: dir + "/state-\(run).sqlite")
            let t0 = monotonicSeconds()
            let builder = DigestBuilder(planner: planner, state: try store.planState())
            let out = config.digests.flatMap { builder.deliveries(for: planner.currentDigestMoment($0, now: now), now: now) }
            let t1 = monotonicSeconds()
            try store.enqueue(out, late: false, now: now)
            let t2 = monotonicSeconds()
            for d in out { _ = renderer.render(OutgoingMessage(delivery: d)) }
            let t3 = monotonicSeconds()
            best = (min(best.build, t1 - t0), min(best.enqueue, t2 - t1), min(best.render, t3 - t2))
            written = out.count
            listed = out.reduce(0) { $0 + ($1.digest?.itemCount ?? 0) }
            Figures.note("run \(run + 1): \(out.count) digests, build \(Int((t1 - t0) * 1000)) ms, enqueue \(Int((t2 - t1) * 1000)) ms, render \(Int((t3 - t2) * 1000)) ms")
        }
        Figures.emit("digest_items", items)
        Figures.emit("digest_people", people)
        Figures.emit("digest_count", written)
        Figures.emit("digest_entries", listed)
        Figures.emit("digest_build_ms", best.build * 1000, digits: 1)
        Figures.emit("digest_enqueue_ms", best.enqueue * 1000, digits: 1)
        Figures.emit("digest_total_ms", (best.build + best.enqueue) * 1000, digits: 1)
        Figures.emit("digest_render_ms", best.render * 1000, digits: 1)
        Figures.emit("digest_peak_rss_mb", Self.peakRSSMiB(), digits: 1)
    }

    /// `VmHWM`: the most resident memory the process had, in MiB.
    static func peakRSSMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kb / 1024
    }
}
