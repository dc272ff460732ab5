import Foundation
@testable import RemindCore

/// Formatting and parsing of instants done with Foundation's own formatters, not with the
/// core's conversion code, so a wrong offset in `WorkCalendar` cannot hide behind the
/// same mistake in the test.
enum Stamp {
    /// `2023-09-29T07:00:00Z` → the instant.
    static func utc(_ s: String) -> Date {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        guard let d = f.date(from: s) else { fatalError("bad test instant \(s)") }
        return d
    }

    /// The instant as `2023-09-29T07:00:00Z`.
    static func iso(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }

    /// The instant in a zone as `Fri 2023-09-29 09:00 +02:00` (seconds shown when not zero).
    static func local(_ d: Date, _ zone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        let wholeMinute = Int(d.timeIntervalSince1970.rounded(.down)) % 60 == 0
        f.dateFormat = wholeMinute ? "EEE yyyy-MM-dd HH:mm xxx" : "EEE yyyy-MM-dd HH:mm:ss xxx"
        return f.string(from: d)
    }

    static func local(_ d: Date, _ config: Config) -> String { local(d, config.timeZone) }
}

extension Reminder {
    /// `before-1d`, `on-due`, `overdue#2`, `undated#1`, `at`, `event-late`, with merged
    /// kinds after a `+`.
    var label: String {
        var s: String
        switch kind {
        case .before: s = "before-" + (lead?.description ?? "?")
        case .due: s = "on-due"
        case .overdue, .undated: s = "\(kind.rawValue)#\(ordinal)"
        default: s = kind.rawValue
        }
        for k in mergedKinds { s += "+" + k.rawValue }
        return s
    }

    /// One line for golden comparisons: label, local time with offset, UTC, people, and the
    /// escalation targets after a `+`.
    func golden(_ config: Config) -> String {
        var s = "\(label) \(Stamp.local(at, config)) (\(Stamp.iso(at))) \(people.joined(separator: ","))"
        if !escalation.isEmpty { s += " +" + escalation.joined(separator: ",+") }
        return s
    }
}

extension Config {
    /// Every reminder in a wide window (all of 2023–2024 unless told otherwise).
    func plan(_ state: PlanState = PlanState(), from: String = "2023-01-01T00:00:00Z",
              to: String = "2025-01-01T00:00:00Z") -> [Reminder] {
        Planner(config: self).reminders(state: state, from: Stamp.utc(from), to: Stamp.utc(to))
    }

    /// The golden lines of the plan of one item (or event).
    func golden(_ subject: String, _ state: PlanState = PlanState(), from: String = "2023-01-01T00:00:00Z",
                to: String = "2025-01-01T00:00:00Z") -> [String] {
        plan(state, from: from, to: to).filter { $0.subject == subject }.map { $0.golden(self) }
    }

    /// The resolved deadline of an item as `Mon 2023-10-02 17:00 +02:00`, or `undated` /
    /// `waiting for E`.
    func deadline(_ id: String, _ state: PlanState = PlanState()) -> String {
        switch Planner(config: self).deadline(of: item(id)!, state: state) {
        case .undated: return "undated"
        case .waiting(let e): return "waiting for \(e)"
        case .at(let d, _, _): return Stamp.local(d, self)
        }
    }
}
