import Foundation

/// The API's request bodies and query values, read into what the daemon acts on: pure (the
/// moment and the calendar are arguments), so every rule is tested and fuzzed here and the
/// HTTP layer only routes. A refusal carries the problem document's `detail`.
public enum APIRequest {
    public struct Refusal: Error, Equatable, Sendable {
        public var detail: String
        init(_ detail: String) { self.detail = detail }
    }

    /// `{"until": ISO 8601}` or `{"for": "1w"}`, exactly one of them: the end of the snooze.
    public static func snoozeEnd(_ body: [UInt8], now: Date, calendar: WorkCalendar) -> Result<Date, Refusal> {
        guard let json = try? JSON(parsing: String(decoding: body, as: UTF8.self)) else {
            return .failure(Refusal("the body must be a JSON object: {\"until\": ISO 8601} or {\"for\": \"1w\"}"))
        }
        guard case .object(let fields) = json, fields.allSatisfy({ $0.0 == "until" || $0.0 == "for" }),
              (json["until"] == nil) != (json["for"] == nil) else {
            return .failure(Refusal("the body must be {\"until\": ISO 8601} or {\"for\": \"1w\"}, one of them"))
        }
        if let value = json["until"] {
            guard let u = value.stringValue else { return .failure(Refusal("until must be a string (ISO 8601)")) }
            guard let t = InstantArgument.parse(u, calendar: calendar), t > now else {
                return .failure(Refusal("until must be a moment in the future (ISO 8601)"))
            }
            return .success(t)
        }
        guard let f = json["for"]?.stringValue else { return .failure(Refusal("for must be a string such as 1w")) }
        guard let d = DurationSpec(f), d.amount > 0, d.isWithinLimit,
              let end = InstantArgument.snoozeEnd(f, now: now, calendar: calendar) else {
            return .failure(Refusal("for must be a positive duration such as 2d, 1w or 3wd"))
        }
        return .success(end)
    }

    /// `{"occurred": "YYYY-MM-DD"}`.
    public static func occurred(_ body: [UInt8]) -> Result<LocalDate, Refusal> {
        guard let json = try? JSON(parsing: String(decoding: body, as: UTF8.self)), case .object(let fields) = json,
              fields.count == 1, let text = json["occurred"]?.stringValue else {
            return .failure(Refusal("the body must be a JSON object {\"occurred\": \"YYYY-MM-DD\"}"))
        }
        guard let day = LocalDate(text) else { return .failure(Refusal("occurred must be a date YYYY-MM-DD")) }
        return .success(day)
    }

    /// `?from=&days=` of the agenda: the window's start (`now` when absent) and length.
    public static func agendaWindow(from: String?, days: String?, now: Date, calendar: WorkCalendar)
        -> Result<(start: Date, days: Int), Refusal> {
        var start = now
        if let from {
            guard let t = InstantArgument.parse(from, calendar: calendar) else {
                return .failure(Refusal("from must be ISO 8601, YYYY-MM-DD or YYYY-MM-DD HH:MM"))
            }
            start = t
        }
        var n = 30
        if let days {
            guard let d = Int(days), (1...366).contains(d) else { return .failure(Refusal("days must be a whole number from 1 to 366")) }
            n = d
        }
        return .success((start, n))
    }
}
