import Foundation
import Testing

/// Digests through the built daemon to a real SMTP server (aiosmtpd): an owner digest per
/// person with something to read and a meeting digest for the chair, each exactly once for
/// its period across a kill -9, a restart and a reload that moves its time; `remindd digest
/// --send` through a running daemon and without one.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason))
struct DigestTests {
    /// `HH:mm:ss` of `date` in the workspace's zone.
    static func localTime(_ date: Date, _ ws: Workspace) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = ws.zone
        f.dateFormat = "HH:mm:ss"
        return f.string(from: date)
    }

    static func config(_ ws: Workspace, smtpPort: Int, digestAt: Date, meeting: Date) -> String {
        let now = Date()
        let lastWeek = ws.localDay(now.addingTimeInterval(-7 * 86_400))
        var c = ConfigText(ws)
        c.channels = ["mail: { type: smtp, url: \"smtp://127.0.0.1:\(smtpPort)\", from: \"LRT <lrt@example.org>\", tls: none }"]
        c.defaultChannels = ["mail"]
        c.settings = [
            "workweek: mon-sun",
            "catch_up: 1h",
            "meetings:",
            "  lrt: { title: LRT, dates: [\(lastWeek), \(ws.localDay(meeting))], time: \"\(localTime(meeting, ws))\" }",
            "digests:",
            "  daily: { to: owners, at: \"\(localTime(digestAt, ws))\" }",
            "  chair-before-lrt: { meeting: lrt, before: 1h, to: [chair] }",
        ]
        c.items = [
            "  - { id: late-one, title: \"Hoogte taakstelling bekijken\", owner: alice, meeting: lrt@\(lastWeek), due: \"\(ws.localDay(now.addingTimeInterval(-86_400)))\" }",
            "  - { id: soon-one, title: \"Aedes vragen locaties aan te leveren\", owner: bob, meeting: lrt@\(lastWeek), due: \"\(ws.localDay(now.addingTimeInterval(3 * 86_400)))\" }",
        ]
        return c.yaml
    }

    @Test func digestsGoOutOncePerPeriodAcrossCrashRestartAndReload() async throws {
        let ws = try Workspace("digests")
        let smtp = try await SMTPServer(ws)
        let at = Workspace.instant(secondsAhead: 4)
        // The meeting digest goes out an hour before the meeting: at the same moment.
        try ws.writeConfig(Self.config(ws, smtpPort: smtp.port, digestAt: at, meeting: at.addingTimeInterval(3600)))
        var daemon = try await DaemonProcess(ws)

        let mails = try await Poll.until("three digests at the SMTP server", timeout: 20, context: { daemon.diagnostics }) {
            smtp.messages.count >= 3 ? smtp.messages : nil
        }
        try await Task.sleep(for: .milliseconds(1000))
        #expect(smtp.messages.count == 3, "\(smtp.messages.map(\.subject))")
        let alice = try #require(mails.first { $0.recipients == ["alice@example.org"] })
        let bob = try #require(mails.first { $0.recipients == ["bob@example.org"] })
        let chair = try #require(mails.first { $0.recipients == ["voorzitter@example.org"] })
        #expect(alice.subject == "Your actions: 1 overdue", "\(alice.subject)")
        #expect(alice.body.contains("OVERDUE (1)") && alice.body.contains("Hoogte taakstelling bekijken"), "\(alice.body)")
        #expect(!alice.body.contains("Aedes"), "bob's item is not in alice's digest")
        #expect(bob.subject == "Your actions: 1 due soon", "\(bob.subject)")
        #expect(chair.subject.hasPrefix("Action list LRT"), "\(chair.subject)")
        let aliceAt = try #require(chair.body.range(of: "ALICE DE VRIES (1)"))
        let bobAt = try #require(chair.body.range(of: "BOB (1)"))
        #expect(aliceAt.lowerBound < bobAt.lowerBound, "grouped by owner in the order of the minutes")
        #expect(alice.header("Content-Type")?.hasPrefix("multipart/alternative") == true, "a text and an HTML part")
        #expect(alice.receivedAt >= at)

        var history = try await Remindd.history(ws).filter { $0.kind == "digest" }
        let sent = history.filter { $0.state == "sent" }
        #expect(Set(sent.map(\.key)) == [
            "daily/digest/\(ws.localDay(at))/alice/mail", "daily/digest/\(ws.localDay(at))/bob/mail",
            "chair-before-lrt/digest/\(ws.localDay(at.addingTimeInterval(3600)))/chair/mail",
        ], "\(history)")
        #expect(sent.allSatisfy { !$0.late && $0.attempts == 1 })
        // Yesterday's daily digest passed before the first start and is older than catch_up.
        let yesterday = ws.localDay(at.addingTimeInterval(-86_400))
        #expect(history.filter { $0.state == "missed" }.map(\.key).sorted()
            == ["daily/digest/\(yesterday)/alice/mail", "daily/digest/\(yesterday)/bob/mail"], "\(history)")

        // kill -9 and start again: nothing of this period goes out twice.
        try await daemon.crash()
        daemon = try await DaemonProcess(ws)
        try await Task.sleep(for: .milliseconds(2000))
        #expect(smtp.messages.count == 3, "after the restart: \(smtp.messages.map(\.subject))")

        // A reload that moves the daily digest to a moment still ahead today: same period.
        let moved = Workspace.instant(secondsAhead: 2)
        if ws.localDay(moved) == ws.localDay(at) {
            try ws.writeConfig(Self.config(ws, smtpPort: smtp.port, digestAt: moved, meeting: at.addingTimeInterval(3600)))
            let mark = daemon.log.count
            daemon.send(SIGHUP)
            try await daemon.waitForLog("reloaded", after: mark)
            try await Task.sleep(for: .milliseconds(3500))
            #expect(smtp.messages.count == 3, "after the reload: \(smtp.messages.map(\.subject))")
        }

        // By hand, through the running daemon: keys of their own, sent at once.
        let result = try await Remindd.run(["digest", "daily", "--send", "--config", ws.configPath], in: ws)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("2 deliveries queued"), "\(result.stdout)")
        _ = try await Poll.until("the digests sent by hand", context: { daemon.diagnostics }) {
            smtp.messages.count >= 5 ? true : nil
        }
        #expect(try await daemon.terminate() == 0)

        // Without a daemon, the command sends it itself.
        let direct = try await Remindd.run(["digest", "chair-before-lrt", "--send", "--config", ws.configPath], in: ws)
        #expect(direct.status == 0, "\(direct)")
        #expect(direct.stdout.contains(": sent"), "\(direct.stdout)")
        #expect(smtp.messages.count == 6)
        history = try await Remindd.history(ws).filter { $0.kind == "digest" && $0.state == "sent" }
        #expect(history.count == 6 && history.filter { $0.key.contains("/sent-") }.count == 3, "\(history)")
    }

    @Test func aDigestAppearsInTheAgendaAndItsPreview() async throws {
        let ws = try Workspace("digest-preview")
        let at = Workspace.instant(secondsAhead: 3600)
        try ws.writeConfig(Self.config(ws, smtpPort: 25, digestAt: at, meeting: at.addingTimeInterval(7200)))
        let agenda = try await Remindd.run(["agenda", "--json", "--days", "2", "--config", ws.configPath], in: ws)
        #expect(agenda.status == 0, "\(agenda)")
        let entries = try agenda.jsonArray()
        let daily = try #require(entries.first { $0["kind"] as? String == "digest" && $0["item"] as? String == "daily" })
        #expect(daily["to"] as? [String] == ["alice", "bob"])
        #expect(daily["channels"] as? [String] == ["mail"])
        let preview = try await Remindd.run(["digest", "chair-before-lrt", "--config", ws.configPath], in: ws)
        #expect(preview.status == 0, "\(preview)")
        #expect(preview.stdout.contains("Subject: Action list LRT"), "\(preview.stdout)")
        let html = try await Remindd.run(["digest", "daily", "--person", "alice", "--html", "--config", ws.configPath], in: ws)
        #expect(html.stdout.hasPrefix("<!doctype html>") && html.stdout.contains("Hoogte taakstelling bekijken"))
        let unknown = try await Remindd.run(["digest", "dialy", "--config", ws.configPath], in: ws)
        #expect(unknown.status == 1 && unknown.stderr.contains("did you mean 'daily'"), "\(unknown)")
    }
}
