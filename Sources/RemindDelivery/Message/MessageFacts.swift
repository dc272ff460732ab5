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
    /// The action links, when the config has them: done, and each snooze choice with its
    /// words (`over 2 dagen`).
    var doneLink: String?
    var snoozeLinks: [(label: String, url: String, choice: String)] = []

    init(_ message: OutgoingMessage, config: Config, links: ActionLinks? = nil) {
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
        if let l = links?.links(for: r) {
            doneLink = l.done
            snoozeLinks = zip(l.snooze, links!.settings.snooze).map { link, d in
                ((config.language == .nl ? "over " : "in ") + words.duration(d), link.url, link.choice)
            }
        }

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

    /// One name a template can use and how its value is read from the facts.
    enum Field: Sendable {
        case text(String, @Sendable (MessageFacts, Wording) -> String)
        case flag(String, @Sendable (MessageFacts) -> Bool)
        case list(String, fields: [String], @Sendable (MessageFacts) -> [[String]])
    }

    /// Every name a template can use (documented on `MessageRenderer`) but `which`, which
    /// the renderer adds: it is itself rendered from these.
    static let fields: [Field] = [
        .text("key") { f, _ in f.key },
        .text("kind") { f, _ in f.kind.rawValue },
        .flag("late") { $0.late },
        .text("id") { f, _ in f.id },
        .text("title") { f, _ in f.title },
        .text("owner") { f, _ in f.owner },
        .text("with") { f, words in words.list(f.with) },
        .flag("has_with") { !$0.with.isEmpty },
        .text("deadline") { f, _ in f.deadline ?? "" },
        .text("deadline_short") { f, _ in f.deadlineShort ?? "" },
        .flag("has_deadline") { $0.deadlineShort != nil },
        .text("scheduled") { f, _ in f.scheduled },
        .text("lead") { f, _ in f.lead ?? "" },
        .text("ordinal") { f, _ in f.ordinal },
        .flag("escalated") { !$0.escalatedTo.isEmpty },
        .text("escalated_to") { f, words in words.list(f.escalatedTo) },
        .text("origin") { f, _ in f.origin ?? "" },
        .flag("has_origin") { $0.origin != nil },
        .text("notes") { f, _ in f.notes ?? "" },
        .flag("has_notes") { !($0.notes ?? "").isEmpty },
        .text("window") { f, _ in f.window ?? "" },
        .list("waiting", fields: ["id", "title"]) { $0.waiting.map { [$0.id, $0.title] } },
        .flag("has_waiting") { !$0.waiting.isEmpty },
        .text("done_command") { f, _ in f.doneCommand },
        .text("snooze_command") { f, _ in f.snoozeCommand },
        .text("event_command") { f, _ in f.eventCommand },
        .flag("has_links") { $0.doneLink != nil },
        .text("done_link") { f, _ in f.doneLink ?? "" },
        .list("snooze_links", fields: ["label", "url", "choice"]) { $0.snoozeLinks.map { [$0.label, $0.url, $0.choice] } },
        // The same, as `{{links.done}}` and `{{#links.snooze}}{{label}}: {{url}}{{/links.snooze}}`.
        .text("links.done") { f, _ in f.doneLink ?? "" },
        .list("links.snooze", fields: ["label", "url", "choice"]) { $0.snoozeLinks.map { [$0.label, $0.url, $0.choice] } },
    ]

    /// The names of `fields` with their kinds; slot i holds `values(language:)[i]`.
    static let schema = TemplateSchema(fields.map { field in
        switch field {
        case .text(let name, _): (name, .text)
        case .flag(let name, _): (name, .flag)
        case .list(let name, let fields, _): (name, .list(fields: fields))
        }
    })

    /// The values of `fields`, in their order: what the templates read.
    func values(language: Language) -> [TemplateValue] {
        let words = Wording(language: language)
        return Self.fields.map { field in
            switch field {
            case .text(_, let read): .text(read(self, words))
            case .flag(_, let read): .flag(read(self))
            case .list(_, _, let read): .list(read(self))
            }
        }
    }
}
