import Foundation
import RemindCore

/// What an action link (`/a/TOKEN`) answers: GET describes, POST acts. Both run on the
/// scheduler's queue, so the state they read is the state they change.
extension Daemon {
    struct LinkAnswer: Sendable {
        var status: Int
        var html: String
    }

    func answerLink(_ text: Substring, perform: Bool) -> LinkAnswer {
        let language = config.language
        guard let keys = secrets.linkKeys else { return LinkAnswer(status: 404, html: LinkPage.problem(404, language: language)) }
        let now = clock.now()
        let token: ActionToken
        switch ActionToken.verify(text, keys: keys, now: now) {
        case .success(let t): token = t
        case .failure(.expired): return LinkAnswer(status: 410, html: LinkPage.problem(410, language: language))
        case .failure: return LinkAnswer(status: 400, html: LinkPage.problem(400, language: language))
        }
        guard token.action != .calendar else { return LinkAnswer(status: 400, html: LinkPage.problem(400, language: language)) }
        guard let item = config.item(token.item) else {
            return LinkAnswer(status: 404, html: LinkPage.problem(404, language: language))
        }
        let nl = language == .nl
        let cal = config.calendar
        let state = (try? store.itemState(item.id)) ?? nil
        let deadline = Planner(config: config).deadline(of: item, state: PlanState()).instant
        let facts = LinkPage.Item(title: item.title, owner: config.people[item.owner]?.displayName ?? item.owner,
                                  deadline: deadline.map { Agenda.localStamp($0, cal, language: language) })
        let stamp = { (d: Date) in Agenda.localStamp(d, cal, language: language) }
        switch token.action {
        case .done:
            let already = state?.done == true
            guard perform else {
                return LinkAnswer(status: 200, html: LinkPage.confirm(
                    facts, action: nl ? "Actie afronden" : "Mark this action done",
                    note: already ? (nl ? "Deze actie is al als klaar gemarkeerd." : "This action is already marked done.") : nil,
                    button: nl ? "Markeer als klaar" : "Mark as done", language: language))
            }
            if !already { act(.done(item.id), source: .link) }
            return LinkAnswer(status: 200, html: LinkPage.result(
                facts, outcome: already ? (nl ? "Was al klaar" : "Already done") : (nl ? "Gemarkeerd als klaar" : "Marked done"),
                language: language))
        case .snooze:
            guard let until = InstantArgument.snoozeEnd(token.parameter, now: now, calendar: cal) else {
                return LinkAnswer(status: 400, html: LinkPage.problem(400, language: language))
            }
            guard perform else {
                let note = state?.done == true
                    ? (nl ? "Deze actie is al als klaar gemarkeerd; uitstellen verandert daar niets aan." : "This action is already marked done; snoozing does not change that.")
                    : nil
                return LinkAnswer(status: 200, html: LinkPage.confirm(
                    facts, action: nl ? "Herinneringen uitstellen tot \(stamp(until))" : "Snooze reminders until \(stamp(until))",
                    note: note, button: nl ? "Stel uit" : "Snooze", language: language))
            }
            // The same link pressed again (or a page reloaded) does not push the end further.
            if let current = state?.snoozedUntil, current >= until.addingTimeInterval(-600) {
                return LinkAnswer(status: 200, html: LinkPage.result(
                    facts, outcome: nl ? "Was al uitgesteld tot \(stamp(current))" : "Already snoozed until \(stamp(current))",
                    language: language))
            }
            act(.snooze(item.id, until: until), source: .link)
            return LinkAnswer(status: 200, html: LinkPage.result(
                facts, outcome: nl ? "Uitgesteld tot \(stamp(until))" : "Snoozed until \(stamp(until))", language: language))
        case .reopen:
            let open = state?.done != true
            guard perform else {
                return LinkAnswer(status: 200, html: LinkPage.confirm(
                    facts, action: nl ? "Actie heropenen" : "Reopen this action", note: nil,
                    button: nl ? "Heropen" : "Reopen", language: language))
            }
            if !open { act(.reopen(item.id), source: .link) }
            return LinkAnswer(status: 200, html: LinkPage.result(
                facts, outcome: open ? (nl ? "Stond al open" : "Already open") : (nl ? "Heropend" : "Reopened"),
                language: language))
        case .calendar:
            return LinkAnswer(status: 400, html: LinkPage.problem(400, language: language))
        }
    }

    /// A change from outside the command line, applied as the control socket applies one.
    func act(_ change: StateChange, source: ActionSource) {
        do {
            let cancelled = try change.apply(to: store, config: config, at: clock.now(), source: source)
            if !cancelled.isEmpty { worker.deliveriesCancelled() }
            logCancelled(cancelled)
            try scheduler.stateChanged(items: change.affectedItems(config), events: Set([change.event].compactMap { $0 }))
            logger.info("state changed; rescheduled", metadata: [
                "change": "\(change.line)", "source": "\(source.rawValue)", "next": "\(describeNext())",
            ])
        } catch {
            logger.error("cannot apply a state change", metadata: ["change": "\(change.line)", "error": "\(error)"])
        }
    }
}
