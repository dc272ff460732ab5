import Foundation
import Testing

/// Under systemd (`Type=notify`): READY=1 with a status once planned, RELOADING=1 and
/// READY=1 around a reload, watchdog pings, STOPPING=1 and exit 0 on SIGTERM, and log
/// lines with journald priorities.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason))
struct SystemdTests {
    @Test func notifiesReadyReloadingWatchdogAndStopping() async throws {
        let ws = try Workspace("notify")
        let hook = try await HTTPReceiver(ws)
        let notify = try NotifySocket(path: ws.path("notify.sock"))
        let at = Workspace.instant(secondsAhead: 3600)
        var config = ConfigText(ws)
        config.channels = ["hook: { type: webhook, url: \"\(hook.url)\" }"]
        config.defaultChannels = ["hook"]
        config.items = [ConfigText.item("hourly", agreed: ws.localDay(Date()), remindAt: [ws.iso(at)])]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws, environment: [
            "NOTIFY_SOCKET": notify.path, "JOURNAL_STREAM": "8:12345", "WATCHDOG_USEC": "400000",
        ], waitForStart: false)

        let ready = try await notify.wait(for: "READY=1")
        let status = ready.split(separator: "\n").first { $0.hasPrefix("STATUS=") }
        #expect(status != nil, "READY=1 comes with a STATUS=: \(ready)")
        #expect(status?.contains("hourly") == true, "the status names the next reminder: \(ready)")
        _ = try await notify.wait(for: "WATCHDOG=1")

        var seen = notify.drain().count
        daemon.send(SIGHUP)
        _ = try await notify.wait(for: "RELOADING=1", after: seen)
        _ = try await notify.wait(for: "READY=1", after: seen)

        seen = notify.drain().count
        daemon.send(SIGTERM)
        _ = try await notify.wait(for: "STOPPING=1", after: seen)
        #expect(try await daemon.child.waitForExit(timeout: 20) == 0)

        let lines = daemon.log.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.range(of: #"^<[0-7]>"#, options: .regularExpression) != nil, "not a journald line: \(line)")
        }
        #expect(lines.contains { $0.hasPrefix("<6>") && $0.contains("started") })
    }
}
