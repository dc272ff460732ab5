import Foundation
import RemindCore

/// Everything a message can say about one delivery, worked out once from the config:
/// names instead of ids, local dates with weekday in the config's zone and language. The
/// templates, the webhook payloads and `test-channel` all read from here.
struct MessageFacts {
    var key: String
    var kind: ReminderKind
    var late: Bool
    var id: String
    var title: String
    var owner: String
    var with: [String]
    var deadline: String?
    var deadlineShort: String?
    var scheduled: String
    var lead: String?
    var ordinal: String
    var escalatedTo: [String]
    var origin: String?
    var notes: String?
    var window: String?
    var waiting: [(id: String, title: String)]
    var doneCommand: String
    var snoozeCommand: String
    var eventCommand: String

    init(_ message: OutgoingMessage, config: Config) {
        let d = message.delivery
        let r = d.reminder
        let words = Wording(language: config.language)
        let cal = config.calendar
        let name = { (id: String) in config.people[id]?.displayName ?? id }
        func local(_ date: Date) -> String {
            let (day, _) = cal.local(date)
            return words.dateTime(day, cal.localTime(of: date))
        }

        key = d.key
        kind = r.kind
        late = message.late
        id = r.subject
        scheduled = local(r.at)
        lead = r.lead.map(words.duration)
        ordinal = words.ordinal(max(r.ordinal, 1))
        escalatedTo = r.escalation.map(name)
        deadline = r.deadline.map(local)
        deadlineShort = r.deadline.map { words.shortDate(cal.localDate(of: $0)) }
        doneCommand = "remindd done \(r.subject)"
        snoozeCommand = "remindd snooze \(r.subject) --until \(words.datePlaceholder)"
        eventCommand = "remindd event \(r.subject) --occurred \(words.datePlaceholder)"
        waiting = []

        if r.isEventNotice {
            let event = config.events[r.subject]
            title = event?.title ?? r.subject
            owner = (event?.owner ?? r.people.first).map(name) ?? ""
            with = []
            window = event?.expected.map(words.window)
            waiting = config.items.filter { $0.due?.eventName == r.subject }.map { ($0.id, $0.title) }
        } else {
            let item = config.item(r.subject) ?? config.items.first { $0.id == r.subject }
            title = item?.title ?? r.subject
            owner = name(item?.owner ?? r.people.first ?? "")
            with = (item?.with ?? Array(r.people.dropFirst())).map(name)
            notes = item?.notes
            if let m = item?.meeting {
                let series = config.meetings[m.series]?.title ?? m.series
                origin = config.language == .nl
                    ? "\(series), vergadering van \(words.date(m.date))"
                    : "\(series), meeting of \(words.date(m.date))"
            } else if let agreed = item?.agreed {
                origin = config.language == .nl ? "afgesproken op \(words.date(agreed))" : "agreed on \(words.date(agreed))"
            }
        }
        if deadline == nil && !r.isEventNotice {
            deadline = config.language == .nl ? "geen" : "none"
        }
        if window == nil && r.isEventNotice {
            window = config.language == .nl ? "onbekend" : "unknown"
        }
    }

    /// The Mustache context. Every key is documented on `MessageRenderer`.
    func context(language: Language) -> [String: Any] {
        let words = Wording(language: language)
        return [
            "key": key,
            "kind": kind.rawValue,
            "late": late,
            "id": id,
            "title": title,
            "owner": owner,
            "with": words.list(with),
            "has_with": !with.isEmpty,
            "deadline": deadline ?? "",
            "deadline_short": deadlineShort ?? "",
            "has_deadline": deadlineShort != nil,
            "scheduled": scheduled,
            "lead": lead ?? "",
            "ordinal": ordinal,
            "escalated": !escalatedTo.isEmpty,
            "escalated_to": words.list(escalatedTo),
            "origin": origin ?? "",
            "has_origin": origin != nil,
            "notes": notes ?? "",
            "has_notes": !(notes ?? "").isEmpty,
            "window": window ?? "",
            "waiting": waiting.map { ["id": $0.id, "title": $0.title] as [String: Any] },
            "has_waiting": !waiting.isEmpty,
            "done_command": doneCommand,
            "snooze_command": snoozeCommand,
            "event_command": eventCommand,
        ]
    }
}
