import Foundation
import RemindCore
import Testing
@testable import RemindDelivery

/// Against a real SMTP server (aiosmtpd) on loopback; assertions on what it received.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason), .timeLimit(.minutes(1)))
struct SMTPDeliveryTests {
    let escalated = Fixture.delivery(.overdue, at: Fixture.utc("2023-10-05T07:00:00Z"), escalation: ["chair"], ordinal: 2, lead: nil)

    @Test func deliversDutchTextWithEveryHeaderDecodingCorrectly() throws {
        let server = try SMTPTestServer()
        let logs = LogCapture()
        let sendTime = Fixture.utc("2023-10-05T07:00:02Z")
        let notifier = try makeNotifier(.smtp(server.channel()), name: "mail", logs: logs, now: { sendTime })
        let results = notifier.deliver([Fixture.message(escalated)])
        guard case .sent(let reply) = results.first else { Issue.record("not sent: \(results)"); return }
        #expect(reply == "250 OK: queued")

        let messages = server.messages
        try #require(messages.count == 1)
        let m = messages[0]
        #expect(m["mail_from"] as? String == "lrt@example.org")
        #expect((m["rcpt_tos"] as? [String])?.sorted() == ["mbzk@example.org", "sjenv@example.org", "voorzitter@example.org"])
        let decoded = try #require(m["decoded"] as? [String: Any])
        #expect((decoded["defects"] as? [String]) == [])
        let expected = try MessageRenderer(config: Fixture.config()).render(Fixture.message(escalated))
        let subject = try #require(decoded["subject"] as? String)
        #expect(subject == expected.subject)
        #expect(subject.contains("Oekraïense ontheemden"))
        let body = (decoded["body"] as? String ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        #expect(body == expected.body)
        #expect(body.contains("Geëscaleerd naar u, Voorzitter Één"))

        let headers = Dictionary((decoded["headers"] as? [[String]] ?? []).map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        for name in ["Date", "Message-ID", "From", "To", "Cc", "Subject", "MIME-Version", "Auto-Submitted"] {
            #expect(headers[name] != nil, "missing \(name)")
        }
        #expect(headers["Auto-Submitted"] == "auto-generated")
        #expect(headers["Date"] == "Thu, 05 Oct 2023 09:00:02 +0200" || headers["Date"] == "Thu, 5 Oct 2023 09:00:02 +0200")
        #expect(headers["Message-ID"] == MailMessage.messageID(key: escalated.key, from: "lrt@example.org"))
        #expect(headers["From"] == "LRT-secretariaat <lrt@example.org>")
        #expect(headers["To"] == "Staatssecretaris JenV <sjenv@example.org>, Minister BZK <mbzk@example.org>")
        #expect(headers["Cc"] == "Voorzitter Één <voorzitter@example.org>")

        let raw = server.raw(m)
        let head = raw.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(raw.unicodeScalars.allSatisfy { $0.value < 128 })
    }

    @Test func batchTravelsOverOneConnectionWithOneEHLO() throws {
        let server = try SMTPTestServer()
        let notifier = try makeNotifier(.smtp(server.channel()), name: "mail", logs: LogCapture())
        let batch = (0..<5).map { i in
            Fixture.message(Fixture.delivery(.before, at: Fixture.utc("2023-09-29T07:00:00Z").addingTimeInterval(Double(i))))
        }
        let results = notifier.deliver(batch)
        #expect(results.count == 5 && results.allSatisfy { $0.isSent })
        #expect(server.events("connect").count == 1)
        #expect(server.events("ehlo").count == 1)
        #expect(server.messages.count == 5)
        #expect(Set(server.messages.compactMap { $0["conn"] as? Int }) == [1])
        // Each message keeps its own Message-ID (derived from its own key).
        let ids = server.messages.compactMap { ($0["decoded"] as? [String: Any])?["headers"] as? [[String]] }
            .compactMap { $0.first { $0[0] == "Message-ID" }?[1] }
        #expect(Set(ids).count == 5)
    }

    @Test func startTLSWithAuthDeliversAndNeverShowsThePassword() throws {
        let dir = try temporaryDirectory()
        let password = "Sup3r-geheim-wachtwoord!"
        let pwFile = dir.appendingPathComponent("smtp-password").path
        try (password + "\n").write(toFile: pwFile, atomically: true, encoding: .utf8)
        let wrongFile = dir.appendingPathComponent("wrong").path
        let wrong = "Verkeerd-wachtwoord-42"
        try wrong.write(toFile: wrongFile, atomically: true, encoding: .utf8)
        let server = try SMTPTestServer(starttls: true, auth: ("lrt", pwFile))
        let logs = LogCapture()

        let good = try makeNotifier(.smtp(server.channel(tls: .required, username: "lrt", passwordFile: pwFile)), name: "mail", logs: logs)
        let sent = good.deliver([Fixture.message()])
        #expect(sent.first?.isSent == true, "\(sent)")
        let message = try #require(server.messages.first)
        #expect(message["tls"] as? Bool == true)
        #expect(message["auth_user"] as? String == "lrt")

        let bad = try makeNotifier(.smtp(server.channel(tls: .required, username: "lrt", passwordFile: wrongFile)), name: "mail", logs: logs)
        let refused = bad.deliver([Fixture.message()])
        guard case .failed(let reason) = refused.first else { Issue.record("wrong password must fail: \(refused)"); return }
        #expect(reason.contains("535"))
        #expect(server.messages.count == 1)

        let output = (sent + refused).map(\.text).joined(separator: "\n") + "\n" + logs.text
        #expect(!logs.lines.isEmpty)
        for secret in [password, wrong, Data(password.utf8).base64EncodedString(), Data(wrong.utf8).base64EncodedString()] {
            #expect(!output.contains(secret))
        }
    }

    @Test func implicitTLSWithSMTPS() throws {
        let server = try SMTPTestServer(implicitTLS: true)
        let notifier = try makeNotifier(.smtp(server.channel(tls: .required, scheme: "smtps")), name: "mail", logs: LogCapture())
        let results = notifier.deliver([Fixture.message()])
        #expect(results.first?.isSent == true, "\(results)")
        #expect(server.messages.first?["tls"] as? Bool == true)
    }

    @Test func serverWithoutSTARTTLSGetsNothing() throws {
        let server = try SMTPTestServer()
        let notifier = try makeNotifier(.smtp(server.channel(tls: .required)), name: "mail", logs: LogCapture())
        let results = notifier.deliver([Fixture.message()])
        guard case .failed(let reason) = results.first else { Issue.record("must fail permanently: \(results)"); return }
        #expect(reason.contains("STARTTLS"))
        #expect(server.events("ehlo").count >= 1)
        #expect(server.events("mail").isEmpty && server.events("rcpt").isEmpty && server.messages.isEmpty)
    }

    @Test func untrustedCertificateFailsBeforeAnythingIsSent() throws {
        let server = try SMTPTestServer(starttls: true)
        let notifier = try makeNotifier(.smtp(server.channel(tls: .required, trustTestCA: false)), name: "mail", logs: LogCapture())
        let results = notifier.deliver([Fixture.message()])
        guard case .failed = results.first else { Issue.record("an unverified peer must fail: \(results)"); return }
        #expect(server.events("mail").isEmpty && server.messages.isEmpty)
    }

    @Test func lineBreaksInTitleOrNameAddNoHeaderAndNoRecipient() throws {
        let server = try SMTPTestServer()
        let item = Item(id: "inject", title: "Titel\r\nBcc: evil@example.org\r\nX-Evil: 1", owner: "eve")
        let eve = Person(id: "eve", name: "Eve\r\nBcc: evil2@example.org", emails: ["eve@example.org"])
        let config = Fixture.config(people: [eve], items: [item])
        let notifier = try makeNotifier(.smtp(server.channel()), name: "mail", config: config, logs: LogCapture())
        let d = Fixture.delivery(.due, item: "inject", people: ["eve"], lead: nil)
        #expect(notifier.deliver([Fixture.message(d)]).first?.isSent == true)
        let m = try #require(server.messages.first)
        #expect(m["rcpt_tos"] as? [String] == ["eve@example.org"])
        let decoded = try #require(m["decoded"] as? [String: Any])
        let names = (decoded["headers"] as? [[String]] ?? []).map { $0[0] }
        #expect(names == ["Date", "From", "To", "Subject", "Message-ID", "X-Remindd-Key", "Auto-Submitted",
                          "X-Auto-Response-Suppress", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"])
        #expect((decoded["subject"] as? String)?.contains("Titel Bcc: evil@example.org X-Evil: 1") == true)
    }

    @Test func addressWithLineBreakIsRefusedBeforeCurl() throws {
        let server = try SMTPTestServer()
        let mallory = Person(id: "mallory", emails: ["m@example.org\r\nRCPT TO:<evil@example.org>"])
        let config = Fixture.config(people: [mallory])
        let notifier = try makeNotifier(.smtp(server.channel()), name: "mail", config: config, logs: LogCapture())
        let results = notifier.deliver([Fixture.message(Fixture.delivery(people: ["SJenV", "mallory"]))])
        guard case .failed(let reason) = results.first else { Issue.record("must fail: \(results)"); return }
        #expect(reason.contains("CR, LF or NUL"))
        #expect(!reason.contains("\r") && !reason.contains("\n"))
        #expect(server.events.isEmpty)
    }

    @Test func replyCodesDecideRetryOrFailure() throws {
        let server = try SMTPTestServer(dataReplies: "451 4.3.0 Try again later,554 5.7.1 Rejected by policy,250 OK")
        let notifier = try makeNotifier(.smtp(server.channel()), name: "mail", logs: LogCapture())
        let batch = (0..<3).map { i in
            Fixture.message(Fixture.delivery(.before, at: Fixture.utc("2023-09-29T07:00:00Z").addingTimeInterval(Double(i))))
        }
        let results = notifier.deliver(batch)
        try #require(results.count == 3)
        guard case .retry(let soft, nil) = results[0] else { Issue.record("451 must retry: \(results[0])"); return }
        #expect(soft.contains("451 4.3.0 Try again later"))
        guard case .failed(let hard) = results[1] else { Issue.record("554 must fail: \(results[1])"); return }
        #expect(hard.contains("554 5.7.1 Rejected by policy"))
        #expect(results[2] == .sent(reply: "250 OK"))
    }

    @Test func refusedConnectionIsRetried() throws {
        let port = try closedPort()
        var channel = SMTPChannel(name: "mail", url: "smtp://127.0.0.1:\(port)", host: "127.0.0.1", fromAddress: "lrt@example.org",
                                        fromName: nil, username: nil, passwordFile: nil, passwordEnv: nil, tls: .none, caFile: nil)
        channel.connectTimeout = 2
        let notifier = try makeNotifier(.smtp(channel), name: "mail", logs: LogCapture())
        guard case .retry = notifier.deliver([Fixture.message()]).first else { Issue.record("refused connection must retry"); return }
    }
}
