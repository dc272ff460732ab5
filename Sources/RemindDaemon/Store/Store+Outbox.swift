import Foundation
import GRDB
import RemindCore

/// The outbox: delivery rows written before the first attempt and updated after each.
///
/// Writes come in batches, one transaction per call, so a burst of reminders costs one
/// commit rather than one per delivery. A delivery is never due before its scheduled
/// instant: a timer that fires a little early finds nothing to claim and re-arms.
extension Store {
    /// Writes `pending` rows for deliveries not yet in the outbox and returns the keys that
    /// were new. A key already present (planned again after a restart or reload) is left
    /// exactly as it is: that is what keeps a reminder from going out twice.
    ///
    /// `plannedThrough`, when given, moves the planning watermark in the same transaction,
    /// so a crash cannot leave the watermark ahead of the rows it stands for.
    @discardableResult
    public func enqueue(_ deliveries: [PlannedDelivery], late: Bool, now: Date,
                        plannedThrough: Date? = nil) throws -> [String] {
        try insert(deliveries, state: .pending, late: late, now: now, plannedThrough: plannedThrough)
    }

    /// Records deliveries that fell due too long ago to be sent (older than `catch_up`) as
    /// `missed`: never attempted, but visible in `remindd history`. Returns the new keys.
    @discardableResult
    public func recordMissed(_ deliveries: [PlannedDelivery], now: Date,
                             plannedThrough: Date? = nil) throws -> [String] {
        try insert(deliveries, state: .missed, late: false, now: now, plannedThrough: plannedThrough)
    }

    private func insert(_ deliveries: [PlannedDelivery], state: DeliveryState, late: Bool, now: Date,
                        plannedThrough: Date?) throws -> [String] {
        try writer.write { db in
            let inserted = try Self.insert(db, deliveries, state: state, late: late, now: now)
            if let plannedThrough { try Self.setMeta(db, MetaKey.plannedThrough, Self.encodeInstant(plannedThrough)) }
            return inserted
        }
    }

    /// `enqueue`'s rows, within a transaction of the caller's.
    static func insert(_ db: Database, _ deliveries: [PlannedDelivery], state: DeliveryState, late: Bool,
                       now: Date) throws -> [String] {
            let statement = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO delivery
                    (key, subject, kind, scheduled, channel, recipients, to_people, cc_people, reminder,
                     state, attempts, next_attempt_at, late, created_at, updated_at, payload, calendar_sequence,
                     key_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
                """)
            var revisions = CalendarRevisions(db)
            let stamp = now.timeIntervalSince1970
            var inserted: [String] = []
            for d in deliveries {
                let scheduled = d.reminder.at.timeIntervalSince1970
                try statement.execute(arguments: [
                    d.key, d.reminder.subject, d.reminder.kind.rawValue, scheduled, d.channel,
                    try PeopleColumn.encode(d.recipients), try PeopleColumn.encode(d.to),
                    try PeopleColumn.encode(d.cc), try StoredReminder.encode(d.reminder),
                    state.rawValue, state == .pending ? scheduled : nil, late, stamp, stamp,
                    try d.digest?.encoded() ?? d.answer?.encoded(),
                    try revisions.sequence(for: d),
                    MessageKey.hash(d.key),
                ])
                if db.changesCount > 0 { inserted.append(d.key) }
            }
            return inserted
    }

    /// Pending deliveries due by `now` and not claimed by a worker, oldest first. Read only.
    public func pending(dueBy now: Date, limit: Int? = nil) throws -> [DeliveryRecord] {
        try writer.read { db in try Self.due(db, now: now, limit: limit) }
    }

    /// Like `pending(dueBy:)`, and marks the returned rows as in flight until `now + lease`
    /// so the next call does not hand them out again. Record each attempt's outcome with
    /// `apply(_:)`; a claim that is never resolved (a hung attempt) runs out after `lease`
    /// and the delivery becomes due again. A claim is kept only in this process's sense:
    /// call `releaseClaims()` at start-up, when nothing can be in flight.
    public func claimDue(now: Date, limit: Int, lease: TimeInterval = 600) throws -> [DeliveryRecord] {
        try writer.write { db in
            let due = try Self.due(db, now: now, limit: limit)
            let statement = try db.cachedStatement(sql: "UPDATE delivery SET claimed_until = ? WHERE key = ?")
            for record in due {
                try statement.execute(arguments: [now.timeIntervalSince1970 + lease, record.key])
            }
            return due
        }
    }

    /// Forgets every claim: after a restart (or a stop that left deliveries pending) they
    /// are due again at their own next attempt. Returns how many were released.
    @discardableResult
    public func releaseClaims() throws -> Int {
        try writer.write { db in
            try db.execute(sql: "UPDATE delivery SET claimed_until = NULL WHERE claimed_until IS NOT NULL")
            return db.changesCount
        }
    }

    private static func due(_ db: Database, now: Date, limit: Int?) throws -> [DeliveryRecord] {
        let t = now.timeIntervalSince1970
        return try Row.fetchAll(db, sql: """
            SELECT \(DeliveryRecord.columns) FROM delivery
            WHERE state = 'pending' AND next_attempt_at <= ?
              AND (claimed_until IS NULL OR claimed_until <= ?)
            ORDER BY scheduled, key
            LIMIT ?
            """, arguments: [t, t, limit ?? -1]).map(DeliveryRecord.init(row:))
    }

    /// Records the outcomes of attempts in one transaction, each counting one attempt.
    /// Updates for rows that are no longer pending (or unknown keys) are ignored; returns
    /// the number of rows changed.
    @discardableResult
    public func apply(_ updates: [DeliveryUpdate]) throws -> Int {
        try writer.write { db in
            let statement = try db.cachedStatement(sql: """
                UPDATE delivery SET
                    state = ?, attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL,
                    last_error = COALESCE(?, last_error), reply = COALESCE(?, reply), updated_at = ?
                WHERE key = ? AND state = 'pending'
                """)
            var changed = 0
            for u in updates {
                let state: DeliveryState, next: Double?, error: String?, reply: String?
                switch u.outcome {
                case let .sent(r): (state, next, error, reply) = (.sent, nil, nil, r)
                case let .retry(e, r, n): (state, next, error, reply) = (.pending, n.timeIntervalSince1970, e, r)
                case let .failed(e, r): (state, next, error, reply) = (.failed, nil, e, r)
                }
                try statement.execute(arguments: [state.rawValue, next, error, reply,
                                                  u.at.timeIntervalSince1970, u.key])
                changed += db.changesCount
            }
            return changed
        }
    }

    /// The earliest moment a pending delivery becomes due (its next attempt, or the end of
    /// its claim if one is in flight): what the worker arms its timer for. Nil when the
    /// outbox holds nothing pending.
    public func nextPendingAttempt() throws -> Date? {
        try writer.read { db in
            try Double.fetchOne(db, sql: """
                SELECT MIN(CASE WHEN claimed_until > next_attempt_at THEN claimed_until ELSE next_attempt_at END)
                FROM delivery WHERE state = 'pending'
                """).map(Date.init(timeIntervalSince1970:))
        }
    }

    /// The subset of `keys` that already has a row, in any state. The keys go to SQLite
    /// as one JSON array per 10,000 (`json_each`): at start-up the daemon asks this of
    /// every past reminder, and a statement of 500 placeholders per 500 keys made that
    /// the larger part of starting with 100,000 items.
    public func existingKeys(_ keys: [String]) throws -> Set<String> {
        let all = keys
        guard !all.isEmpty else { return [] }
        return try writer.read { db in
            var found = Set<String>()
            let statement = try db.cachedStatement(sql: "SELECT key FROM delivery WHERE key IN (SELECT value FROM json_each(?))")
            var start = 0
            while start < all.count {
                let chunk = Array(all[start..<min(start + 10_000, all.count)])
                found.formUnion(try String.fetchAll(statement, arguments: [JSON.strings(chunk).serialized()]))
                start += 10_000
            }
            return found
        }
    }

    /// One delivery by key.
    public func delivery(key: String) throws -> DeliveryRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT \(DeliveryRecord.columns) FROM delivery WHERE key = ?", arguments: [key]).map(DeliveryRecord.init(row:))
        }
    }

    /// How many deliveries are in each state (states with none are absent).
    public func deliveryCounts() throws -> [DeliveryState: Int] {
        try writer.read { db in
            var counts: [DeliveryState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM delivery GROUP BY state") {
                if let state = DeliveryState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }
}

/// The items' calendar revisions, read and moved on as reminders with deadlines are written
/// to the outbox, in the same transaction: a reminder carries the SEQUENCE its calendar
/// file is sent with, and a deadline that moved (either way) gets a higher one. Each item's
/// revision is looked up once per batch (a batch holds many reminders of few items);
/// `read` and `write` are the store's own statements.
struct CalendarRevisions {
    let read: (String) throws -> CalendarRevision?
    let write: (String, CalendarRevision) throws -> Void
    private var known: [String: CalendarRevision?] = [:]

    init(read: @escaping (String) throws -> CalendarRevision?, write: @escaping (String, CalendarRevision) throws -> Void) {
        self.read = read
        self.write = write
    }

    init(_ db: Database) {
        self.init(read: { item in
            try Row.fetchOne(db, sql: "SELECT deadline, sequence FROM calendar_revision WHERE item = ?", arguments: [item])
                .map { CalendarRevision(deadline: Date(timeIntervalSince1970: $0[0]), sequence: $0[1]) }
        }, write: { item, next in
            try db.execute(sql: """
                INSERT INTO calendar_revision (item, deadline, sequence) VALUES (?, ?, ?)
                ON CONFLICT(item) DO UPDATE SET deadline = excluded.deadline, sequence = excluded.sequence
                """, arguments: [item, next.deadline.timeIntervalSince1970, next.sequence])
        })
    }

    mutating func sequence(for d: PlannedDelivery) throws -> Int? {
        let r = d.reminder
        guard let deadline = r.deadline, !r.isEventNotice, !r.isDigest else { return nil }
        let previous: CalendarRevision?
        if let cached = known[r.subject] { previous = cached } else { previous = try read(r.subject) }
        let next = CalendarRevision.next(deadline: deadline, after: previous)
        if next != previous { try write(r.subject, next) }
        known[r.subject] = next
        return next.sequence
    }
}

extension Store {
    /// Every item's calendar revision, for the calendar feed.
    public func calendarRevisions() throws -> [String: CalendarRevision] {
        try writer.read { db in
            var out: [String: CalendarRevision] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT item, deadline, sequence FROM calendar_revision") {
                out[row[0]] = CalendarRevision(deadline: Date(timeIntervalSince1970: row[1]), sequence: row[2])
            }
            return out
        }
    }
}
