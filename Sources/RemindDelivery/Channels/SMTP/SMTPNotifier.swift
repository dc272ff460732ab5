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
    private let redactor: Redactor
    private var curl: CurlHandle?

    init(settings: SMTPSettings, renderer: MessageRenderer, password: String?, logger: Logger,
         now: @escaping () -> Date = Date.init) {
        self.settings = settings
        self.renderer = renderer
        self.password = password
        self.redactor = Redactor(secrets: [password].compactMap { $0 })
        self.logger = logger
        self.now = now
    }

    func deliver(_ batch: [OutgoingMessage]) -> [DeliveryResult] {
        var results: [DeliveryResult] = []
        deliver(batch) { _, result in results.append(result); return true }
        return results
    }

    func deliver(_ batch: [OutgoingMessage], each: (Int, DeliveryResult) -> Bool) {
        let renderer = self.renderer, from = settings.from, clock = UncheckedClock(now: now)
        // Rendering the next messages overlaps with the server's replies to this one.
        Pipelined.forEach(batch, prepare: { message in
            Self.prepare(message, renderer: renderer, from: from, date: clock.now())
        }, use: { i, message, prepared in
            let result = send(message, prepared).redacted(by: redactor)
            result.log(to: logger, channel: settings.channel, message: message, what: "mail")
            return each(i, result)
        })
    }

    /// A message ready for the wire, or the reason there is none. Pure: runs ahead on
    /// `Pipelined`'s helper thread.
    enum PreparedMail: Sendable {
        case ready(envelope: [String], bytes: [UInt8], unreachable: [String])
        case refused(DeliveryResult, unreachable: [String])
    }

    static func prepare(_ message: OutgoingMessage, renderer: MessageRenderer, from: Mailbox, date: Date) -> PreparedMail {
        let config = renderer.config
        if let answer = message.delivery.answer {
            // The answer to an owner's reply goes to the address the reply came from.
            guard Address.problem(answer.to) == nil else {
                return .refused(.failed(reason: "the reply's sender address is not usable; nothing sent"), unreachable: [])
            }
            let text = renderer.render(message)
            var mail = MailMessage(from: from, to: [Mailbox(address: answer.to)], cc: [], subject: text.subject,
                                   body: text.body, date: date, timeZone: config.timeZone, key: message.delivery.key)
            mail.autoSubmitted = "auto-replied"
            mail.inReplyTo = answer.inReplyTo
            mail.references = answer.references
            return .ready(envelope: [answer.to], bytes: Array(mail.rendered().utf8), unreachable: [])
        }
        let recipients: Recipients
        do {
            recipients = try Recipients.resolve(message.delivery, config: config)
        } catch {
            guard case .badAddress(let person, let reason) = error else { return .refused(.failed(reason: "\(error)"), unreachable: []) }
            return .refused(.failed(reason: "address of \(person) \(reason); nothing sent"), unreachable: [])
        }
        guard !recipients.envelope.isEmpty else {
            return .refused(.failed(reason: "no recipient with an e-mail address; nothing sent"), unreachable: recipients.unreachable)
        }
        let text = renderer.render(message)
        var mail = MailMessage(from: from, to: recipients.to, cc: recipients.cc,
                               subject: text.subject, body: text.body, date: date,
                               timeZone: config.timeZone, key: message.delivery.key,
                               calendar: CalendarAttachment(message, config: config, now: date), html: text.html)
        mail.replyTo = renderer.replies?.address(for: message.delivery.reminder)
        return .ready(envelope: recipients.envelope, bytes: Array(mail.rendered().utf8), unreachable: recipients.unreachable)
    }

    private func send(_ message: OutgoingMessage, _ prepared: PreparedMail) -> DeliveryResult {
        let unreachable: [String]
        switch prepared {
        case .ready(_, _, let u), .refused(_, let u): unreachable = u
        }
        if !unreachable.isEmpty {
            logger.warning("people without an e-mail address are left out", metadata: [
                "channel": "\(settings.channel)", "delivery.key": "\(message.delivery.key)",
                "people": "\(unreachable.joined(separator: ","))",
            ])
        }
        guard case .ready(let envelope, let bytes, _) = prepared else {
            if case .refused(let result, _) = prepared { return result }
            return .failed(reason: "nothing to send")
        }
        do {
            let handle = try connection()
            let response = try handle.sendMail(recipients: envelope, message: bytes)
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

/// The notifier's clock, called from `Pipelined`'s helper thread. The real one is
/// `Date.init`; tests pass fixed instants.
struct UncheckedClock: @unchecked Sendable {
    let now: () -> Date
}
