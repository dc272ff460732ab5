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
            guard let json = try? JSON(parsing: String(decoding: body, as: UTF8.self)) else {
                return .problem(400, "the body must be a JSON object: {\"until\": ISO 8601} or {\"for\": \"1w\"}")
            }
            guard case .object(let fields) = json, fields.allSatisfy({ $0.0 == "until" || $0.0 == "for" }),
                  (json["until"] == nil) != (json["for"] == nil) else {
                return .problem(400, "the body must be {\"until\": ISO 8601} or {\"for\": \"1w\"}, one of them")
            }
            let until: Date?
            if let value = json["until"] {
                guard let u = value.stringValue else { return .problem(400, "until must be a string (ISO 8601)") }
                until = InstantArgument.parse(u, calendar: config.calendar).flatMap { $0 > now ? $0 : nil }
                guard until != nil else { return .problem(400, "until must be a moment in the future (ISO 8601)") }
            } else {
                guard let f = json["for"]?.stringValue else { return .problem(400, "for must be a string such as 1w") }
                until = DurationSpec(f).flatMap { $0.amount > 0 ? InstantArgument.snoozeEnd(f, now: now, calendar: config.calendar) : nil }
                guard until != nil else { return .problem(400, "for must be a positive duration such as 2d, 1w or 3wd") }
            }
            act(.snooze(id, until: until!), source: .api)
        default:
            return .problem(404, "no such action '\(action)'")
        }
        return apiItem(id, withHistory: false)
    }

    /// POST /api/v1/events/{name}.
    func apiEvent(_ name: String, body: [UInt8]) -> APIAnswer {
        guard config.events[name] != nil else { return .problem(404, "no event '\(name)'") }
        guard let json = try? JSON(parsing: String(decoding: body, as: UTF8.self)), case .object(let fields) = json,
              fields.count == 1, let text = json["occurred"]?.stringValue else {
            return .problem(400, "the body must be a JSON object {\"occurred\": \"YYYY-MM-DD\"}")
        }
        guard let day = LocalDate(text) else { return .problem(400, "occurred must be a date YYYY-MM-DD") }
        act(.event(name, occurred: day), source: .api)
        return .ok(.object([("event", .string(name)), ("occurred", .string(day.description))]))
    }

    func apiAgenda(from: String?, days: String?) -> APIAnswer {
        let start: Date
        if let from {
            guard let t = InstantArgument.parse(from, calendar: config.calendar) else {
                return .problem(400, "from must be ISO 8601, YYYY-MM-DD or YYYY-MM-DD HH:MM")
            }
            start = t
        } else {
            start = clock.now()
        }
        var n = 30
        if let days {
            guard let d = Int(days), (1...366).contains(d) else { return .problem(400, "days must be a whole number from 1 to 366") }
            n = d
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
