import Foundation
import GRDB
import RemindCore

/// Ending deliveries that can no longer be useful (DESIGN "One load path"): a pending or
/// retrying delivery whose item was marked done, snoozed past it or removed ends
/// `cancelled`, with the reason in `last_error`, so the worker never claims it again.
extension Store {
    /// Cancels every pending delivery that `config` and the recorded state no longer want
    /// (`CancelReason.of`), in one transaction with the read of that state, so a state
    /// change written just before is always seen. Called after every state change, at
    /// start and on reload. Only pending rows are read: the few due now or retrying.
    /// - Returns: the keys cancelled, with their reasons.
    @discardableResult
    public func cancelUnwanted(config: Config, now: Date) throws -> [(key: String, reason: CancelReason)] {
        try writer.write { db in
            var cancelled: [(key: String, reason: CancelReason)] = []
            let rows = try Row.fetchAll(db, sql: "SELECT key, subject, kind, scheduled, channel FROM delivery WHERE state = 'pending'")
            // Only the states of items with a pending delivery matter: usually a handful.
            let subjects = Array(Set(rows.map { $0[1] as String }))
            let state = PlanState(items: try Self.itemStates(db, ids: subjects), occurredEvents: try Self.occurredEvents(db))
            for row in rows {
                let kindText: String = row[2]
                guard let kind = ReminderKind(rawValue: kindText) else { continue }
                if let reason = CancelReason.of(subject: row[1], kind: kind, scheduled: Date(timeIntervalSince1970: row[3]),
                                                channel: row[4], config: config, state: state) {
                    cancelled.append((row[0], reason))
                }
            }
            let statement = try db.cachedStatement(sql: """
                UPDATE delivery SET state = 'cancelled', last_error = ?, next_attempt_at = NULL, claimed_until = NULL,
                    updated_at = ?
                WHERE key = ? AND state = 'pending'
                """)
            for c in cancelled {
                try statement.execute(arguments: [c.reason.rawValue, now.timeIntervalSince1970, c.key])
            }
            return cancelled
        }
    }

    /// Gives claimed deliveries back without counting an attempt: a batch stopped before
    /// them (a cancellation came in) hands them to the next round, which claims again what
    /// is still pending.
    public func releaseClaims(keys: [String]) throws {
        guard !keys.isEmpty else { return }
        try writer.write { db in
            let statement = try db.cachedStatement(sql: "UPDATE delivery SET claimed_until = NULL WHERE key = ? AND state = 'pending'")
            for key in keys { try statement.execute(arguments: [key]) }
        }
    }
}
