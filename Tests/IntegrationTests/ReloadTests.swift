import Foundation
import Testing

/// SIGHUP: a broken config is refused with its position and the running one kept; a good
/// one is taken, its new reminders fire, and nothing already sent goes out again.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason))
struct ReloadTests {
    @Test func brokenReloadKeepsTheOldConfigAndAGoodOneAddsItems() async throws {
        let ws = try Workspace("reload")
        let hook = try await HTTPReceiver(ws)
        let today = ws.localDay(Date())
        let oldAt = Workspace.instant(secondsAhead: 5)
        var config = ConfigText(ws)
        config.channels = ["hook: { type: webhook, url: \"\(hook.url)\" }"]
        config.defaultChannels = ["hook"]
        config.items = [ConfigText.item("old", agreed: today, remindAt: [ws.iso(oldAt)])]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)

        // A config with an unknown key on its last line.
        let broken = config.yaml + "colour: blue\n"
        let brokenLine = broken.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        try ws.writeConfig(broken)
        var mark = daemon.log.count
        daemon.send(SIGHUP)
        try await daemon.waitForLog("reload refused", after: mark)
        let position = "\(ws.configPath):\(brokenLine):1: error:"
        #expect(daemon.log.dropFirst(mark).contains(position), "expected '\(position)' in:\n\(daemon.log)")
        #expect(daemon.log.dropFirst(mark).contains("colour"))
        #expect(daemon.isRunning)

        let old = try await Poll.until("the old config's reminder", context: { daemon.diagnostics }) {
            hook.requests.first { $0.itemID == "old" }
        }
        #expect(old.receivedAt >= oldAt)

        // Now a good config that adds an item a few seconds ahead.
        let newAt = Workspace.instant(secondsAhead: 3)
        config.items.append(ConfigText.item("new", title: "Added by a reload", agreed: today, remindAt: [ws.iso(newAt)]))
        try ws.writeConfig(config.yaml)
        mark = daemon.log.count
        daemon.send(SIGHUP)
        try await daemon.waitForLog("reloaded", after: mark)
        let new = try await Poll.until("the added item's reminder", context: { daemon.diagnostics }) {
            hook.requests.first { $0.itemID == "new" }
        }
        #expect(new.receivedAt >= newAt)
        #expect(new.body["late"] as? Bool == false)
        try await Task.sleep(for: .milliseconds(1500))
        #expect(hook.requests.filter { $0.itemID == "old" }.count == 1, "nothing re-sent after the reload")
        #expect(hook.requests.filter { $0.itemID == "new" }.count == 1)
        let history = try await Remindd.history(ws)
        #expect(history.count == 2 && history.allSatisfy { $0.state == "sent" && $0.attempts == 1 }, "\(history)")
        #expect(try await daemon.terminate() == 0)
    }
}
