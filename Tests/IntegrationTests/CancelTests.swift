import Foundation
import Testing

/// A delivery that can no longer be useful is not sent: an item marked done, snoozed past
/// it, or removed by a reload while its delivery is retrying ends `cancelled`, with the
/// reason, and the receiver sees no further attempt.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason))
struct CancelTests {
    /// A receiver answering 503 forever, a daemon retrying the one reminder of `item`.
    func retrying(_ name: String) async throws -> (Workspace, HTTPReceiver, DaemonProcess, ConfigText) {
        let ws = try Workspace(name)
        let hook = try await HTTPReceiver(ws, responses: "503")
        var config = ConfigText(ws)
        config.settings = [ConfigText.fastRetry]
        config.channels = ["hook: { type: webhook, url: \"\(hook.url)\" }"]
        config.defaultChannels = ["hook"]
        let at = Workspace.instant(secondsAhead: 1)
        config.items = [ConfigText.item("item", agreed: ws.localDay(Date()), remindAt: [ws.iso(at)]),
                        ConfigText.item("other", agreed: ws.localDay(Date()), due: "in 3 weeks")]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)
        try await Poll.until("two attempts", context: { daemon.diagnostics }) { hook.requests.count >= 2 }
        return (ws, hook, daemon, config)
    }

    /// After the change has returned, well past retry.max (2 s): not one more request.
    func expectNoMoreAttempts(_ hook: HTTPReceiver, after count: Int) async throws {
        try await Task.sleep(for: .milliseconds(4500))
        #expect(hook.requests.count == count, "attempts after the cancellation: \(hook.requests.count - count)")
    }

    @Test func doneMidRetryCancels() async throws {
        let (ws, hook, daemon, _) = try await retrying("cdone")
        let done = try await Remindd.run(["done", "item", "--config", ws.configPath], in: ws)
        #expect(done.status == 0, "\(done)")
        let count = hook.requests.count
        try await expectNoMoreAttempts(hook, after: count)
        let row = try #require(try await Remindd.history(ws, item: "item").first)
        #expect(row.state == "cancelled" && row.reason == "done", "\(row)")
        #expect(row.attempts >= 2, "\(row)")
        #expect(daemon.log.contains("delivery cancelled"), "\(daemon.diagnostics)")
    }

    @Test func snoozePastTheDeliveryCancels() async throws {
        let (ws, hook, _, _) = try await retrying("csnooze")
        let snooze = try await Remindd.run(["snooze", "item", "--until", "3d", "--config", ws.configPath], in: ws)
        #expect(snooze.status == 0, "\(snooze)")
        let count = hook.requests.count
        try await expectNoMoreAttempts(hook, after: count)
        let row = try #require(try await Remindd.history(ws, item: "item").first)
        #expect(row.state == "cancelled" && row.reason == "snoozed", "\(row)")
    }

    @Test func removedByReloadCancels() async throws {
        let (ws, hook, daemon, config) = try await retrying("cremove")
        var smaller = config
        smaller.items.removeFirst()
        try ws.writeConfig(smaller.yaml)
        daemon.child.send(SIGHUP)
        try await Poll.until("the reload", context: { daemon.diagnostics }) { daemon.log.contains("reloaded") }
        let count = hook.requests.count
        try await expectNoMoreAttempts(hook, after: count)
        let row = try #require(try await Remindd.history(ws, item: "item").first)
        #expect(row.state == "cancelled" && row.reason == "removed", "\(row)")
    }
}
