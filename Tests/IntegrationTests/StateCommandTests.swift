import Foundation
import Testing

/// `done`, `snooze` and `event` against a running daemon: the change reaches it over the
/// control socket and the plan changes within a second.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason))
struct StateCommandTests {
    /// A workspace with a webhook receiver and the items `items` makes; their moment `at`
    /// is `ahead` seconds from when the receiver is up, so a slow start does not eat it.
    static func setup(_ name: String, ahead: Double = 12, settings: [String] = [], events: [String] = [],
                      items: (Workspace, String, Date) -> [String]) async throws -> (Workspace, HTTPReceiver, Date) {
        let ws = try Workspace(name)
        let hook = try await HTTPReceiver(ws)
        let at = Workspace.instant(secondsAhead: ahead)
        var config = ConfigText(ws)
        config.settings = settings
        config.channels = ["hook: { type: webhook, url: \"\(hook.url)\" }"]
        config.defaultChannels = ["hook"]
        config.events = events
        config.items = items(ws, ws.localDay(Date()), at)
        try ws.writeConfig(config.yaml)
        return (ws, hook, at)
    }

    /// How long to wait for a reminder due at `instant`: until then, and ten seconds more.
    /// A fixed wait from the start of polling ran out a fraction of a second before a
    /// snoozed reminder's moment on a loaded machine.
    static func waitFor(_ instant: Date) -> Double { max(0, instant.timeIntervalSinceNow) + 10 }

    /// The state command must reach the daemon before the moment, or the test means nothing.
    static func requireTimeLeft(until at: Date) throws {
        try #require(Date() < at.addingTimeInterval(-1), "the daemon took too long to start for this test to mean anything")
    }

    @Test func doneStopsAReminderSecondsAhead() async throws {
        let (ws, hook, at) = try await Self.setup("done") { ws, today, at in [
            ConfigText.item("finished", agreed: today, remindAt: [ws.iso(at)]),
            ConfigText.item("control", agreed: today, remindAt: [ws.iso(at)]),
        ] }
        let daemon = try await DaemonProcess(ws)
        try Self.requireTimeLeft(until: at)
        let done = try await Remindd.run(["done", "finished", "--config", ws.configPath], in: ws)
        #expect(done.status == 0, "\(done)")
        #expect(done.stdout.contains("daemon rescheduled"), "\(done)")

        // The other item due at the same moment proves the daemon was there to send it.
        try await Poll.until("the control item's reminder", timeout: Self.waitFor(at), context: { daemon.diagnostics }) {
            hook.requests.contains { $0.itemID == "control" }
        }
        try await Task.sleep(for: .milliseconds(1500))
        #expect(!hook.requests.contains { $0.itemID == "finished" }, "a done item's reminder went out")
        #expect(try await Remindd.history(ws, item: "finished").isEmpty)
        let actions = try await Remindd.actions(ws, item: "finished")
        #expect(actions.count == 1, "\(actions)")
        #expect(actions.first?["action"] as? String == "done" && actions.first?["source"] as? String == "cli")
        #expect((actions.first?["at"] as? String)?.hasSuffix("Z") == true)
        #expect(try await Remindd.actions(ws, item: "control").isEmpty)
        let status = try await Remindd.run(["status", "--config", ws.configPath, "--json"], in: ws)
        let finished = try status.jsonArray().first { $0["id"] as? String == "finished" }
        #expect(finished?["status"] as? String == "done", "\(status)")
        #expect(try await daemon.terminate() == 0)
    }

    @Test func snoozeMovesTheReminderToTheEndOfTheSnooze() async throws {
        let (ws, hook, at) = try await Self.setup("snooze") { ws, today, at in [
            ConfigText.item("later", agreed: today, remindAt: [ws.iso(at)]),
        ] }
        let until = at.addingTimeInterval(3)
        let daemon = try await DaemonProcess(ws)
        try Self.requireTimeLeft(until: at)
        let snooze = try await Remindd.run(["snooze", "later", "--until", ws.iso(until), "--config", ws.configPath], in: ws)
        #expect(snooze.status == 0, "\(snooze)")
        #expect(snooze.stdout.contains("daemon rescheduled"), "\(snooze)")

        let post = try await Poll.until("the snoozed reminder", timeout: Self.waitFor(until), context: { daemon.diagnostics }) {
            hook.requests.first { $0.itemID == "later" }
        }
        #expect(post.receivedAt >= until, "came \(until.timeIntervalSince(post.receivedAt)) s before the snooze ended")
        #expect(post.body["scheduled"] as? String == Workspace.utc(until))
        try await Task.sleep(for: .milliseconds(1500))
        #expect(hook.requests.count == 1, "once, when the snooze ends")
        #expect(try await daemon.terminate() == 0)
    }

    @Test func eventOccurredSchedulesTheItemWaitingForIt() async throws {
        let now = Date()
        // Every day a working day from midnight, so the item's on-due reminder for an event
        // that happened today lies a few hours back and is caught up at once.
        let (ws, hook, _) = try await Self.setup("event", settings: ["workweek: mon-sun", "workday: \"00:00-23:59\""], events: [
            "ruling: { title: Ruling of the Council of State, owner: alice, expected: \"\(Self.day(now, 60))/\(Self.day(now, 70))\" }",
        ]) { _, today, _ in [
            ConfigText.item("reconvene", title: "Reconvene after the ruling", agreed: today, due: "after ruling",
                            extra: ["policy: { on_due: true }"]),
        ] }
        let daemon = try await DaemonProcess(ws)
        let agendaBefore = try await Remindd.run(["agenda", "--config", ws.configPath, "--json", "--days", "90"], in: ws)
        #expect(try agendaBefore.jsonArray().allSatisfy { $0["item"] as? String != "reconvene" }, "a waiting item has no reminders")

        let today = ws.localDay(now)
        let event = try await Remindd.run(["event", "ruling", "--occurred", today, "--config", ws.configPath], in: ws)
        #expect(event.status == 0, "\(event)")
        #expect(event.stdout.contains("daemon rescheduled"), "\(event)")
        #expect(event.stdout.contains("1 item"), "\(event)")

        let post = try await Poll.until("the waiting item's reminder", context: { daemon.diagnostics }) {
            hook.requests.first { $0.itemID == "reconvene" }
        }
        #expect(post.body["kind"] as? String == "due")
        let endOfToday = try ws.instant(day: today, time: "23:59:00")
        #expect(post.item?["deadline"] as? String == Workspace.utc(endOfToday))
        #expect(!hook.requests.contains { ($0.body["event"] as? [String: Any])?["id"] as? String == "ruling" },
                "a recorded event gets no notices")
        #expect(try await daemon.terminate() == 0)
    }

    /// `done` typed in an admin shell (no `$RUNTIME_DIRECTORY`) reaches a daemon whose
    /// socket lives in systemd's runtime directory, through the alias beside the state file.
    @Test func commandsFindADaemonRunningUnderSystemd() async throws {
        let (ws, hook, at) = try await Self.setup("runtime") { ws, today, at in [
            ConfigText.item("finished", agreed: today, remindAt: [ws.iso(at)]),
            ConfigText.item("control", agreed: today, remindAt: [ws.iso(at)]),
        ] }
        let runtime = ws.path("run")
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
        let daemon = try await DaemonProcess(ws, environment: ["RUNTIME_DIRECTORY": runtime])
        #expect(FileManager.default.fileExists(atPath: runtime + "/control.sock"))
        try Self.requireTimeLeft(until: at)
        let done = try await Remindd.run(["done", "finished", "--config", ws.configPath], in: ws)
        #expect(done.stdout.contains("daemon rescheduled"), "\(done)")
        try await Poll.until("the control item's reminder", timeout: Self.waitFor(at), context: { daemon.diagnostics }) {
            hook.requests.contains { $0.itemID == "control" }
        }
        try await Task.sleep(for: .milliseconds(1000))
        #expect(!hook.requests.contains { $0.itemID == "finished" })
        #expect(try await daemon.terminate() == 0)
    }

    /// The local day `days` after `date`, `YYYY-MM-DD` (for an expected window well ahead).
    static func day(_ date: Date, _ days: Int) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date.addingTimeInterval(Double(days) * 86_400))
    }
}
