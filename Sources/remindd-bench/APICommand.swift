import ArgumentParser
import Foundation
import GRDB

/// `api`: the real `remindd run` with its HTTP server and `--items` items: GET
/// /api/v1/items latency, action POSTs per second (each answered after its state change is
/// committed), the /metrics scrape time, and the daemon's timer lateness while the API is
/// kept busy from two connections.
struct APICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "api", abstract: "API latency and throughput, timers under API load.")

    @Option(help: "The remindd binary.") var remindd: String
    @Option(help: "Working folder.") var dir: String
    @Option(help: "Items in the config.") var items = 10_000
    @Option(help: "GET /api/v1/items requests to time.") var gets = 200
    @Option(help: "Action POSTs.") var posts = 2_000
    @Option(help: "Reminders falling due while the API is loaded.") var fires = 1_000
    @Option(help: "Seconds over which they fall due.") var seconds = 20.0

    static let token = "bench-write-token-0123456789abcdef"

    func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    func run() throws {
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let port = try freePort()
        try (Self.token + "\n").write(toFile: dir + "/write", atomically: true, encoding: .utf8)
        // The timer reminders start 45 s after the config is written: start-up and the three
        // quiet measurements come first.
        let start = Date().addingTimeInterval(45)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var yaml = """
            timezone: Europe/Amsterdam
            state: \(dir)/state.sqlite
            http: { listen: "127.0.0.1:\(port)", write_token_file: \(dir)/write }
            channels: { local: { type: maildir, path: \(dir)/mail } }
            people: { p: { email: p@example.org } }
            defaults: { channels: [local], policy: { before: [], on_due: false, overdue: { times: 0 }, undated: { every: 52w } } }
            items:

            """
        for i in 0..<items { yaml += "  - { id: i\(i), title: Item \(i), owner: p, agreed: 2026-01-05, due: 2031-06-0\(1 + i % 9) }\n" }
        for i in 0..<fires {
            let at = start.addingTimeInterval(seconds * Double(i) / Double(fires) + Double(i % 997) / 1_000_003)
            yaml += "  - { id: t\(i), title: Timer \(i), owner: p, agreed: 2026-01-05, remind_at: [\"\(iso.string(from: at))\"] }\n"
        }
        try yaml.write(toFile: dir + "/remindd.yaml", atomically: true, encoding: .utf8)

        let socket = try NotifySocket(path: dir + "/notify.sock")
        let daemon = try DaemonProcess(executable: remindd, arguments: ["run", "--config", dir + "/remindd.yaml"],
                                       environment: cleanEnvironment(["NOTIFY_SOCKET": socket.path, "REMINDD_CACHE_DIR": "off"]),
                                       log: dir + "/daemon.log")
        defer { daemon.stop() }
        guard socket.waitReady(timeout: 60) else { throw BenchError("no READY=1 (see \(dir)/daemon.log)") }
        let client = try LoopbackHTTP(port: port)

        var get: [Double] = []
        for _ in 0..<gets {
            let t0 = monotonicSeconds()
            let r = try client.request("GET", "/api/v1/items", token: Self.token)
            guard r.status == 200 else { throw BenchError("GET /api/v1/items answered \(r.status)") }
            get.append((monotonicSeconds() - t0) * 1000)
        }
        get.sort()
        Figures.note("GET /api/v1/items (\(items + fires) items): p50 \(Figures.format(Figures.percentile(get, 0.5), digits: 2)) ms, p99 \(Figures.format(Figures.percentile(get, 0.99), digits: 2)) ms")
        Figures.emit("api_items_p50_ms", Figures.percentile(get, 0.5), digits: 2)
        Figures.emit("api_items_p99_ms", Figures.percentile(get, 0.99), digits: 2)

        let t0 = monotonicSeconds()
        for i in 0..<posts {
            let r = try client.request("POST", "/api/v1/items/i\(i % items)/\(i < items ? "done" : "reopen")", token: Self.token)
            guard r.status == 200 else { throw BenchError("POST answered \(r.status)") }
        }
        let rate = Double(posts) / (monotonicSeconds() - t0)
        Figures.note("action POSTs, each committed before its answer: \(Int(rate))/s")
        Figures.emit("api_posts_per_s", rate, digits: 0)

        var scrape: [Double] = []
        for _ in 0..<50 {
            let s0 = monotonicSeconds()
            guard try client.request("GET", "/metrics", token: nil).status == 200 else { throw BenchError("/metrics failed") }
            scrape.append((monotonicSeconds() - s0) * 1000)
        }
        scrape.sort()
        Figures.emit("api_metrics_scrape_ms", Figures.percentile(scrape, 0.5), digits: 2)

        // Two connections keep the API busy while the timer reminders fall due.
        let until = start.addingTimeInterval(seconds + 2)
        guard Date() < start else { throw BenchError("the quiet measurements ran past the first timer; use fewer requests") }
        let group = DispatchGroup()
        let served = LockedCount()
        for _ in 0..<2 {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let c = try? LoopbackHTTP(port: port) else { return }
                while Date() < until {
                    if (try? c.request("GET", "/api/v1/items?state=open", token: Self.token))?.status == 200 { served.add() }
                }
            }.start()
        }
        group.wait()
        Thread.sleep(forTimeInterval: 1)
        let db = try DatabaseQueue(path: dir + "/state.sqlite")
        let late = try db.read { db in
            try Double.fetchAll(db, sql: "SELECT (created_at - scheduled) * 1000 FROM delivery WHERE subject LIKE 't%'")
        }.sorted()
        guard late.count == fires else { throw BenchError("\(late.count) of \(fires) timer reminders enqueued") }
        Figures.note("timer lateness under API load (\(served.value) GETs served meanwhile): p99 \(Figures.format(Figures.percentile(late, 0.99), digits: 2)) ms, max \(Figures.format(late.last ?? 0, digits: 2)) ms, \(late.filter { $0 < 0 }.count) early")
        Figures.emit("api_load_requests", served.value)
        Figures.emit("api_load_timer_p99_ms", Figures.percentile(late, 0.99), digits: 2)
        Figures.emit("api_load_timer_max_ms", late.last ?? 0, digits: 2)
    }
}

final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
