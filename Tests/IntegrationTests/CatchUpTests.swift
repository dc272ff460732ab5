import Foundation
import Testing

/// Reminders whose moment passed while no daemon ran (here: before its first start) are
/// sent late within `catch_up`, recorded as missed beyond it, and repeats of one item
/// collapse into one.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason))
struct CatchUpTests {
    /// A fixed-offset zone in which it is now between 12:00 and 13:00, so the day's
    /// working hours so far lie a few hours back whenever the test runs.
    static func zoneAtNoon(_ now: Date) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let shift = 12 - utc.component(.hour, from: now)
        return shift == 0 ? "Etc/UTC" : "Etc/GMT\(shift > 0 ? "-" : "+")\(abs(shift))"
    }

    @Test func pastRemindersAreSentLateOrRecordedMissed() async throws {
        let now = Date()
        let ws = try Workspace("catchup", zone: Self.zoneAtNoon(now))
        let hook = try await HTTPReceiver(ws)
        let twoHoursAgo = Date(timeIntervalSince1970: (now.timeIntervalSince1970 - 2 * 3600).rounded(.down))
        let twoDaysAgo = Date(timeIntervalSince1970: (now.timeIntervalSince1970 - 48 * 3600).rounded(.down))
        let yesterday = ws.localDay(now.addingTimeInterval(-86_400))
        // Overdue hourly from the working day after the deadline: today 09:00, 10:00 and
        // 11:00, all missed while down; the latest is sent, once.
        let today = ws.localDay(now)
        let lastOverdue = try ws.instant(day: today, time: "11:00:00")
        let agreed = ws.localDay(now.addingTimeInterval(-7 * 86_400))
        var config = ConfigText(ws)
        config.timezone = ws.zone.identifier
        config.settings = ["catch_up: 24h", "workweek: mon-sun"]
        config.channels = ["hook: { type: webhook, url: \"\(hook.url)\" }"]
        config.defaultChannels = ["hook"]
        config.items = [
            ConfigText.item("recent", agreed: agreed, remindAt: [ws.iso(twoHoursAgo)]),
            ConfigText.item("stale", agreed: agreed, remindAt: [ws.iso(twoDaysAgo)]),
            ConfigText.item("lapsed", agreed: agreed, due: yesterday,
                            extra: ["policy: { overdue: { every: 1h, times: 3 } }"]),
        ]
        try ws.writeConfig(config.yaml)
        var daemon = try await DaemonProcess(ws)

        let recent = try await Poll.until("the late reminder", context: { daemon.diagnostics }) {
            hook.requests.first { $0.itemID == "recent" }
        }
        #expect(recent.body["late"] as? Bool == true)
        #expect(recent.body["scheduled"] as? String == Workspace.utc(twoHoursAgo))
        let lapsed = try await Poll.until("the collapsed overdue reminder", context: { daemon.diagnostics }) {
            hook.requests.first { $0.itemID == "lapsed" }
        }
        #expect(lapsed.body["kind"] as? String == "overdue")
        #expect(lapsed.body["late"] as? Bool == true)
        #expect(lapsed.body["scheduled"] as? String == Workspace.utc(lastOverdue), "the latest of the missed repeats")
        try await Task.sleep(for: .milliseconds(1500))
        #expect(!hook.requests.contains { $0.itemID == "stale" }, "older than catch_up: never sent")
        #expect(hook.requests.count == 2, "\(hook.requests.map(\.rawBody))")

        let history = try await Remindd.history(ws)
        let recentRow = try #require(history.first { $0.item == "recent" }, "\(history)")
        #expect(recentRow.state == "sent" && recentRow.late && recentRow.attempts == 1, "\(recentRow)")
        let staleRow = try #require(history.first { $0.item == "stale" }, "\(history)")
        #expect(staleRow.state == "missed" && staleRow.attempts == 0, "\(staleRow)")
        #expect(staleRow.scheduled == Workspace.utc(twoDaysAgo))
        #expect(history.filter { $0.item == "lapsed" }.count == 1, "\(history)")
        #expect(daemon.log.contains("reminder missed") && daemon.log.contains(staleRow.key), "\(daemon.log)")

        // A restart sends nothing again: the outbox remembers what was sent and missed.
        #expect(try await daemon.terminate() == 0)
        daemon = try await DaemonProcess(ws)
        try await Task.sleep(for: .milliseconds(1500))
        #expect(hook.requests.count == 2)
        #expect(try await Remindd.history(ws).count == history.count)
        #expect(try await daemon.terminate() == 0)
    }
}
