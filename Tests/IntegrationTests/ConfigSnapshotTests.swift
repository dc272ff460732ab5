import Foundation
import Testing

/// The config snapshot from the outside: a restart with the same config reads it, and an
/// edit — good or broken — is always read from the YAML, so a broken config still stops the
/// daemon with its position.
@Suite struct ConfigSnapshotIntegrationTests {
    @Test func aRestartReadsTheSnapshotAndAnEditIsParsed() async throws {
        let ws = try Workspace("snapshot")
        var config = ConfigText(ws)
        config.channels = ["local: { type: maildir, path: ./mail }"]
        config.defaultChannels = ["local"]
        let today = ws.localDay(Date())
        config.items = [ConfigText.item("first", agreed: today, due: "in 2 weeks")]
        try ws.writeConfig(config.yaml)

        let first = try await DaemonProcess(ws)
        #expect(first.log.contains("config.read=\"parsed (no snapshot)\""), "\(first.diagnostics)")
        #expect(try await first.terminate() == 0)

        let second = try await DaemonProcess(ws)
        #expect(second.log.contains("config.read=\"snapshot \(ws.path("cache"))/config-"), "\(second.diagnostics)")
        #expect(second.log.contains("items=1"), "\(second.diagnostics)")
        #expect(try await second.terminate() == 0)

        // An added item is seen at the next start.
        config.items.append(ConfigText.item("second", agreed: today, due: "in 3 weeks"))
        try ws.writeConfig(config.yaml)
        let third = try await DaemonProcess(ws)
        #expect(third.log.contains("config.read=\"parsed (\(ws.configPath) changed)\""), "\(third.diagnostics)")
        #expect(third.log.contains("items=2"), "\(third.diagnostics)")
        #expect(try await third.terminate() == 0)

        // A broken edit: check and run refuse it with its position, snapshot or not.
        config.items.append(ConfigText.item("third", owner: "nobody", agreed: today, due: "in 3 weeks"))
        try ws.writeConfig(config.yaml)
        let check = try await Remindd.run(["check", "--config", ws.configPath], in: ws)
        #expect(check.status == 78, "\(check)")
        #expect(check.stderr.contains("unknown person 'nobody'"), "\(check)")
        let broken = try await DaemonProcess(ws, waitForStart: false)
        #expect(try await broken.child.waitForExit(timeout: 20) == 78, "\(broken.diagnostics)")
        #expect(broken.log.contains("unknown person 'nobody'"), "\(broken.diagnostics)")
    }

    /// `agenda` and `check` write the snapshot beside their planning: each leaves one whole
    /// snapshot that the next start reads, and no temporary file, also when `agenda` then
    /// refuses its arguments.
    @Test func agendaAndCheckLeaveASnapshotTheDaemonReads() async throws {
        for command in [["agenda", "--from", "not-a-time"], ["agenda", "--json"], ["check"]] {
            let ws = try Workspace("snapshot-\(command[0])")
            var config = ConfigText(ws)
            config.channels = ["local: { type: maildir, path: ./mail }"]
            config.defaultChannels = ["local"]
            config.items = [ConfigText.item("first", agreed: ws.localDay(Date()), due: "in 2 weeks")]
            try ws.writeConfig(config.yaml)

            let run = try await Remindd.run(command + ["--config", ws.configPath], in: ws)
            #expect(run.status == (command.contains("not-a-time") ? 64 : 0), "\(command): \(run)")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: ws.path("cache"))) ?? []
            #expect(files.count == 1 && files[0].hasSuffix(".snapshot"), "\(command): \(files)")

            let daemon = try await DaemonProcess(ws)
            #expect(daemon.log.contains("config.read=\"snapshot \(ws.path("cache"))/config-"), "\(command): \(daemon.diagnostics)")
            #expect(try await daemon.terminate() == 0)
        }
    }
}
