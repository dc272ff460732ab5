import Foundation
import RemindCore
import Testing
@testable import RemindDelivery

/// Against a real HTTP receiver on loopback; assertions on the requests it recorded.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason), .timeLimit(.minutes(1)))
struct WebhookDeliveryTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    let delivery = Fixture.delivery(.before, channel: "chat")

    func hook(_ url: String, format: WebhookFormat = .json, secretFile: String? = nil) -> ChannelSection {
        .webhook(WebhookChannel(name: "chat", url: url, format: format, secretFile: secretFile,
                                      connectTimeout: 5, timeout: 20))
    }

    func secretFile() throws -> String {
        let path = try temporaryDirectory().appendingPathComponent("webhook-secret").path
        try (Self.secret + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func jsonBodyIsSignedAndVerifies() throws {
        let receiver = try HTTPTestReceiver(secret: Self.secret)
        let logs = LogCapture()
        let notifier = try makeNotifier(hook(receiver.url(), secretFile: secretFile()), name: "chat", logs: logs)
        let results = notifier.deliver([Fixture.message(delivery)])
        #expect(results == [.sent(reply: "HTTP/1.0 200 OK")] || results == [.sent(reply: "HTTP/1.1 200 OK")], "\(results)")

        let r = try #require(receiver.requests.first)
        #expect(r["method"] as? String == "POST")
        #expect(r["path"] as? String == "/hooks/lrt")
        #expect(r.header("Content-Type") == "application/json")
        #expect(r.header("Expect") == nil)
        #expect(r.header("webhook-id") == delivery.key)
        #expect(r.header("webhook-timestamp").flatMap(Int.init) != nil)
        #expect(r.header("webhook-signature")?.hasPrefix("v1,") == true)
        #expect(r["signature_hmac_valid"] as? Bool == true)
        // The standardwebhooks package's own verifier (CI installs it; elsewhere it may be absent).
        if PythonServer.hasModule("standardwebhooks") {
            #expect(r["signature_valid"] as? Bool == true)
        }

        let body = try #require(JSONSerialization.jsonObject(with: Data((r["body"] as? String ?? "").utf8)) as? [String: Any])
        #expect(body["key"] as? String == delivery.key)
        #expect(body["kind"] as? String == "before")
        #expect(body["scheduled"] as? String == "2023-09-29T07:00:00Z")
        #expect(body["late"] as? Bool == false)
        #expect(body["recipients"] as? [String] == ["SJenV", "MBZK"])
        let item = try #require(body["item"] as? [String: Any])
        #expect(item["id"] as? String == "taakstelling")
        #expect(item["title"] as? String == Fixture.title)
        #expect(item["owner"] as? String == "SJenV")
        #expect(item["with"] as? [String] == ["MBZK"])
        #expect(item["deadline"] as? String == "2023-10-02T15:00:00Z")
        #expect((body["text"] as? String)?.contains("remindd done taakstelling") == true)
        #expect(!logs.text.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
    }

    @Test func retryCarriesTheSameWebhookID() throws {
        let receiver = try HTTPTestReceiver(responses: "500,200", secret: Self.secret)
        let notifier = try makeNotifier(hook(receiver.url(), secretFile: secretFile()), name: "chat", logs: LogCapture())
        guard case .retry(let reason, nil) = notifier.deliver([Fixture.message(delivery)]).first else {
            Issue.record("500 must be retried"); return
        }
        #expect(reason.contains("500"))
        #expect(notifier.deliver([Fixture.message(delivery)]).first?.isSent == true)
        let requests = receiver.requests
        try #require(requests.count == 2)
        #expect(requests[0].header("webhook-id") == delivery.key)
        #expect(requests[1].header("webhook-id") == delivery.key)
        #expect(requests.allSatisfy { $0["signature_hmac_valid"] as? Bool == true })
    }

    @Test func statusesAreClassifiedAndRetryAfterHonoured() throws {
        let receiver = try HTTPTestReceiver(responses: "429:Retry-After=2,503:Retry-After=Sun, 06 Nov 2033 08:49:37 GMT,410,404,"
                                                     + "301:Location=http://127.0.0.1:9/elsewhere,408,200")
        let now = try #require(RetryAfter.httpDate("Sun, 06 Nov 2033 08:48:07 GMT"))
        let logs = LogCapture()
        let notifier = try makeNotifier(hook(receiver.url()), name: "chat", logs: logs, now: { now })
        let batch = (0..<7).map { i in
            Fixture.message(Fixture.delivery(.before, at: Fixture.utc("2023-09-29T07:00:00Z").addingTimeInterval(Double(i)), channel: "chat"))
        }
        let results = notifier.deliver(batch)
        try #require(results.count == 7)
        guard case .retry(_, let after429) = results[0] else { Issue.record("429: \(results[0])"); return }
        #expect(after429 == 2)
        guard case .retry(_, let after503) = results[1] else { Issue.record("503: \(results[1])"); return }
        #expect(after503 == 90)
        guard case .failed(let gone) = results[2] else { Issue.record("410: \(results[2])"); return }
        #expect(gone.contains("410") && gone.contains("gone"))
        guard case .failed(let missing) = results[3] else { Issue.record("404: \(results[3])"); return }
        #expect(missing.contains("404"))
        guard case .failed(let moved) = results[4] else { Issue.record("301: \(results[4])"); return }
        #expect(moved.contains("redirects are not followed"))
        guard case .retry(_, nil) = results[5] else { Issue.record("408: \(results[5])"); return }
        #expect(results[6].isSent)
        // The redirect was not followed: the receiver saw exactly the seven posts.
        #expect(receiver.requests.count == 7)
        #expect(logs.text.contains("410"))
    }

    @Test func batchReusesOneConnection() throws {
        let receiver = try HTTPTestReceiver()
        let notifier = try makeNotifier(hook(receiver.url()), name: "chat", logs: LogCapture())
        let batch = (0..<5).map { i in
            Fixture.message(Fixture.delivery(.before, at: Fixture.utc("2023-09-29T07:00:00Z").addingTimeInterval(Double(i)), channel: "chat"))
        }
        #expect(notifier.deliver(batch).allSatisfy { $0.isSent })
        let requests = receiver.requests
        #expect(requests.count == 5)
        #expect(Set(requests.compactMap { $0["conn"] as? Int }).count == 1)
        // Unsigned channel: every post still carries its own key, and no signature.
        #expect(requests.compactMap { $0.header("webhook-id") } == batch.map(\.delivery.key))
        #expect(requests.allSatisfy { $0.header("webhook-signature") == nil })
    }

    @Test func chatFormatsCarryTheTitle() throws {
        let receiver = try HTTPTestReceiver()
        let due = Fixture.delivery(.due, lead: nil, channel: "chat")
        let expected = try MessageRenderer(config: Fixture.config()).render(Fixture.message(due))
        for format in [WebhookFormat.slack, .mattermost, .teams, .ntfy] {
            let notifier = try makeNotifier(hook(receiver.url("/\(format.rawValue)"), format: format), name: "chat", logs: LogCapture())
            #expect(notifier.deliver([Fixture.message(due)]).first?.isSent == true)
        }
        let byPath = Dictionary(receiver.requests.map { ($0["path"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        func json(_ path: String) throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: Data((byPath[path]?["body"] as? String ?? "").utf8)) as? [String: Any])
        }
        #expect((try json("/slack")["text"] as? String)?.contains(Fixture.title) == true)
        #expect((try json("/mattermost")["text"] as? String)?.contains(Fixture.title) == true)
        let card = try json("/teams")
        let content = ((card["attachments"] as? [[String: Any]])?.first?["content"] as? [String: Any])
        #expect(content?["type"] as? String == "AdaptiveCard")
        let blocks = (content?["body"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(blocks.first == expected.subject && blocks.last?.contains(Fixture.title) == true)
        let ntfy = try #require(byPath["/ntfy"])
        #expect(ntfy["body"] as? String == expected.body)
        #expect(ntfy.header("Content-Type") == "text/plain; charset=utf-8")
        #expect((ntfy["decoded_headers"] as? [String: String])?["Title"] == expected.subject)
        #expect(ntfy.header("Priority") == "high")
        #expect(ntfy.header("Tags") == "alarm_clock")
    }

    @Test func refusedConnectionIsRetried() throws {
        let port = try closedPort()
        let notifier = try makeNotifier(hook("http://127.0.0.1:\(port)/x?token=very-secret-token"), name: "chat", logs: LogCapture())
        guard case .retry(let reason, _) = notifier.deliver([Fixture.message(delivery)]).first else {
            Issue.record("refused connection must retry"); return
        }
        #expect(!reason.contains("very-secret-token"))
    }
}
