import Foundation
import RemindCore

/// The JSON API (`/api/v1/…`, DESIGN "HTTP"). Every handler runs on the scheduler's queue:
/// what it reads is what the daemon plans with, and what it changes is rescheduled at once.
extension Daemon {
    enum Access { case none, read, write }

    /// The access a bearer token gives; compared in constant time.
    func access(authorization: String?) -> Access {
        guard let header = authorization, header.hasPrefix("Bearer ") else { return .none }
        let given = Array(header.dropFirst(7).utf8)
        func same(_ token: String?) -> Bool {
            guard let token else { return false }
            let t = Array(token.utf8)
            guard t.count == given.count else { return false }
            return zip(t, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
        }
        if same(secrets.writeToken) { return .write }
        if same(secrets.readToken) { return .read }
        return .none
    }

    func itemJSON(_ s: ItemStatus) -> JSON {
        .object([
            ("id", .string(s.item.id)),
            ("title", .string(s.item.title)),
            ("owner", .string(s.item.owner)),
            ("with", .strings(s.item.with)),
            ("meeting", .optional(s.item.meeting?.series)),
            ("state", .string(s.state.rawValue)),
            ("deadline", .optional(s.deadline.map(UTCStamp.iso))),
            ("next_reminder", .optional(s.next.map { UTCStamp.iso($0.at) })),
            ("snoozed_until", .optional(s.snoozedUntil.map(UTCStamp.iso))),
            ("done_at", .optional(s.doneAt.map(UTCStamp.iso))),
        ])
    }

    func statuses() throws -> [ItemStatus] {
        ItemStatus.all(config: config, state: try store.planState(), now: clock.now())
    }

    func apiItems(state: String?, owner: String?, meeting: String?) -> APIAnswer {
        if let state, ItemStatus.State(rawValue: state) == nil {
            return .problem(400, "state must be one of \(ItemStatus.State.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        do {
            let list = try statuses().filter { s in
                (state == nil || s.state.rawValue == state)
                    && (owner == nil || s.item.owner == owner || s.item.with.contains(owner!))
                    && (meeting == nil || s.item.meeting?.series == meeting)
            }
            return .ok(.array(list.map(itemJSON)))
        } catch {
            return .problem(503, "the state cannot be read")
        }
    }

    func apiItem(_ id: String, withHistory: Bool = true) -> APIAnswer {
        do {
            guard let s = try statuses().first(where: { $0.item.id == id }) else { return .problem(404, "no item '\(id)'") }
            guard withHistory, case .object(var fields) = itemJSON(s) else { return .ok(itemJSON(s)) }
            let history = try HistoryEntry.json(store.history(subject: id), actions: store.actions(subject: id), pretty: false)
            fields.append(("history", (try? JSON(parsing: history)) ?? .array([])))
            return .ok(.object(fields))
        } catch {
            return .problem(503, "the state cannot be read")
        }
    }

    /// POST …/done, …/reopen, …/snooze.
    func apiChange(_ id: String, action: String, body: [UInt8]) -> APIAnswer {
        guard config.item(id) != nil else { return .problem(404, "no item '\(id)'") }
        let now = clock.now()
        switch action {
        case "done": act(.done(id), source: .api)
        case "reopen": act(.reopen(id), source: .api)
        case "snooze":
            switch APIRequest.snoozeEnd(body, now: now, calendar: config.calendar) {
            case .success(let until): act(.snooze(id, until: until), source: .api)
            case .failure(let r): return .problem(400, r.detail)
            }
        default:
            return .problem(404, "no such action '\(action)'")
        }
        return apiItem(id, withHistory: false)
    }

    /// POST /api/v1/events/{name}.
    func apiEvent(_ name: String, body: [UInt8]) -> APIAnswer {
        guard config.events[name] != nil else { return .problem(404, "no event '\(name)'") }
        let day: LocalDate
        switch APIRequest.occurred(body) {
        case .success(let d): day = d
        case .failure(let r): return .problem(400, r.detail)
        }
        act(.event(name, occurred: day), source: .api)
        return .ok(.object([("event", .string(name)), ("occurred", .string(day.description))]))
    }

    func apiAgenda(from: String?, days: String?) -> APIAnswer {
        let start: Date, n: Int
        switch APIRequest.agendaWindow(from: from, days: days, now: clock.now(), calendar: config.calendar) {
        case .success(let w): (start, n) = (w.start, w.days)
        case .failure(let r): return .problem(400, r.detail)
        }
        do {
            return .ok(Agenda(config: config, state: try store.planState(), from: start, days: n).json())
        } catch {
            return .problem(503, "the state cannot be read")
        }
    }

    func apiHistory(item: String?) -> APIAnswer {
        do {
            return .raw(try HistoryEntry.json(store.history(subject: item), actions: store.actions(subject: item), pretty: false))
        } catch {
            return .problem(503, "the state cannot be read")
        }
    }
}
