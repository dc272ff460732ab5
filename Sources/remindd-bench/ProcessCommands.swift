import ArgumentParser
import Foundation
import RemindCore

/// `startup`: exec of the real `remindd run` to `READY=1` on a notify socket, and its
/// resident memory at that moment. The first start finds no config snapshot (a config just
/// written or changed: the YAML is parsed and the snapshot written); the median of the
/// `--runs` starts after it (restarts, the snapshot read) is the headline figure.
struct StartupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "startup", abstract: "Exec to READY=1, and RSS then.")

    @Option(help: "The remindd binary.")
    var remindd: String

    @Option(help: "The config (its state file is used as it is).")
    var config: String

    @Option(help: "Starts to take the median of.")
    var runs = 3

    @Option(help: "Working folder (notify socket, log, config snapshots).")
    var dir: String

    func run() throws {
        var ready: [Double] = []
        var rss: [Double] = []
        var anon: [Double] = []
        let cache = dir + "/startup-cache"
        try? FileManager.default.removeItem(atPath: cache)
        for i in 0...runs {
            let socket = try NotifySocket(path: dir + "/notify.sock")
            let env = cleanEnvironment(["NOTIFY_SOCKET": socket.path, "REMINDD_CACHE_DIR": cache])
            let t0 = monotonicSeconds()
            let daemon = try DaemonProcess(executable: remindd, arguments: ["run", "--config", config], environment: env,
                                           log: dir + "/startup.log")
            guard socket.waitReady(timeout: 120) else {
                daemon.stop()
                throw BenchError("remindd sent no READY=1 within 120 s (see \(dir)/startup.log)")
            }
            let seconds = monotonicSeconds() - t0
            let mib = daemon.residentMiB() ?? .nan
            let anonMiB = daemon.residentMiB("RssAnon") ?? .nan
            daemon.stop()
            let what = i == 0 ? "first start (YAML parsed)" : "restart \(i) (snapshot read)"
            Figures.note("startup, \(what): READY=1 after \(Figures.format(seconds, digits: 3)) s, RSS \(Figures.format(mib, digits: 1)) MiB (anonymous \(Figures.format(anonMiB, digits: 1)))")
            if i == 0 {
                Figures.emit("startup_ready_first_s", seconds)
                Figures.emit("startup_rss_first_mb", mib, digits: 1)
                continue
            }
            ready.append(seconds)
            rss.append(mib)
            anon.append(anonMiB)
        }
        Figures.emit("startup_ready_s", ready.sorted()[runs / 2])
        Figures.emit("startup_rss_mb", rss.sorted()[runs / 2], digits: 1)
        Figures.emit("startup_rss_anon_mb", anon.sorted()[runs / 2], digits: 1)
    }
}

/// `agenda`: wall time of `remindd agenda --json` over `--days` days, output read in full
/// and checked to be a JSON array. The median of `--runs` runs.
struct AgendaTimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agenda", abstract: "Time remindd agenda --json.")

    @Option(help: "The remindd binary.")
    var remindd: String

    @Option(help: "The config.")
    var config: String

    @Option(help: "Days of agenda.")
    var days = 365

    @Option(help: "Runs to take the median of (after a first run that parses the YAML).")
    var runs = 3

    @Option(help: "Folder for the config snapshot (emptied first).")
    var cacheDir: String

    func run() throws {
        var times: [Double] = []
        var entries = 0
        let from = UTCStamp.iso(Date())
        try? FileManager.default.removeItem(atPath: cacheDir)
        for i in 0...runs {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: remindd)
            p.arguments = ["agenda", "--json", "--days", "\(days)", "--from", from, "--config", config]
            p.environment = cleanEnvironment(["REMINDD_CACHE_DIR": cacheDir])
            let out = Pipe()
            p.standardOutput = out
            let t0 = monotonicSeconds()
            try p.run()
            let data = Self.readAll(out.fileHandleForReading.fileDescriptor)
            p.waitUntilExit()
            let seconds = monotonicSeconds() - t0
            guard p.terminationStatus == 0, let list = try JSONSerialization.jsonObject(with: data) as? [Any] else {
                throw BenchError("remindd agenda failed (exit \(p.terminationStatus))")
            }
            entries = list.count
            let what = i == 0 ? "first run (YAML parsed)" : "run \(i) (snapshot read)"
            Figures.note("agenda, \(what): \(entries) reminders, \(data.count / 1_000_000) MB of JSON in \(Figures.format(seconds, digits: 3)) s")
            if i == 0 {
                Figures.emit("agenda_first_s", seconds)
                continue
            }
            times.append(seconds)
        }
        Figures.emit("agenda_s", times.sorted()[runs / 2])
        Figures.emit("agenda_reminders", entries)
    }

    /// Everything from `fd`, read straight into one large buffer: `readDataToEndOfFile`
    /// grows its `Data` in small steps, and with 150 MB of JSON that copying, on the same two
    /// cores as remindd, added a third to the time measured for remindd.
    static func readAll(_ fd: Int32) -> Data {
        var capacity = 64 << 20
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var count = 0
        while true {
            if count == capacity {
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                bigger.copyMemory(from: buffer, byteCount: count)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n = read(fd, buffer + count, min(4 << 20, capacity - count))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            count += n
        }
        return Data(bytesNoCopy: buffer, count: count, deallocator: .custom { p, _ in p.deallocate() })
    }
}

/// `idle`: a daemon with nothing due, watchdog off. Counts its threads' context switches
/// over `--seconds` after it settled, per minute.
struct IdleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "idle", abstract: "Wake-ups of an idle daemon.")

    @Option(help: "The remindd binary.")
    var remindd: String

    @Option(help: "Working folder (config, state, socket, log).")
    var dir: String

    @Option(help: "Seconds to watch.")
    var seconds = 60.0

    @Option(help: "Seconds to let it settle after READY=1.")
    var settle = 10.0

    func run() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let configPath = dir + "/idle.yaml"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dir + "/idle.sqlite" + suffix) }
        let today = LocalDate(dayNumber: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        let yaml = """
        timezone: Europe/Amsterdam
        state: \(dir)/idle.sqlite
        channels:
          local: { type: maildir, path: \(dir)/mail }
        people:
          p1: p1@example.org
        items:
          - { id: far1, title: Iets voor later, owner: p1, agreed: \(today), due: \(today.adding(days: 200)) }
          - { id: far2, title: Nog iets voor later, owner: p1, agreed: \(today), due: \(today.adding(days: 300)) }

        """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: configPath))
        let socket = try NotifySocket(path: dir + "/notify.sock")
        let daemon = try DaemonProcess(executable: remindd, arguments: ["run", "--config", configPath],
                                       environment: cleanEnvironment(["NOTIFY_SOCKET": socket.path, "REMINDD_CACHE_DIR": dir + "/cache"]),
                                       log: dir + "/idle.log")
        defer { daemon.stop() }
        guard socket.waitReady(timeout: 60) else { throw BenchError("remindd sent no READY=1 (see \(dir)/idle.log)") }
        Thread.sleep(forTimeInterval: settle)
        let before = daemon.contextSwitches()
        Thread.sleep(forTimeInterval: seconds)
        let after = daemon.contextSwitches()
        let wakeups = DaemonProcess.wakeups(from: before, to: after)
        let perMinute = Double(wakeups) * 60 / seconds
        Figures.note("idle: \(wakeups) context switches in \(Int(seconds)) s, \(after.count) threads")
        Figures.emit("idle_wakeups_per_min", perMinute, digits: 1)
    }
}
