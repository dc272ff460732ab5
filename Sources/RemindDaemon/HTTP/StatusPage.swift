import Foundation
import RemindCore

/// `/status`: for the secretariat, per meeting series (items without one under a heading
/// of their own): overdue, due within 7 days, waiting on an event, snoozed, open, and done
/// in the last 14 days; each with owner, deadline and next reminder. Plain semantic HTML,
/// a table per series that reads on a phone and on paper, no JavaScript.
enum StatusPage {
    static func render(config: Config, statuses: [ItemStatus], now: Date) -> String {
        let nl = config.language == .nl
        let cal = config.calendar
        let stamp = { (d: Date) in Agenda.localStamp(d, cal, language: config.language) }
        let soon = now.addingTimeInterval(7 * 86_400), lately = now.addingTimeInterval(-14 * 86_400)

        enum Group: Int, CaseIterable { case overdue, dueSoon, waiting, snoozed, open, done }
        func group(_ s: ItemStatus) -> Group? {
            switch s.state {
            case .overdue: return .overdue
            case .waiting: return .waiting
            case .snoozed: return .snoozed
            case .done: return (s.doneAt ?? .distantPast) >= lately ? .done : nil
            case .open: return (s.deadline.map { $0 <= soon } ?? false) ? .dueSoon : .open
            }
        }
        func label(_ g: Group) -> String {
            switch g {
            case .overdue: return nl ? "Verlopen" : "Overdue"
            case .dueSoon: return nl ? "Deadline binnen 7 dagen" : "Due within 7 days"
            case .waiting: return nl ? "Wacht op een gebeurtenis" : "Waiting on an event"
            case .snoozed: return nl ? "Uitgesteld" : "Snoozed"
            case .open: return nl ? "Open" : "Open"
            case .done: return nl ? "Onlangs afgerond" : "Done lately"
            }
        }
        let name = { (id: String) in config.people[id]?.displayName ?? id }
        var series: [String?] = []
        for s in statuses where !series.contains(s.item.meeting?.series) { series.append(s.item.meeting?.series) }
        series.sort { ($0 ?? "\u{10FFFF}") < ($1 ?? "\u{10FFFF}") }

        var counts: [Group: Int] = [:]
        var sections: [String] = []
        for key in series {
            let title = key.map { config.meetings[$0]?.title ?? $0 } ?? (nl ? "Zonder vergadering" : "Without a meeting")
            var rows: [String] = []
            for g in Group.allCases {
                let members = statuses.filter { $0.item.meeting?.series == key && group($0) == g }
                guard !members.isEmpty else { continue }
                counts[g, default: 0] += members.count
                rows.append("<tr class=\"group\"><th colspan=\"5\" scope=\"rowgroup\">\(esc(label(g))) (\(members.count))</th></tr>")
                for s in members {
                    var state = label(g)
                    if g == .waiting, let e = s.waitingFor { state += ": " + (config.events[e]?.title ?? e) }
                    if g == .snoozed, let u = s.snoozedUntil { state = (nl ? "uitgesteld tot " : "snoozed until ") + stamp(u) }
                    if g == .done, let d = s.doneAt { state = (nl ? "afgerond " : "done ") + stamp(d) }
                    let people = ([s.item.owner] + s.item.with).map(name).joined(separator: ", ")
                    rows.append("""
                        <tr><td>\(esc(s.item.title))<br><small>\(esc(s.item.id)) · \(esc(state))</small></td>\
                        <td>\(esc(people))</td><td>\(esc(s.deadline.map(stamp) ?? "–"))</td>\
                        <td>\(esc(s.next.map { stamp($0.at) } ?? "–"))</td></tr>
                        """)
                }
            }
            guard !rows.isEmpty else { continue }
            sections.append("""
                <section>
                <h2>\(esc(title))</h2>
                <table>
                <thead><tr><th scope="col">\(nl ? "Actie" : "Action")</th><th scope="col">\(nl ? "Eigenaar" : "Owner")</th>\
                <th scope="col">Deadline</th><th scope="col">\(nl ? "Volgende herinnering" : "Next reminder")</th></tr></thead>
                <tbody>
                \(rows.joined(separator: "\n"))
                </tbody>
                </table>
                </section>
                """)
        }
        let summary = Group.allCases.filter { counts[$0, default: 0] > 0 }
            .map { "<li>\(esc(label($0))): <strong>\(counts[$0]!)</strong></li>" }.joined()
        return """
            <!doctype html>
            <html lang="\(config.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(nl ? "Stand van de acties" : "Action items") · remindd</title>
            <style>
            body { font: 1rem/1.45 system-ui, sans-serif; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; color: #111; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
            th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #ddd; }
            tr.group th { background: #f1f5f9; }
            small { color: #555; }
            ul.summary { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding: 0; list-style: none; }
            @media (max-width: 40rem) { thead { display: none; } td { display: block; border: 0; padding: .1rem .5rem; } tr { display: block; border-bottom: 1px solid #ddd; padding: .3rem 0; } }
            @media print { body { max-width: none; } section { break-inside: avoid-page; } }
            </style>
            </head>
            <body>
            <main>
            <h1>\(nl ? "Stand van de acties" : "Action items")</h1>
            <p><small>\(nl ? "Bijgewerkt" : "As of") \(esc(stamp(now)))</small></p>
            <ul class="summary">\(summary)</ul>
            \(sections.isEmpty ? "<p>\(nl ? "Geen acties." : "No action items.")</p>" : sections.joined(separator: "\n"))
            </main>
            </body>
            </html>

            """
    }

    static func esc(_ s: String) -> String { LinkPage.escape(s) }
}
