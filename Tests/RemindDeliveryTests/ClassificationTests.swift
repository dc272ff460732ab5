import Foundation
import Testing
@testable import RemindDelivery

@Suite struct ClassificationTests {
    let now = Date(timeIntervalSince1970: 2_139_550_000)

    func http(_ code: Int, _ headers: [String] = []) -> Result<CurlResponse, CurlError> {
        .success(CurlResponse(code: code, headerLines: ["HTTP/1.1 \(code) X"] + headers, body: []))
    }

    func curlFailure(_ kind: CurlError.Kind, smtpReply: String? = nil) -> Result<CurlResponse, CurlError> {
        var r = CurlResponse()
        if let smtpReply {
            r.headerLines = ["220 ready", "250 OK", smtpReply]
            r.code = CurlHandle.replyCode(smtpReply) ?? 0
        }
        return .failure(CurlError(kind: kind, code: 55, message: "failure", response: r))
    }

    @Test func httpStatuses() {
        func c(_ r: Result<CurlResponse, CurlError>) -> DeliveryResult { WebhookNotifier.classify(r, now: now) }
        #expect(c(http(200)) == .sent(reply: "HTTP/1.1 200 X"))
        #expect(c(http(204)).isSent)
        #expect(c(http(500)) == .retry(reason: "HTTP/1.1 500 X", retryAfter: nil))
        #expect(c(http(408)) == .retry(reason: "HTTP/1.1 408 X", retryAfter: nil))
        #expect(c(http(429, ["Retry-After: 120"])) == .retry(reason: "HTTP/1.1 429 X", retryAfter: 120))
        #expect(c(http(503, ["retry-after: Mon, 19 Oct 2037 07:36:40 GMT"])) == .retry(reason: "HTTP/1.1 503 X", retryAfter: 600))
        guard case .failed(let gone) = c(http(410)) else { Issue.record("410 must be permanent"); return }
        #expect(gone.contains("gone"))
        guard case .failed(let moved) = c(http(301, ["Location: https://elsewhere.example/x?k=secret"])) else {
            Issue.record("a redirect must be permanent"); return
        }
        #expect(moved.contains("redirects are not followed"))
        for code in [400, 401, 403, 404, 413, 422] {
            guard case .failed = c(http(code)) else { Issue.record("\(code) must be permanent"); continue }
        }
        guard case .retry = c(curlFailure(.connect)) else { Issue.record("connect failure must retry"); return }
        guard case .failed = c(curlFailure(.tlsTrust)) else { Issue.record("bad certificate must fail"); return }
    }

    @Test func smtpReplies() {
        guard case .retry(let r, nil) = SMTPNotifier.classify(curlFailure(.transport, smtpReply: "451 4.3.0 try later")) else {
            Issue.record("4xx must retry"); return
        }
        #expect(r.contains("451 4.3.0 try later"))
        guard case .failed(let f) = SMTPNotifier.classify(curlFailure(.transport, smtpReply: "550 5.1.1 no such user")) else {
            Issue.record("5xx must fail"); return
        }
        #expect(f.contains("550 5.1.1"))
        guard case .failed = SMTPNotifier.classify(curlFailure(.loginDenied, smtpReply: "535 5.7.8 bad credentials")) else {
            Issue.record("535 must fail"); return
        }
        guard case .retry = SMTPNotifier.classify(curlFailure(.loginDenied, smtpReply: "454 4.7.0 temporary auth failure")) else {
            Issue.record("454 must retry"); return
        }
        guard case .retry = SMTPNotifier.classify(curlFailure(.connect)) else { Issue.record("connect must retry"); return }
        guard case .retry = SMTPNotifier.classify(curlFailure(.timeout)) else { Issue.record("timeout must retry"); return }
        guard case .failed(let starttls) = SMTPNotifier.classify(curlFailure(.tlsUnavailable, smtpReply: "250 HELP")) else {
            Issue.record("missing STARTTLS must fail"); return
        }
        #expect(starttls.contains("STARTTLS"))
        #expect(SMTPNotifier.classify(.success(CurlResponse(code: 250, headerLines: ["354 go", "250 OK: queued as 12"], body: [])))
                == .sent(reply: "250 OK: queued as 12"))
        #expect(CurlHandle.replyCode("250-SIZE 100") == 250)
        #expect(CurlHandle.replyCode("25 x") == nil)
    }

    @Test func retryAfterForms() {
        #expect(RetryAfter.parse("2", now: now) == 2)
        #expect(RetryAfter.parse("0", now: now) == 0)
        let imf = RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(imf == Date(timeIntervalSince1970: 784_111_777))
        #expect(RetryAfter.httpDate("Sunday, 06-Nov-94 08:49:37 GMT") == imf)
        #expect(RetryAfter.httpDate("Sun Nov  6 08:49:37 1994") == imf)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: Date(timeIntervalSince1970: 784_111_777 - 90)) == 90)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: Date(timeIntervalSince1970: 784_111_777 + 90)) == 0)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-5", now: now) == nil)
        #expect(RetryAfter.seconds(from: ["Content-Type: text/plain", "Retry-After:  30"], now: now) == 30)
    }
}
