import Foundation

/// Sorts reminders whose moment has passed before the daemon saw them (downtime, first
/// start, a reload or a state change that moved them into the past) into those still worth
/// sending late and those only recorded as missed. Nothing is dropped silently.
public struct CatchUp: Sendable, Equatable {
    public var late: [Reminder]
    public var missed: [Reminder]

    /// - Parameters:
    ///   - reminders: past reminders not yet in the store.
    ///   - window: `catch_up`: younger reminders are sent, older ones recorded as missed.
    ///   - lateAfter: a reminder older than this is flagged late when sent.
    /// Repeats (overdue, undated) of one item collapse: only the latest of each group is
    /// kept, so a week of downtime does not produce a burst of stale repeats.
    public init(_ reminders: [Reminder], now: Date, window: Double) {
        var late: [Reminder] = []
        var missed: [Reminder] = []
        for r in reminders where r.at <= now {
            if now.timeIntervalSince(r.at) <= window { late.append(r) } else { missed.append(r) }
        }
        // Of the digest periods still young enough, only the latest of each digest is sent;
        // the ones before it are recorded as missed.
        var latestDigest: [String: Date] = [:]
        for r in late where r.kind == .digest { latestDigest[r.subject] = max(latestDigest[r.subject] ?? r.at, r.at) }
        if !latestDigest.isEmpty {
            missed += late.filter { $0.kind == .digest && $0.at < latestDigest[$0.subject]! }
            late.removeAll { $0.kind == .digest && $0.at < latestDigest[$0.subject]! }
        }
        let lateRepeats = Set(late.filter { Self.collapses($0.kind) }.map { "\($0.subject)|\($0.kind.rawValue)" })
        self.late = Self.collapse(late)
        // A missed repeat is superseded by a later one of the same item that is still sent.
        self.missed = Self.collapse(missed.filter { !(Self.collapses($0.kind) && lateRepeats.contains("\($0.subject)|\($0.kind.rawValue)")) })
    }

    static func collapses(_ k: ReminderKind) -> Bool { k == .overdue || k == .undated }

    static func collapse(_ list: [Reminder]) -> [Reminder] {
        var latest: [String: Reminder] = [:]
        var keep: [Reminder] = []
        for r in list {
            guard collapses(r.kind) else { keep.append(r); continue }
            let k = "\(r.subject)|\(r.kind.rawValue)"
            if let cur = latest[k], cur.at >= r.at { continue }
            latest[k] = r
        }
        return (keep + latest.values).sorted { ($0.at, $0.subject) < ($1.at, $1.subject) }
    }
}
