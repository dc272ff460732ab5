import Foundation
import RemindCore

/// The body (and format-specific headers) of one webhook post. `json` is DESIGN's documented
/// object, for automation; the chat formats carry the rendered text a person reads.
struct WebhookPayload {
    var body: [UInt8]
    var contentType: String
    /// Extra `Name: value` headers (ntfy's Title/Priority/Tags), free of CR/LF.
    var headers: [String]

    static func make(_ message: OutgoingMessage, format: WebhookFormat, text: RenderedMessage,
                     config: Config) -> WebhookPayload {
        switch format {
        case .json:
            return json(designObject(message, text: text, config: config))
        case .slack:
            return json(["text": "*\(text.subject)*\n\n\(text.body)"])
        case .mattermost:
            return json(["text": "**\(text.subject)**\n\n\(text.body)"])
        case .teams:
            return json(adaptiveCard(text))
        case .ntfy:
            let r = message.delivery.reminder
            return WebhookPayload(body: Array(text.body.utf8), contentType: "text/plain; charset=utf-8", headers: [
                "Title: \(headerValue(text.subject))",
                "Priority: \(ntfyPriority(r))",
                "Tags: \(r.isEventNotice ? "calendar" : "alarm_clock")\(r.escalation.isEmpty ? "" : ",warning")",
            ])
        }
    }

    /// `key`, `kind`, `scheduled`, `late`, `item` {`id`, `title`, `owner`, `with`,
    /// `deadline`} (null for event notices, which carry `event` instead), `recipients`
    /// (person ids), `to`, `cc`, and the rendered `subject` and `text`.
    static func designObject(_ message: OutgoingMessage, text: RenderedMessage, config: Config) -> [String: Any] {
        let d = message.delivery
        let r = d.reminder
        var object: [String: Any] = [
            "key": d.key,
            "kind": r.kind.rawValue,
            "scheduled": UTCStamp.iso(r.at),
            "late": message.late,
            "channel": d.channel,
            "recipients": d.recipients,
            "to": d.to,
            "cc": d.cc,
            "subject": text.subject,
            "text": text.body,
            "item": NSNull(),
        ]
        if r.isEventNotice {
            let e = config.events[r.subject]
            object["event"] = [
                "id": r.subject,
                "title": e?.title ?? r.subject,
                "owner": (e?.owner ?? r.people.first).map { $0 as Any } ?? NSNull(),
                "expected": e?.expected.map { $0.description as Any } ?? NSNull(),
            ] as [String: Any]
        } else {
            let item = config.item(r.subject) ?? config.items.first { $0.id == r.subject }
            object["item"] = [
                "id": r.subject,
                "title": item?.title ?? r.subject,
                "owner": item?.owner ?? r.people.first ?? "",
                "with": item?.with ?? Array(r.people.dropFirst()),
                "deadline": r.deadline.map { UTCStamp.iso($0) as Any } ?? NSNull(),
            ] as [String: Any]
        }
        return object
    }

    /// An Adaptive Card in a message envelope: what Teams workflows (and the older incoming
    /// webhooks) accept.
    static func adaptiveCard(_ text: RenderedMessage) -> [String: Any] {
        [
            "type": "message",
            "summary": text.subject,
            "attachments": [[
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": [
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                        ["type": "TextBlock", "text": text.subject, "weight": "Bolder", "size": "Medium", "wrap": true],
                        ["type": "TextBlock", "text": text.body, "wrap": true],
                    ] as [[String: Any]],
                ] as [String: Any],
            ]] as [[String: Any]],
        ]
    }

    private static func ntfyPriority(_ r: Reminder) -> String {
        if !r.escalation.isEmpty { return "urgent" }
        switch r.kind {
        case .overdue, .eventLate: return "high"
        case .due: return "high"
        default: return "default"
        }
    }

    /// HTTP header values are ASCII: non-ASCII text goes as RFC 2047 encoded-words on one
    /// line (ntfy decodes them); controls become spaces.
    static func headerValue(_ s: String) -> String {
        let clean = MailHeader.sanitize(s)
        return MailHeader.needsEncoding(clean) ? MailHeader.encodedWords(clean).joined(separator: " ") : clean
    }

    private static func json(_ object: [String: Any]) -> WebhookPayload {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return WebhookPayload(body: Array(data), contentType: "application/json", headers: [])
    }
}
