import Foundation

/// The bare libcurl path: one reused handle, a fixed message, no rendering, no outbox, no
/// state. Why it is public: `scripts/bench` measures remindd's durable delivery against
/// what the wire itself allows on the same machine and server, and that ceiling must go
/// through the same wrapper (same options, same connection reuse) to be a fair one.
public final class RawTransfer {
    private let handle: CurlHandle
    private let smtpRecipients: [String]
    private let webhookURL: String?

    private init(handle: CurlHandle, smtpRecipients: [String], webhookURL: String?) {
        self.handle = handle
        self.smtpRecipients = smtpRecipients
        self.webhookURL = webhookURL
    }

    /// POSTs to `url` (http only, as the webhook notifier allows).
    public static func webhook(url: String, timeout: Double = 30) throws -> RawTransfer {
        let h = try CurlHandle(settings: CurlSettings(protocols: "http,https", connectTimeout: 10, timeout: timeout, caFile: nil))
        return RawTransfer(handle: h, smtpRecipients: [], webhookURL: url)
    }

    /// Plain SMTP to a loopback `smtp://host:port`, from `from` to `recipients`.
    public static func smtp(url: String, from: String, recipients: [String], timeout: Double = 60) throws -> RawTransfer {
        let h = try CurlHandle(settings: CurlSettings(protocols: "smtp,smtps", connectTimeout: 10, timeout: timeout, caFile: nil))
        try h.configureSMTP(url: url, security: .none, username: nil, password: nil, from: from)
        return RawTransfer(handle: h, smtpRecipients: recipients, webhookURL: nil)
    }

    /// One transfer of `payload` (a JSON body, or a whole RFC 5322 message). Returns the
    /// HTTP status or SMTP reply code; throws on a transport failure.
    @discardableResult
    public func send(_ payload: [UInt8], headers: [String] = ["Content-Type: application/json"]) throws -> Int {
        if let url = webhookURL {
            return try handle.post(url: url, headers: headers, body: payload).code
        }
        return try handle.sendMail(recipients: smtpRecipients, message: payload).code
    }
}
