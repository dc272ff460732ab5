import Foundation
import Testing

/// A daemon with nothing due sleeps: no thread of it wakes while it waits (a periodic
/// wake-up, such as libdispatch's pool monitor once something used a global or concurrent
/// queue, shows as a thread switching every second).
@Suite struct IdleTests {
    static func switches(_ pid: Int32) -> [String: Int] {
        let dir = "/proc/\(pid)/task"
        var out: [String: Int] = [:]
        for t in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            guard let text = try? String(contentsOfFile: "\(dir)/\(t)/status", encoding: .utf8) else { continue }
            out[t] = text.split(separator: "\n")
                .filter { $0.hasPrefix("voluntary_ctxt_switches:") || $0.hasPrefix("nonvoluntary_ctxt_switches:") }
                .compactMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
                .reduce(0, +)
        }
        return out
    }

    @Test func anIdleDaemonDoesNotWake() async throws {
        let ws = try Workspace("idle")
        var config = ConfigText(ws)
        config.channels = ["local: { type: maildir, path: ./mail }"]
        config.defaultChannels = ["local"]
        let today = ws.localDay(Date())
        config.items = [ConfigText.item("later", agreed: today, due: "in 20 weeks")]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)
        // Worker threads that served the start end after a few idle seconds.
        try await Task.sleep(for: .seconds(7))
        let before = Self.switches(daemon.child.pid)
        try await Task.sleep(for: .seconds(3))
        let after = Self.switches(daemon.child.pid)
        let woke = after.filter { tid, n in n != before[tid] }
        #expect(woke.isEmpty, "threads that woke in 3 idle seconds: \(woke) (before: \(before))\n\(daemon.diagnostics)")
        #expect(try await daemon.terminate() == 0)
    }
}
