import Foundation
import Logging
import RemindCore

/// Mail over SMTP through libcurl. One curl handle lives as long as the notifier, so a batch
/// (and the next batch, while the server keeps the connection open) shares one connection,
/// one TLS handshake, one EHLO and one AUTH.
final class SMTPNotifier: Notifier {
    let settings: SMTPSettings
    let renderer: MessageRenderer
    let logger: Logger
    let now: () -> Date
    private let password: String?
    private var curl: CurlHandle?

    init(settings: SMTPSettings, renderer: MessageRenderer, password: String?, logger: Logger,
         now: @escaping () -> Date = Date.init) {
        self.settings = settings
        self.renderer = renderer
        self.password = password
        self.logger = logger
        self.now = now
    }

    func deliver(_ batch: [OutgoingMessage]) -> [DeliveryResult] {
        batch.map { message in
            let result = send(message).redacted(secrets: [password].compactMap { $0 })
            result.log(to: logger, channel: settings.channel, message: message, what: "mail")
            return result
        }
    }

    private func send(_ message: OutgoingMessage) -> DeliveryResult {
        let config = renderer.config
        let recipients: Recipients
        do {
            recipients = try Recipients.resolve(message.delivery, config: config)
        } catch {
            guard case .badAddress(let person, let reason) = error else { return .failed(reason: "\(error)") }
            return .failed(reason: "address of \(person) \(reason); nothing sent")
        }
        if !recipients.unreachable.isEmpty {
            logger.warning("people without an e-mail address are left out", metadata: [
                "channel": "\(settings.channel)", "delivery.key": "\(message.delivery.key)",
                "people": "\(recipients.unreachable.joined(separator: ","))",
            ])
        }
        guard !recipients.envelope.isEmpty else {
            return .failed(reason: "no recipient with an e-mail address; nothing sent")
        }
        let text = renderer.render(message)
        let mail = MailMessage(from: settings.from, to: recipients.to, cc: recipients.cc,
                               subject: text.subject, body: text.body, date: now(),
                               timeZone: config.timeZone, key: message.delivery.key)
        do {
            let handle = try connection()
            let response = try handle.sendMail(recipients: recipients.envelope, message: Array(mail.rendered().utf8))
            return Self.classify(.success(response))
        } catch {
            return Self.classify(.failure(error))
        }
    }

    /// The handle, made on first use and kept for every later message.
    private func connection() throws(CurlError) -> CurlHandle {
        if let curl { return curl }
        let h = try CurlHandle(settings: CurlSettings(protocols: "smtp,smtps", connectTimeout: settings.connectTimeout,
                                                      timeout: settings.timeout, caFile: settings.caFile))
        try h.configureSMTP(url: settings.url, security: settings.security, username: settings.username,
                            password: password, from: settings.from.address)
        curl = h
        return h
    }

    /// What is worth retrying: a 4xx reply, or a connection that failed or broke; a 5xx
    /// reply, a certificate that does not verify, a server without STARTTLS or refused
    /// credentials are permanent until someone changes the config or the server.
    static func classify(_ outcome: Result<CurlResponse, CurlError>) -> DeliveryResult {
        switch outcome {
        case .success(let r):
            let reply = r.headerLines.last(where: { CurlHandle.replyCode($0) != nil }) ?? "\(r.code)"
            return .sent(reply: reply)
        case .failure(let e):
            let code = e.response.code
            let reply = e.response.headerLines.last(where: { (CurlHandle.replyCode($0) ?? 0) >= 400 })
            let reason = reply.map { "server replied \($0) (\(e.message))" } ?? e.description
            if (400..<500).contains(code) { return .retry(reason: reason, retryAfter: nil) }
            if (500..<600).contains(code) { return .failed(reason: reason) }
            switch e.kind {
            case .connect, .timeout, .transport, .tlsHandshake:
                return .retry(reason: reason, retryAfter: nil)
            case .tlsUnavailable:
                return .failed(reason: "the server does not offer STARTTLS, which this channel requires; nothing sent (\(e.description))")
            case .tlsTrust, .loginDenied, .serverRefused, .badURL, .other:
                return .failed(reason: reason)
            }
        }
    }
}
