import Foundation
import RemindCore

/// A digest in words (DESIGN "Digests"): a plain-text body that reads well in any mail
/// reader, and an HTML alternative with a table per section (inline styles, nothing
/// external). Dutch or English by `language`; with action links, each open item has its
/// done and snooze links.
struct DigestMessage {
    let config: Config
    let links: ActionLinks?
    let content: DigestContent
    private var words: Wording { Wording(language: config.language) }
    private var nl: Bool { config.language == .nl }

    init(_ content: DigestContent, config: Config, links: ActionLinks?) {
        self.content = content
        self.config = config
        self.links = links
    }

    func rendered(late: Bool) -> RenderedMessage {
        RenderedMessage(subject: subject(late: late), body: text(), html: html())
    }

    // MARK: - Words

    func name(_ id: String) -> String { config.people[id]?.displayName ?? id }

    func seriesTitle(_ id: String) -> String { config.meetings[id]?.title ?? id }

    func subject(late: Bool) -> String {
        let mark = late ? (nl ? "[later verzonden] " : "[sent late] ") : ""
        if let series = content.series, let meeting = content.meeting {
            let n = content.itemCount
            return mark + (nl
                ? "Actielijst \(seriesTitle(series)) \(words.shortDate(meeting)): \(n) open \(n == 1 ? "actie" : "acties")"
                : "Action list \(seriesTitle(series)) \(words.shortDate(meeting)): \(n) open \(n == 1 ? "action" : "actions")")
        }
        let parts = content.sections.compactMap { s -> String? in
            let n = s.entries.count
            switch s.kind {
            case .overdue: return nl ? "\(n) te laat" : "\(n) overdue"
            case .dueSoon: return nl ? "\(n) binnenkort" : "\(n) due soon"
            case .waiting: return nl ? "\(n) wacht" : "\(n) waiting"
            case .done: return nl ? "\(n) klaar" : "\(n) done"
            case .owner: return nil
            }
        }
        return mark + (nl ? "Overzicht van je acties: " : "Your actions: ") + parts.joined(separator: ", ")
    }

    func heading(_ s: DigestContent.Section) -> String {
        switch s.kind {
        case .overdue: return nl ? "Te laat" : "Overdue"
        case .dueSoon: return nl ? "Deadline binnen 7 dagen" : "Due within 7 days"
        case .waiting: return nl ? "Wacht op een gebeurtenis" : "Waiting on an event"
        case .done: return nl ? "Klaar sinds het vorige overzicht" : "Done since the last digest"
        case .owner: return name(s.owner ?? "")
        }
    }

    func intro() -> String {
        let asOf = local(content.asOf)
        if let series = content.series, let meeting = content.meeting {
            return nl
                ? "Openstaande acties van \(seriesTitle(series)) voor de vergadering van \(words.date(meeting)), per eigenaar (stand van \(asOf))."
                : "Open actions of \(seriesTitle(series)) for the meeting of \(words.date(meeting)), by owner (as of \(asOf))."
        }
        return nl
            ? "Overzicht voor \(name(content.person)) (stand van \(asOf))."
            : "Digest for \(name(content.person)) (as of \(asOf))."
    }

    func local(_ date: Date) -> String {
        let cal = config.calendar
        let t = cal.localTime(of: date)
        return words.dateTime(cal.localDate(of: date), LocalTime(hour: t.hour, minute: t.minute))
    }

    /// `ma 2 okt 17:00`; with the year when it is not the year of the digest.
    func short(_ date: Date) -> String {
        let cal = config.calendar
        let t = cal.localTime(of: date)
        let day = cal.localDate(of: date)
        let year = day.year == cal.localDate(of: content.asOf).year ? "" : " \(day.year)"
        return "\(words.shortDate(day))\(year) \(String(format: "%02d:%02d", t.hour, t.minute))"
    }

    /// The one-line status of an entry: its deadline, what it waits on, when it was done.
    func detail(_ e: DigestContent.Entry) -> String {
        var parts: [String] = []
        if e.state == "done", let at = e.doneAt {
            parts.append((nl ? "klaar " : "done ") + short(at))
        } else if let event = e.event {
            var s = (nl ? "wacht op: " : "waiting on: ") + (e.eventTitle ?? event)
            if let w = e.expected { s += nl ? " (verwacht \(words.window(w)))" : " (expected \(words.window(w)))" }
            parts.append(s)
        } else if let dl = e.deadline {
            parts.append("deadline " + short(dl))
        } else {
            parts.append(nl ? "geen deadline" : "no deadline")
        }
        if e.state == "overdue" { parts.append(nl ? "te laat" : "overdue") }
        if e.state == "snoozed", let until = e.snoozedUntil {
            parts.append((nl ? "uitgesteld tot " : "snoozed until ") + short(until))
        }
        return parts.joined(separator: ", ")
    }

    func people(_ e: DigestContent.Entry) -> String {
        let owner = name(e.owner)
        guard !e.with.isEmpty else { return owner }
        return owner + (nl ? " met " : " with ") + words.list(e.with.map(name))
    }

    /// An owner's open items carry their action links; a meeting digest, a list to paste
    /// into the agenda, carries none.
    func itemLinks(_ e: DigestContent.Entry) -> ActionLinks.Links? {
        guard e.state != "done", !content.isMeetingDigest, let links else { return nil }
        let r = Reminder(subject: e.id, kind: .due, at: content.asOf, deadline: e.deadline, people: [e.owner])
        return links.links(for: r)
    }

    // MARK: - Text

    func text() -> String {
        var out = intro() + "\n"
        for s in content.sections {
            out += "\n" + heading(s).uppercased() + " (\(s.entries.count))\n"
            for e in s.entries {
                out += "- \(e.title) [\(e.id)]\n"
                let who = content.isMeetingDigest ? (e.with.isEmpty ? nil : (nl ? "met " : "with ") + words.list(e.with.map(name))) : people(e)
                out += "  " + ([who, detail(e)].compactMap { $0 }.joined(separator: "; ")) + "\n"
                if let l = itemLinks(e) {
                    out += "  " + (nl ? "Klaar: " : "Done: ") + l.done + "\n"
                    for (choice, link) in zip(links!.settings.snooze, l.snooze) {
                        out += "  " + (nl ? "Uitstellen \(words.duration(choice)): " : "Snooze \(words.duration(choice)): ") + link.url + "\n"
                    }
                }
            }
        }
        if links == nil && !content.isMeetingDigest {
            out += "\n" + (nl ? "Klaar met een actie? remindd done ID" : "Done with one? remindd done ID") + "\n"
        }
        return out
    }

    // MARK: - HTML

    func html() -> String {
        let e = MessageHTML.escape
        var out = "<!doctype html>\n<html lang=\"\(config.language.rawValue)\"><head><meta charset=\"utf-8\">"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>\(e(subject(late: false)))</title></head>\n"
        out += "<body style=\"margin:0;padding:16px;font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:#111\">\n"
        out += "<p style=\"margin:0 0 12px 0\">\(e(intro()))</p>\n"
        let th = "style=\"text-align:left;padding:6px 8px;border-bottom:2px solid #94a3b8;font-size:13px;color:#334155\""
        let td = "style=\"vertical-align:top;padding:6px 8px;border-bottom:1px solid #e2e8f0\""
        for s in content.sections {
            let colour = s.kind == .overdue ? "#991b1b" : "#0f172a"
            out += "<h2 style=\"font-size:17px;margin:20px 0 6px 0;color:\(colour)\">\(e(heading(s))) (\(s.entries.count))</h2>\n"
            out += "<table role=\"presentation\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse;width:100%;max-width:720px\">\n"
            out += "<tr><th \(th)>\(nl ? "Actie" : "Action")</th><th \(th)>\(content.isMeetingDigest ? (nl ? "Met" : "With") : (nl ? "Wie" : "Who"))</th><th \(th)>Status</th></tr>\n"
            for entry in s.entries {
                out += "<tr><td \(td)><strong>\(e(entry.title))</strong><br><span style=\"color:#64748b;font-size:13px\">\(e(entry.id))</span>"
                if let l = itemLinks(entry) {
                    out += "<br><a href=\"\(e(l.done))\" style=\"color:#14532d;font-weight:600\">\(nl ? "Klaar" : "Done")</a>"
                    for (choice, link) in zip(links!.settings.snooze, l.snooze) {
                        out += " · <a href=\"\(e(link.url))\" style=\"color:#1d4ed8\">\(e((nl ? "uitstel " : "snooze ") + words.duration(choice)))</a>"
                    }
                }
                let who = content.isMeetingDigest ? words.list(entry.with.map(name)) : people(entry)
                out += "</td><td \(td)>\(e(who))</td><td \(td)>\(e(detail(entry)))</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "</body></html>\n"
        return out
    }

    // MARK: - Webhook

    /// The sections as JSON, for webhook digests.
    func json(key: String, late: Bool) -> JSON {
        func iso(_ d: Date?) -> JSON { d.map { .string(UTCStamp.iso($0)) } ?? .null }
        let sections: [JSON] = content.sections.map { s in
            var pairs: [(String, JSON)] = [("kind", .string(s.kind.rawValue)), ("title", .string(heading(s)))]
            if let o = s.owner { pairs.append(("owner", .string(o))) }
            pairs.append(("items", .array(s.entries.map { entry in
                var item: [(String, JSON)] = [
                    ("id", .string(entry.id)), ("title", .string(entry.title)), ("owner", .string(entry.owner)),
                    ("with", .strings(entry.with)), ("state", .string(entry.state)), ("deadline", iso(entry.deadline)),
                ]
                if let ev = entry.event { item.append(("event", .string(ev))) }
                if let w = entry.expected { item.append(("expected", .string(w.description))) }
                if let d = entry.doneAt { item.append(("done_at", iso(d))) }
                if let l = itemLinks(entry) {
                    item.append(("links", .object([("done", .string(l.done)),
                                                   ("snooze", .object(l.snooze.map { ($0.choice, .string($0.url)) }))])))
                }
                return .object(item)
            })))
            return .object(pairs)
        }
        var pairs: [(String, JSON)] = [
            ("key", .string(key)), ("kind", .string("digest")), ("digest", .string(content.digest)),
            ("person", .string(content.person)), ("period", .string(content.period.description)),
            ("as_of", .string(UTCStamp.iso(content.asOf))), ("late", .bool(late)),
        ]
        if let s = content.series { pairs.append(("meeting", .string(s))) }
        if let m = content.meeting { pairs.append(("meeting_date", .string(m.description))) }
        pairs.append(("recipients", .strings([content.person])))
        pairs.append(("sections", .array(sections)))
        return .object(pairs)
    }
}
