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

    /// POST …/done, …/reopen, …/snooze: the change, on `queue`; nil when it was made (the
    /// item is then read back off the queue).
    func apiChange(_ id: String, action: String, body: [UInt8]) -> APIAnswer? {
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
        return nil
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

}
