import Foundation
import RemindCore

/// The body (and format-specific headers) of one webhook post. `json` is DESIGN's documented
/// object, for automation; the chat formats carry the rendered text a person reads.
struct WebhookPayload: Sendable {
    var body: [UInt8]
    var contentType: String
    /// Extra `Name: value` headers (ntfy's Title/Priority/Tags), free of CR/LF.
    var headers: [String]

    static func make(_ message: OutgoingMessage, format: WebhookFormat, text: RenderedMessage,
                     config: Config, links: ActionLinks.Links? = nil, signer: ActionLinks? = nil) -> WebhookPayload {
        switch format {
        case .json:
            if let content = message.delivery.digest {
                return json(digestObject(message, content, text: text, config: config, signer: signer))
            }
            return json(designObject(message, text: text, config: config, links: links))
        case .slack:
            return json(.sortedObject(["text": .string("*\(text.subject)*\n\n\(text.body)")]))
        case .mattermost:
            return json(.sortedObject(["text": .string("**\(text.subject)**\n\n\(text.body)")]))
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
    /// (person ids), `to`, `cc`, the rendered `subject` and `text`, and with action links
    /// `links` {`done`, `snooze` {CHOICE: URL}}. Keys sorted, as receivers that sign or
    /// diff bodies prefer.
    static func designObject(_ message: OutgoingMessage, text: RenderedMessage, config: Config,
                             links: ActionLinks.Links? = nil) -> JSON {
        let d = message.delivery
        let r = d.reminder
        var object: [String: JSON] = [
            "key": .string(d.key),
            "kind": .string(r.kind.rawValue),
            "scheduled": .string(UTCStamp.iso(r.at)),
            "late": .bool(message.late),
            "channel": .string(d.channel),
            "recipients": .strings(d.recipients),
            "to": .strings(d.to),
            "cc": .strings(d.cc),
            "subject": .string(text.subject),
            "text": .string(text.body),
            "item": .null,
        ]
        if r.isEventNotice {
            let e = config.events[r.subject]
            object["event"] = .sortedObject([
                "id": .string(r.subject),
                "title": .string(e?.title ?? r.subject),
                "owner": .optional(e?.owner ?? r.people.first),
                "expected": .optional(e?.expected?.description),
            ])
        } else {
            let item = config.item(r.subject) ?? config.items.first { $0.id == r.subject }
            object["item"] = .sortedObject([
                "id": .string(r.subject),
                "title": .string(item?.title ?? r.subject),
                "owner": .string(item?.owner ?? r.people.first ?? ""),
                "with": .strings(item?.with ?? Array(r.people.dropFirst())),
                "deadline": .optional(r.deadline.map(UTCStamp.iso)),
            ])
        }
        if let links {
            var snooze: [String: JSON] = [:]
            for s in links.snooze { snooze[s.choice] = .string(s.url) }
            object["links"] = .sortedObject(["done": .string(links.done), "snooze": .sortedObject(snooze)])
        }
        return .sortedObject(object)
    }

    /// An Adaptive Card in a message envelope: what Teams workflows (and the older incoming
    /// webhooks) accept.
    /// A digest: `key`, `kind` (`digest`), `digest`, `person`, `period`, `late`,
    /// `recipients`, `sections` [{`kind`, `title`, `owner`?, `items` […]}], and the rendered
    /// `subject` and `text`.
    static func digestObject(_ message: OutgoingMessage, _ content: DigestContent, text: RenderedMessage,
                             config: Config, signer: ActionLinks?) -> JSON {
        guard case .object(var pairs) = DigestMessage(content, config: config, links: signer)
            .json(key: message.delivery.key, late: message.late) else { return .null }
        pairs += [("scheduled", .string(UTCStamp.iso(message.delivery.reminder.at))),
                  ("channel", .string(message.delivery.channel)),
                  ("subject", .string(text.subject)), ("text", .string(text.body))]
        return .object(pairs.sorted { $0.0 < $1.0 })
    }

    static func adaptiveCard(_ text: RenderedMessage) -> JSON {
        .sortedObject([
            "type": .string("message"),
            "summary": .string(text.subject),
            "attachments": .array([.sortedObject([
                "contentType": .string("application/vnd.microsoft.card.adaptive"),
                "content": .sortedObject([
                    "$schema": .string("http://adaptivecards.io/schemas/adaptive-card.json"),
                    "type": .string("AdaptiveCard"),
                    "version": .string("1.4"),
                    "body": .array([
                        .sortedObject(["type": .string("TextBlock"), "text": .string(text.subject), "weight": .string("Bolder"),
                                       "size": .string("Medium"), "wrap": .bool(true)]),
                        .sortedObject(["type": .string("TextBlock"), "text": .string(text.body), "wrap": .bool(true)]),
                    ]),
                ]),
            ])]),
        ])
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

    /// Serialised by RemindCore's writer rather than `JSONSerialization`, which spends
    /// most of a webhook delivery's time bridging and sorting through Foundation.
    private static func json(_ value: JSON) -> WebhookPayload {
        WebhookPayload(body: Array(value.serialized().utf8), contentType: "application/json", headers: [])
    }
}
