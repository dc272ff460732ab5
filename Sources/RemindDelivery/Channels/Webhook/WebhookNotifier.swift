import Foundation
import Logging
import RemindCore

/// Webhooks through libcurl: a POST per reminder, on one reused handle (keep-alive), signed
/// per Standard Webhooks when the channel has a secret.
final class WebhookNotifier: Notifier {
    let settings: WebhookSettings
    let renderer: MessageRenderer
    let signer: WebhookSigner?
    let logger: Logger
    let now: () -> Date
    /// Redacted from every reason: the URL (a chat hook's path is its password) and the
    /// signing key's base64 form, should a careless server echo either.
    private let redactor: Redactor
    private var curl: CurlHandle?

    init(settings: WebhookSettings, renderer: MessageRenderer, key: [UInt8]?, logger: Logger,
         now: @escaping () -> Date = Date.init) {
        self.settings = settings
        self.renderer = renderer
        self.signer = key.map(WebhookSigner.init(key:))
        self.redactor = Redactor(secrets: [settings.url] + (key.map { [Data($0).base64EncodedString()] } ?? []))
        self.logger = logger
        self.now = now
    }

    func deliver(_ batch: [OutgoingMessage]) -> [DeliveryResult] {
        var results: [DeliveryResult] = []
        deliver(batch) { _, result in results.append(result); return true }
        return results
    }

    func deliver(_ batch: [OutgoingMessage], each: (Int, DeliveryResult) -> Bool) {
        let renderer = self.renderer, format = settings.format
        // Rendering the next bodies overlaps with waiting for this one's reply.
        Pipelined.forEach(batch, prepare: { message in
            WebhookPayload.make(message, format: format, text: renderer.render(message), config: renderer.config,
                                links: message.delivery.digest == nil ? renderer.links?.links(for: message.delivery.reminder) : nil,
                                signer: renderer.links)
        }, use: { i, message, payload in
            let result = send(message, payload)
            result.log(to: logger, channel: settings.channel, message: message, what: "webhook")
            return each(i, result)
        })
    }

    private func send(_ message: OutgoingMessage, _ payload: WebhookPayload) -> DeliveryResult {
        var headers = ["Content-Type: \(payload.contentType)"] + payload.headers
        // The key goes out on every post, signed or not, so receivers can drop duplicates.
        let id = Self.headerSafe(message.delivery.key)
        let timestamp = Int(now().timeIntervalSince1970)
        headers += ["webhook-id: \(id)", "webhook-timestamp: \(timestamp)"]
        if let signer {
            headers.append("webhook-signature: \(signer.signature(id: id, timestamp: timestamp, body: payload.body))")
        }
        let outcome: Result<CurlResponse, CurlError>
        do {
            outcome = .success(try connection().post(url: settings.url, headers: headers, body: payload.body))
        } catch {
            outcome = .failure(error)
        }
        return Self.classify(outcome, now: now()).redacted(by: redactor)
    }

    private func connection() throws(CurlError) -> CurlHandle {
        if let curl { return curl }
        let h = try CurlHandle(settings: CurlSettings(protocols: "http,https", connectTimeout: settings.connectTimeout,
                                                      timeout: settings.timeout, caFile: settings.caFile))
        curl = h
        return h
    }

    /// 2xx delivered; 408, 429 and 5xx retried (honouring Retry-After); a redirect, 410 Gone
    /// and every other 4xx are permanent: the endpoint or the payload must change first.
    static func classify(_ outcome: Result<CurlResponse, CurlError>, now: Date) -> DeliveryResult {
        switch outcome {
        case .success(let r):
            let status = r.headerLines.first(where: { $0.hasPrefix("HTTP/") }) ?? "HTTP \(r.code)"
            switch r.code {
            case 200..<300:
                return .sent(reply: status)
            case 408, 429, 500..<600:
                return .retry(reason: "\(status)\(snippet(r.body))", retryAfter: RetryAfter.seconds(from: r.headerLines, now: now))
            case 410:
                return .failed(reason: "\(status): the endpoint is gone; remove or fix this channel")
            case 300..<400:
                let location = r.headerLines.first { $0.lowercased().hasPrefix("location:") }
                return .failed(reason: "\(status): redirects are not followed\(location.map { " (\($0))" } ?? "")")
            default:
                return .failed(reason: "\(status)\(snippet(r.body))")
            }
        case .failure(let e):
            switch e.kind {
            case .connect, .timeout, .transport, .tlsHandshake:
                return .retry(reason: e.description, retryAfter: nil)
            case .tlsTrust, .tlsUnavailable, .loginDenied, .serverRefused, .badURL, .other:
                return .failed(reason: e.description)
            }
        }
    }

    /// The start of an error body, on one line: often the only hint of what was wrong.
    private static func snippet(_ body: [UInt8]) -> String {
        let text = MailHeader.sanitize(String(decoding: body.prefix(200), as: UTF8.self))
            .split(separator: " ").joined(separator: " ")
        return text.isEmpty ? "" : ": \(text)"
    }

    /// Header values must be visible ASCII; anything else in a key is percent-encoded.
    static func headerSafe(_ s: String) -> String {
        // Keys are nearly always plain already: checked on the bytes before anything is built.
        if s.utf8.allSatisfy(isHeaderSafe) { return s }
        return s.addingPercentEncoding(withAllowedCharacters: headerSafeSet) ?? s
    }

    private static let headerSafeSet = CharacterSet(
        charactersIn: "!#$&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyz~")

    private static func isHeaderSafe(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$&'()*+,-./:;=?@[]_~".utf8.contains(b)
        }
    }
}
