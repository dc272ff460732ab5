import Foundation
import Testing

/// Reminders a few seconds ahead arrive exactly once, never before their moment, on each
/// kind of channel, and `history` records them as sent at the first attempt.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason))
struct DeliveryTests {
    static let secret = "whsec_" + Data("remindd integration signing key".utf8).base64EncodedString()

    @Test func webhookReceivesEachReminderOnceAndNotEarly() async throws {
        let ws = try Workspace("webhook")
        let receiver = try await HTTPReceiver(ws, secret: Self.secret)
        try Self.secret.write(toFile: ws.path("hook-secret"), atomically: true, encoding: .utf8)
        let first = Workspace.instant(secondsAhead: 3)
        let second = first.addingTimeInterval(1)
        let deadline = Workspace.instant(secondsAhead: 30 * 86_400)
        let today = ws.localDay(Date())
        var config = ConfigText(ws)
        config.channels = ["hook: { type: webhook, url: \"\(receiver.url)\", secret_file: \"\(ws.path("hook-secret"))\" }"]
        config.defaultChannels = ["hook"]
        config.items = [
            ConfigText.item("report", title: "Send the quarterly report", agreed: today, due: ws.iso(deadline),
                            remindAt: [ws.iso(first)]),
            ConfigText.item("brief", title: "Brief aan gemeenten: één week", owner: "bob", with: [], agreed: today,
                            due: ws.iso(deadline), remindAt: [ws.iso(second)]),
        ]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)

        let got = try await Poll.until("two webhook posts", context: { daemon.diagnostics }) {
            receiver.requests.count >= 2 ? receiver.requests : nil
        }
        try await Task.sleep(for: .milliseconds(1500))
        let all = receiver.requests
        #expect(all.count == 2, "each reminder exactly once: \(all.map(\.rawBody))")

        let report = try #require(got.first { $0.itemID == "report" })
        #expect(report.receivedAt >= first, "arrived \(report.receivedAt.timeIntervalSince(first)) s before its moment")
        #expect(report.method == "POST")
        #expect(report.path == "/hooks/remindd")
        #expect(report.headers["content-type"]?.hasPrefix("application/json") == true)
        let key = try #require(report.key)
        #expect(report.headers["webhook-id"] == key)
        #expect(report.signatureValid == true)
        #expect(report.body["kind"] as? String == "at")
        #expect(report.body["scheduled"] as? String == Workspace.utc(first))
        #expect(report.body["late"] as? Bool == false)
        #expect(report.body["recipients"] as? [String] == ["alice", "bob"])
        let item = try #require(report.item)
        #expect(item["title"] as? String == "Send the quarterly report")
        #expect(item["owner"] as? String == "alice")
        #expect(item["with"] as? [String] == ["bob"])
        #expect(item["deadline"] as? String == Workspace.utc(deadline))

        let brief = try #require(got.first { $0.itemID == "brief" })
        #expect(brief.receivedAt >= second, "arrived \(brief.receivedAt.timeIntervalSince(second)) s before its moment")
        #expect(brief.item?["title"] as? String == "Brief aan gemeenten: één week")
        #expect(brief.body["recipients"] as? [String] == ["bob"])
        #expect(brief.headers["webhook-id"] == brief.key)
        #expect(brief.key != key)

        let history = try await Remindd.history(ws)
        #expect(history.count == 2, "\(history)")
        for h in history {
            #expect(h.state == "sent", "\(h)")
            #expect(h.attempts == 1, "\(h)")
            #expect(h.late == false, "\(h)")
            #expect(h.channel == "hook")
        }
        let reportRow = try #require(history.first { $0.item == "report" })
        #expect(reportRow.key == key)
        #expect(reportRow.kind == "at")
        #expect(reportRow.scheduled == Workspace.utc(first))
        #expect(reportRow.recipients == ["alice", "bob"])
        #expect(try await daemon.terminate() == 0)
    }

    @Test func smtpDeliversMailOnceAndNotEarly() async throws {
        let ws = try Workspace("smtp")
        let smtp = try await SMTPServer(ws)
        let at = Workspace.instant(secondsAhead: 3)
        let today = ws.localDay(Date())
        var config = ConfigText(ws)
        config.channels = ["mail: { type: smtp, url: \"smtp://127.0.0.1:\(smtp.port)\", from: \"Secretariaat <secretariaat@example.org>\", tls: none }"]
        config.defaultChannels = ["mail"]
        config.items = [
            ConfigText.item("quota", title: "Hoogte taakstelling bekijken", agreed: today,
                            due: ws.iso(Workspace.instant(secondsAhead: 7 * 86_400)), remindAt: [ws.iso(at)]),
            ConfigText.item("aedes", title: "Aedes vragen locaties aan te leveren", owner: "bob", with: [],
                            agreed: today, remindAt: [ws.iso(at)]),
        ]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)

        let mails = try await Poll.until("two messages at the SMTP server", context: { daemon.diagnostics }) {
            smtp.messages.count >= 2 ? smtp.messages : nil
        }
        try await Task.sleep(for: .milliseconds(1500))
        #expect(smtp.messages.count == 2, "each exactly once")
        #expect(smtp.events.filter { $0["event"] as? String == "connect" }.count == 1, "one connection for both")
        let mail = try #require(mails.first { $0.subject.contains("Hoogte taakstelling") })
        let other = try #require(mails.first { $0.subject.contains("Aedes") })
        #expect(other.recipients == ["bob@example.org"])
        #expect(other.receivedAt >= at)
        #expect(mail.receivedAt >= at, "arrived \(mail.receivedAt.timeIntervalSince(at)) s before its moment")
        #expect(mail.mailFrom == "secretariaat@example.org")
        #expect(Set(mail.recipients) == ["alice@example.org", "bob@example.org"])
        #expect(mail.subject.contains("Hoogte taakstelling bekijken"), "subject: \(mail.subject)")
        #expect(mail.header("Auto-Submitted") == "auto-generated")
        #expect(mail.header("Message-ID")?.hasPrefix("<") == true)
        #expect(mail.body.contains("Hoogte taakstelling bekijken"))

        let history = try await Remindd.history(ws)
        let row = try #require(history.first { $0.item == "quota" }, "\(history)")
        #expect(history.count == 2)
        #expect(history.allSatisfy { $0.state == "sent" && $0.attempts == 1 }, "\(history)")
        #expect(row.item == "quota" && row.kind == "at" && row.channel == "mail")
        #expect(row.state == "sent" && row.attempts == 1 && !row.late, "\(row)")
        #expect(row.scheduled == Workspace.utc(at))
        #expect(mail.header("X-Remindd-Key") == row.key)
        #expect(try await daemon.terminate() == 0)
    }

    @Test func maildirGetsOneFileAtTheMoment() async throws {
        let ws = try Workspace("maildir")
        let at = Workspace.instant(secondsAhead: 3)
        let today = ws.localDay(Date())
        var config = ConfigText(ws)
        config.channels = ["local: { type: maildir, path: \"\(ws.path("mail"))\" }"]
        config.defaultChannels = ["local"]
        config.items = [ConfigText.item("locations", title: "Aedes vragen locaties aan te leveren", agreed: today,
                                        due: ws.iso(Workspace.instant(secondsAhead: 7 * 86_400)),
                                        remindAt: [ws.iso(at)])]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)

        let newDir = ws.url.appendingPathComponent("mail/new")
        func files() -> [URL] {
            (try? FileManager.default.contentsOfDirectory(at: newDir, includingPropertiesForKeys: nil)) ?? []
        }
        // Watched from outside as well: no file may appear while the clock is before the moment.
        let file = try await Poll.until("a message in mail/new", interval: 0.02, context: { daemon.diagnostics }) {
            let found = files().first
            if found != nil && Date() < at { throw IntegrationError("a message appeared before \(at)") }
            return found
        }
        try await Task.sleep(for: .milliseconds(1500))
        #expect(files().count == 1, "exactly once: \(files())")
        let text = try String(contentsOf: file, encoding: .utf8)
        let dateLine = try #require(text.split(separator: "\r\n").first { $0.hasPrefix("Date: ") })
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        let written = try #require(f.date(from: String(dateLine.dropFirst(6))), "\(dateLine)")
        #expect(written >= at, "Date: header \(dateLine) is before the moment \(at)")
        #expect(text.contains("Auto-Submitted: auto-generated"))

        let history = try await Remindd.history(ws)
        #expect(history.count == 1)
        #expect(history.first?.state == "sent" && history.first?.attempts == 1, "\(history)")
        #expect(text.contains(try #require(history.first?.key)))
        #expect(try await daemon.terminate() == 0)
    }

    /// DESIGN: every delivery carries its idempotency key, `webhook-id` for webhooks, so a
    /// receiver can drop the rare duplicate; that must not depend on signing being set up.
    @Test func webhookWithoutSecretStillCarriesTheKey() async throws {
        let ws = try Workspace("hook-nosig")
        let receiver = try await HTTPReceiver(ws)
        let at = Workspace.instant(secondsAhead: 2)
        var config = ConfigText(ws)
        config.channels = ["hook: { type: webhook, url: \"\(receiver.url)\" }"]
        config.defaultChannels = ["hook"]
        config.items = [ConfigText.item("plain", agreed: ws.localDay(Date()), remindAt: [ws.iso(at)])]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)
        let post = try await Poll.until("a webhook post", context: { daemon.diagnostics }) { receiver.requests.first }
        #expect(post.key != nil)
        #expect(post.receivedAt >= at)
        #expect(post.headers["webhook-id"] == post.key)
        #expect(post.headers["webhook-timestamp"] != nil)
        #expect(post.headers["webhook-signature"] == nil)
    }
}
