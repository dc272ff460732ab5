import Foundation
import Testing

/// What a receiver answers decides what happens next: transient failures are retried with
/// backoff (and `Retry-After`), permanent ones fail at once and are logged, and a mail
/// server that is down gets the message once it is back.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason))
struct RetryTests {
    /// A workspace whose one item `item` has a reminder `secondsAhead` from now on `hook`.
    static func webhookSetup(_ name: String, receiver: (Workspace) async throws -> HTTPReceiver,
                             secondsAhead: Double = 2) async throws -> (Workspace, HTTPReceiver, Date) {
        let ws = try Workspace(name)
        let hook = try await receiver(ws)
        let at = Workspace.instant(secondsAhead: secondsAhead)
        var config = ConfigText(ws)
        config.settings = [ConfigText.fastRetry]
        config.channels = ["hook: { type: webhook, url: \"\(hook.url)\" }"]
        config.defaultChannels = ["hook"]
        config.items = [ConfigText.item("item", agreed: ws.localDay(Date()), remindAt: [ws.iso(at)])]
        try ws.writeConfig(config.yaml)
        return (ws, hook, at)
    }

    @Test func serverErrorIsRetriedThenSent() async throws {
        let (ws, hook, at) = try await Self.webhookSetup("r500") { try await HTTPReceiver($0, responses: "500,200") }
        let daemon = try await DaemonProcess(ws)
        let posts = try await Poll.until("a second attempt", context: { daemon.diagnostics }) {
            hook.requests.count >= 2 ? hook.requests : nil
        }
        #expect(posts[0].status == 500 && posts[1].status == 200)
        #expect(posts[0].receivedAt >= at)
        let gap = posts[1].receivedAt.timeIntervalSince(posts[0].receivedAt)
        #expect(gap >= 0.8, "retried after \(gap) s; retry.initial is 1s (±20 % jitter)")
        #expect(gap < 5, "retried after \(gap) s; retry.max is 2s")
        #expect(posts[0].key != nil && posts[0].key == posts[1].key, "a retry carries the same key")

        let row = try await Poll.until("history to say sent", interval: 0.2) {
            try await Remindd.history(ws).first { $0.state == "sent" }
        }
        #expect(row.attempts == 2, "\(row)")
        try await Task.sleep(for: .milliseconds(1500))
        #expect(hook.requests.count == 2, "nothing after success")
        #expect(daemon.log.contains("delivery failed, will retry"))
    }

    @Test func retryAfterIsHonoured() async throws {
        let (ws, hook, _) = try await Self.webhookSetup("r429") {
            try await HTTPReceiver($0, responses: "429:Retry-After=2,200")
        }
        let daemon = try await DaemonProcess(ws)
        let posts = try await Poll.until("a second attempt", context: { daemon.diagnostics }) {
            hook.requests.count >= 2 ? hook.requests : nil
        }
        #expect(posts[0].status == 429 && posts[1].status == 200)
        let gap = posts[1].receivedAt.timeIntervalSince(posts[0].receivedAt)
        #expect(gap >= 2, "retried \(gap) s after a 429 with Retry-After: 2 (backoff alone would be ~1 s)")
        #expect(gap < 6, "retried only after \(gap) s")
        let row = try await Poll.until("history to say sent", interval: 0.2) {
            try await Remindd.history(ws).first { $0.state == "sent" }
        }
        #expect(row.attempts == 2, "\(row)")
    }

    @Test func goneFailsAtOnceAndIsLogged() async throws {
        let (ws, hook, _) = try await Self.webhookSetup("r410") { try await HTTPReceiver($0, responses: "410") }
        let daemon = try await DaemonProcess(ws)
        try await Poll.until("a post", context: { daemon.diagnostics }) { !hook.requests.isEmpty }
        let row = try await Poll.until("history to say failed", interval: 0.2, context: { daemon.diagnostics }) {
            try await Remindd.history(ws).first { $0.state == "failed" }
        }
        #expect(row.attempts == 1, "\(row)")
        #expect(row.lastError?.contains("410") == true, "\(row)")
        // Well past retry.initial (1s): a permanent failure is never tried again.
        try await Task.sleep(for: .milliseconds(2500))
        #expect(hook.requests.count == 1)
        let errorLine = daemon.log.split(separator: "\n").first { $0.contains(" error ") && $0.contains(row.key) }
        #expect(errorLine?.contains("410") == true, "the failure is logged at error level with its key:\n\(daemon.log)")
        #expect(try await Remindd.history(ws).first?.state == "failed")
    }

    @Test func smtpServerThatComesUpLaterGetsTheMail() async throws {
        let ws = try Workspace("smtp-late")
        let port = try PythonServer.freePort()
        let at = Workspace.instant(secondsAhead: 2)
        var config = ConfigText(ws)
        config.settings = [ConfigText.fastRetry]
        config.channels = ["mail: { type: smtp, url: \"smtp://127.0.0.1:\(port)\", from: \"remindd@example.org\", tls: none }"]
        config.defaultChannels = ["mail"]
        config.items = [ConfigText.item("later", agreed: ws.localDay(Date()), remindAt: [ws.iso(at)])]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)

        // The first attempt finds nobody listening and is scheduled again.
        let failed = try await Poll.until("a failed first attempt", interval: 0.2, context: { daemon.diagnostics }) {
            try await Remindd.history(ws).first { $0.state == "pending" && $0.attempts >= 1 }
        }
        #expect(failed.lastError != nil, "\(failed)")
        let smtp = try await SMTPServer(ws, port: port)
        #expect(smtp.port == port)
        let mail = try await Poll.until("the mail once the server is up", context: { daemon.diagnostics }) {
            smtp.messages.first
        }
        #expect(Set(mail.recipients) == ["alice@example.org", "bob@example.org"])
        let row = try await Poll.until("history to say sent", interval: 0.2) {
            try await Remindd.history(ws).first { $0.state == "sent" }
        }
        #expect(row.attempts >= 2, "\(row)")
        #expect(mail.header("X-Remindd-Key") == row.key)
        try await Task.sleep(for: .milliseconds(1000))
        #expect(smtp.messages.count == 1)
    }
}
