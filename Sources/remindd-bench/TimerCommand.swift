import ArgumentParser
import Foundation
import RemindCore
import RemindDelivery
import RemindDaemon

/// `timer`: how late the daemon's own timer path fires. A config of `--items` items, every
/// one with a reminder inside the scheduler's horizon (so all of them are armed in its
/// plan), `--fires` of them spread over the next `--seconds` at microsecond-odd instants.
/// The real `Scheduler` on a `DispatchWallTimer` writes each due reminder to a file-backed
/// outbox with the instant it fired; lateness is that instant minus the scheduled one.
struct TimerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timer", abstract: "Timer lateness with many items armed.")

    @Option(help: "Working folder (state, maildir, log).")
    var dir: String

    @Option(help: "Items in the config, all armed.")
    var items = 100_000

    @Option(help: "Reminders that fall due during the run.")
    var fires = 1_000

    @Option(help: "Length of the firing period in seconds.")
    var seconds = 20.0

    @Option(help: "Seconds from writing the config to the first firing (loading and planning happen in between).")
    var lead = 10.0

    func run() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: 0x71_3E)
        let now = Date()
        let first = now.addingTimeInterval(lead)
        let today = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        let agreed = LocalDate(dayNumber: today)
        var yaml = RigConfig.header(channel: "  local: { type: maildir, path: \(dir)/mail }", people: 400)
        let spacing = seconds / Double(fires)
        for i in 0..<items {
            let at: Date
            if i < fires {
                // Spread evenly, each at an odd microsecond within its slot.
                at = first.addingTimeInterval(Double(i) * spacing + Double.random(in: 0..<(spacing * 0.5), using: &rng))
            } else {
                // Later in the horizon: armed, but not due during the run.
                at = first.addingTimeInterval(seconds + 600 + Double.random(in: 0..<(5 * 86_400), using: &rng))
            }
            yaml += RigConfig.item("t\(i)", owner: Int.random(in: 0..<400, using: &rng), agreed: agreed, at: at)
        }
        let t0 = monotonicSeconds()
        let config = try ConfigLoader.load(text: yaml, path: dir + "/timer.yaml", kinds: Channels.kinds, files: LocalConfigFiles())
        let rig = try DaemonRig(config: config, statePath: dir + "/timer.sqlite", logger: DaemonRig.logger(path: dir + "/timer.log"))
        try rig.start()
        let armed = rig.armed
        Figures.note("timer: \(items) items loaded and \(armed) reminders armed in \(Figures.format(monotonicSeconds() - t0, digits: 2)) s")
        guard Date() < first else {
            throw ValidationError("loading and planning took longer than --lead \(lead) s; raise it")
        }
        let end = first.addingTimeInterval(seconds + 1)
        Thread.sleep(forTimeInterval: max(0, end.timeIntervalSinceNow))
        rig.stop()
        let rows = try rig.store.history().filter { $0.kind == .at }
        var lateness: [Double] = []
        var fireInstants = Set<Double>()
        for r in rows {
            lateness.append(r.created.timeIntervalSince(r.scheduled) * 1000)
            fireInstants.insert(r.created.timeIntervalSince1970)
        }
        lateness.sort()
        let (_, early) = rig.timer.counts
        let late = rows.filter(\.late).count
        let handler = rig.timer.handlerLateness.sorted()
        Figures.note("timer: handler lateness p50 \(Figures.format(Figures.percentile(handler, 50), digits: 3)) ms, p99 \(Figures.format(Figures.percentile(handler, 99), digits: 3)) ms, max \(Figures.format(handler.last ?? .nan, digits: 3)) ms")
        Figures.note("timer: \(rows.count) of \(fires) reminders fired in \(fireInstants.count) firings; \(early) early timer firings; \(late) flagged late")
        guard rows.count == fires else {
            throw ValidationError("only \(rows.count) of \(fires) reminders reached the outbox")
        }
        Figures.emit("timer_items", items)
        Figures.emit("timer_armed", armed)
        Figures.emit("timer_fires", fireInstants.count)
        Figures.emit("timer_early", early)
        Figures.emit("timer_lateness_min_ms", lateness.first!)
        Figures.emit("timer_lateness_p50_ms", Figures.percentile(lateness, 50))
        Figures.emit("timer_lateness_p99_ms", Figures.percentile(lateness, 99))
        Figures.emit("timer_lateness_max_ms", lateness.last!)
    }
}

/// `timer-floor`: the same schedule slept through with a bare `clock_nanosleep` on the
/// wall clock, no Dispatch, no daemon: what this machine itself allows, to read the
/// daemon's lateness against.
struct TimerFloorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timer-floor",
                                                    abstract: "Lateness of bare clock_nanosleep on the same schedule.")

    @Option(help: "Wake-ups.")
    var fires = 1_000

    @Option(help: "Length of the period in seconds.")
    var seconds = 20.0

    func run() throws {
        var rng = SplitMix64(seed: 0x71_3E)
        let spacing = seconds / Double(fires)
        let first = Date().timeIntervalSince1970 + 0.5
        var lateness: [Double] = []
        for i in 0..<fires {
            let target = first + Double(i) * spacing + Double.random(in: 0..<(spacing * 0.5), using: &rng)
            let whole = target.rounded(.down)
            var ts = timespec(tv_sec: Int(whole), tv_nsec: Int((target - whole) * 1_000_000_000))
            while clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, nil) == EINTR {}
            lateness.append((Date().timeIntervalSince1970 - target) * 1000)
        }
        lateness.sort()
        Figures.note("timer floor: p50 \(Figures.format(Figures.percentile(lateness, 50), digits: 3)) ms, p99 \(Figures.format(Figures.percentile(lateness, 99), digits: 3)) ms, max \(Figures.format(lateness.last!, digits: 3)) ms")
        Figures.emit("timer_floor_p50_ms", Figures.percentile(lateness, 50))
        Figures.emit("timer_floor_p99_ms", Figures.percentile(lateness, 99))
        Figures.emit("timer_floor_max_ms", lateness.last!)
    }
}
