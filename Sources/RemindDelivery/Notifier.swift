import Foundation
import Logging
import RemindCore

/// One delivery handed to a notifier: the planned reminder on this channel, and whether it
/// goes out after its moment (catch-up after downtime), which the message then says.
public struct OutgoingMessage: Sendable {
    public var delivery: PlannedDelivery
    public var late: Bool

    public init(delivery: PlannedDelivery, late: Bool = false) {
        self.delivery = delivery
        self.late = late
    }
}

/// The outcome of one delivery attempt, classified by the notifier that knows the protocol,
/// so the outbox only decides *when* to try again, never *whether* a reply is retryable.
/// Reasons are redacted: no credentials, no URL userinfo or query.
public enum DeliveryResult: Sendable, Equatable {
    /// Accepted. `reply` is the server's final reply or the HTTP status line.
    case sent(reply: String)
    /// Transient (connection failure, SMTP 4xx, HTTP 408/429/5xx); `retryAfter` in seconds
    /// when the server said how long to wait.
    case retry(reason: String, retryAfter: Double?)
    /// Permanent (SMTP 5xx, other HTTP 4xx, refused address or configuration): retrying
    /// cannot help.
    case failed(reason: String)

    public var isSent: Bool {
        if case .sent = self { return true }
        return false
    }

    /// The reply or the reason, for listings and logs.
    public var text: String {
        switch self {
        case .sent(let r): return r
        case .retry(let r, _): return r
        case .failed(let r): return r
        }
    }
}

/// A channel. One instance per configured channel; the daemon calls it from a background
/// queue, never concurrently on one instance. A batch travels over one reused connection
/// (one curl handle), which is what makes thousands of messages per second possible and
/// spares mail servers a connection per reminder. Returns one result per message, in order.
public protocol Notifier: AnyObject {
    func deliver(_ batch: [OutgoingMessage]) -> [DeliveryResult]
    /// Delivers in order and hands over each result as soon as it is known (with its
    /// position in `batch`), so the caller can record outcomes as they come; stops before
    /// the next message when `each` returns false.
    func deliver(_ batch: [OutgoingMessage], each: (Int, DeliveryResult) -> Bool)
}

extension Notifier {
    /// One message at a time through `deliver(_:)`; notifiers that can prepare ahead
    /// (SMTP, webhooks) do better.
    public func deliver(_ batch: [OutgoingMessage], each: (Int, DeliveryResult) -> Bool) {
        for (i, message) in batch.enumerated() {
            let result = deliver([message]).first ?? .retry(reason: "the notifier returned no result", retryAfter: nil)
            if !each(i, result) { return }
        }
    }
}

extension DeliveryResult {
    /// The same result with every secret and URL credential scrubbed from its text.
    public func redacted(secrets: [String]) -> DeliveryResult {
        redacted(by: Redactor(secrets: secrets))
    }

    /// With a channel's redactor, whose needles were worked out once.
    func redacted(by redactor: Redactor) -> DeliveryResult {
        switch self {
        case .sent(let reply): return .sent(reply: redactor.redact(reply))
        case .retry(let reason, let after): return .retry(reason: redactor.redact(reason), retryAfter: after)
        case .failed(let reason): return .failed(reason: redactor.redact(reason))
        }
    }

    /// The notifier's own trace of an attempt, at debug level: the outbox worker logs the
    /// outcome that counts (sent, retry, failed) once, with the delivery's metadata.
    func log(to logger: Logger, channel: String, message m: OutgoingMessage, what: String) {
        // Nothing to build for a line that is not written (the daemon runs at info).
        guard logger.logLevel <= .debug else { return }
        let meta: Logger.Metadata = [
            "channel": "\(channel)", "delivery.key": "\(m.delivery.key)", "item.id": "\(m.delivery.reminder.subject)",
        ]
        switch self {
        case .sent(let reply): logger.debug("\(what) accepted: \(reply)", metadata: meta)
        case .retry(let reason, _): logger.debug("\(what) not delivered, retryable: \(reason)", metadata: meta)
        case .failed(let reason): logger.debug("\(what) failed permanently: \(reason)", metadata: meta)
        }
    }
}
