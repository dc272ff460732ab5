import Foundation
import Logging
import RemindCore

/// The state in PostgreSQL, shared by several daemons (DESIGN "Scale-out"): the same
/// tables, rows and guarantees as the SQLite `Store`, and what sharing needs on top: a
/// claim names its node and is taken with `FOR UPDATE SKIP LOCKED`, so two nodes never hold
/// the same delivery; a claim of a node that stopped renewing its heartbeat is free again.
public final class PostgresStore: StateStore, @unchecked Sendable {
    let session: PGSession
    /// This process, as the `node` table and the claims name it.
    public let nodeID: String
    /// A node not seen for this long is taken for dead: its claims are free, its lease runs out.
    public static let nodeTimeout: TimeInterval = 5

    public var location: String { session.settings.url.description }

    /// Connects, brings the schema up to date (refusing a newer one) and registers this node.
    public init(url: StoreURL, password: String?, nodeID: String = PostgresStore.newNodeID(),
                logger: Logger = Logger(label: "remindd.store")) throws {
        session = PGSession(settings: PGSettings(url: url, password: password), logger: logger)
        self.nodeID = nodeID
        try session.connect()
        try PostgresSchema.migrate(session)
    }

    /// A fresh id per process: a restarted node is a new node, and the claims of the one that
    /// died are freed by its silence rather than taken over by name.
    public static func newNodeID() -> String {
        "\(host.prefix(40))-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// This machine's name, read once: Foundation may ask the resolver for it, and a node
    /// writes it with every heartbeat and claim.
    static let host = String(ProcessInfo.processInfo.hostName.prefix(200))

    /// The schema migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try session.query("SELECT name FROM schema_migration ORDER BY applied_at, name").all.map { try $0.string(0) }
    }

    // MARK: The outbox

    @discardableResult
    public func enqueue(_ deliveries: [PlannedDelivery], late: Bool, now: Date, plannedThrough: Date?) throws -> [String] {
        try insert(deliveries, state: .pending, late: late, now: now, plannedThrough: plannedThrough)
    }

    @discardableResult
    public func recordMissed(_ deliveries: [PlannedDelivery], now: Date, plannedThrough: Date?) throws -> [String] {
        try insert(deliveries, state: .missed, late: false, now: now, plannedThrough: plannedThrough)
    }

    private func insert(_ deliveries: [PlannedDelivery], state: DeliveryState, late: Bool, now: Date,
                        plannedThrough: Date?) throws -> [String] {
        guard !deliveries.isEmpty || plannedThrough != nil else { return [] }
        return try session.transaction { t in
            let inserted = try Self.insert(t, deliveries, state: state, late: late, now: now)
            if state == .pending && !inserted.isEmpty { try notifyOutbox(t) }
            if let plannedThrough { try Self.setMeta(t, MetaKey.plannedThrough, MetaKey.encodeInstant(plannedThrough)) }
            return inserted
        }
    }

    static func insert(_ t: PGTransaction, _ deliveries: [PlannedDelivery], state: DeliveryState, late: Bool,
                       now: Date) throws -> [String] {
        var revisions = CalendarRevisions(pg: t)
        var inserted: [String] = []
        for d in deliveries {
            let scheduled = d.reminder.at
            let r = try t.query("""
                INSERT INTO delivery
                    (key, subject, kind, scheduled, channel, recipients, to_people, cc_people, reminder,
                     state, attempts, next_attempt_at, late, created_at, updated_at, payload, calendar_sequence, key_hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $13, $14, $15, $16)
                ON CONFLICT (key) DO NOTHING
                """, [
                    .text(d.key), .text(d.reminder.subject), .text(d.reminder.kind.rawValue), .date(scheduled),
                    .text(d.channel), .text(try PeopleColumn.encode(d.recipients)), .text(try PeopleColumn.encode(d.to)),
                    .text(try PeopleColumn.encode(d.cc)), .text(try StoredReminder.encode(d.reminder)),
                    .text(state.rawValue), .date(state == .pending ? scheduled : nil), .int(late ? 1 : 0), .date(now),
                    .text(try d.digest?.encoded() ?? d.answer?.encoded()),
                    .int(try revisions.sequence(for: d).map(Int64.init)), .text(MessageKey.hash(d.key)),
                ])
            if r.changed > 0 { inserted.append(d.key) }
        }
        return inserted
    }

    static let columns = DeliveryRecord.columns
    /// The same columns of the table being updated, for a claim's RETURNING.
    static let updatedColumns = DeliveryRecord.columns.split(separator: ",")
        .map { "delivery." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")

    public func pending(dueBy now: Date, limit: Int?) throws -> [DeliveryRecord] {
        try session.query("""
            SELECT \(Self.columns) FROM delivery
            WHERE state = 'pending' AND next_attempt_at <= $1 AND \(Self.unclaimed("$1"))
            ORDER BY scheduled, key LIMIT $2
            """, [.date(now), .int(limit.map(Int64.init))]).all.map(DeliveryRecord.init(pg:))
    }

    /// Free to claim: never claimed, its claim ran out, or its node went silent.
    private static func unclaimed(_ now: String) -> String {
        """
        (claimed_until IS NULL OR claimed_until <= \(now) OR claimed_by IS NULL
         OR claimed_by NOT IN (SELECT id FROM node WHERE last_seen > \(now) - \(nodeTimeout)))
        """
    }

    public func claimDue(now: Date, limit: Int, lease: TimeInterval) throws -> [DeliveryRecord] {
        let rows = try session.transaction { t in
            // A claim holds while its node is alive: claiming is a sign of life too.
            try Self.touchNode(t, nodeID, now: now)
            return try t.query("""
                WITH due AS (
                    SELECT key FROM delivery
                    WHERE state = 'pending' AND next_attempt_at <= $1 AND \(Self.unclaimed("$1"))
                    ORDER BY scheduled, key LIMIT $2
                    FOR UPDATE SKIP LOCKED)
                UPDATE delivery SET claimed_until = $3, claimed_by = $4 FROM due WHERE delivery.key = due.key
                RETURNING \(Self.updatedColumns)
                """, [.date(now), .int(limit), .date(now.addingTimeInterval(lease)), .text(nodeID)]).all
        }
        return try rows.map(DeliveryRecord.init(pg:)).sorted { ($0.scheduled, $0.key) < ($1.scheduled, $1.key) }
    }

    static func touchNode(_ t: PGTransaction, _ id: String, now: Date) throws {
        try t.query("""
            INSERT INTO node (id, host, pid, started_at, last_seen) VALUES ($1, $2, $3, $4, $4)
            ON CONFLICT (id) DO UPDATE SET last_seen = GREATEST(node.last_seen, excluded.last_seen)
            """, [.text(id), .text(Self.host), .int(Int(getpid())), .date(now)])
    }

    @discardableResult
    public func releaseClaims() throws -> Int {
        try session.query("UPDATE delivery SET claimed_until = NULL, claimed_by = NULL WHERE claimed_by = $1",
                          [.text(nodeID)]).changed
    }

    public func releaseClaims(keys: [String]) throws {
        guard !keys.isEmpty else { return }
        try session.query("""
            UPDATE delivery SET claimed_until = NULL, claimed_by = NULL
            WHERE key = ANY($1) AND state = 'pending' AND claimed_by = $2
            """, [.texts(keys), .text(nodeID)])
    }

    @discardableResult
    public func apply(_ updates: [DeliveryUpdate]) throws -> Int {
        guard !updates.isEmpty else { return 0 }
        return try session.transaction { t in
            var changed = 0
            for u in updates {
                let state: DeliveryState, next: Date?, error: String?, reply: String?
                switch u.outcome {
                case let .sent(r): (state, next, error, reply) = (.sent, nil, nil, r)
                case let .retry(e, r, n): (state, next, error, reply) = (.pending, n, e, r)
                case let .failed(e, r): (state, next, error, reply) = (.failed, nil, e, r)
                }
                changed += try t.query("""
                    UPDATE delivery SET
                        state = $1, attempts = attempts + 1, next_attempt_at = $2, claimed_until = NULL, claimed_by = NULL,
                        last_error = COALESCE($3, last_error), reply = COALESCE($4, reply), updated_at = $5
                    WHERE key = $6 AND state = 'pending'
                    """, [.text(state.rawValue), .date(next), .text(error), .text(reply), .date(u.at), .text(u.key)]).changed
            }
            if updates.contains(where: { if case .retry = $0.outcome { true } else { false } }) { try notifyOutbox(t) }
            return changed
        }
    }

    public func nextPendingAttempt() throws -> Date? {
        try session.query("""
            SELECT MIN(CASE WHEN claimed_until > next_attempt_at THEN claimed_until ELSE next_attempt_at END)
            FROM delivery WHERE state = 'pending'
            """).first?.optionalDate(0)
    }

    public func existingKeys(_ keys: [String]) throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        var found = Set<String>()
        var start = 0
        while start < keys.count {
            let chunk = Array(keys[start..<min(start + 10_000, keys.count)])
            for row in try session.query("SELECT key FROM delivery WHERE key = ANY($1)", [.texts(chunk)]).all {
                found.insert(try row.string(0))
            }
            start += 10_000
        }
        return found
    }

    public func delivery(key: String) throws -> DeliveryRecord? {
        try session.query("SELECT \(Self.columns) FROM delivery WHERE key = $1", [.text(key)]).first.map { try DeliveryRecord(pg: $0) }
    }

    public func deliveryCounts() throws -> [DeliveryState: Int] {
        var counts: [DeliveryState: Int] = [:]
        for row in try session.query("SELECT state, COUNT(*) FROM delivery GROUP BY state").all {
            if let state = DeliveryState(rawValue: try row.string(0)) { counts[state] = try row.int(1) }
        }
        return counts
    }

    @discardableResult
    public func cancelUnwanted(config: Config, now: Date) throws -> [(key: String, reason: CancelReason)] {
        try session.transaction { t in
            // Lock the pending rows read, so a node delivering one now waits for this decision.
            let rows = try t.query("SELECT key, subject, kind, scheduled, channel FROM delivery WHERE state = 'pending' FOR UPDATE").all
            var candidates: [(key: String, subject: String, kind: ReminderKind, scheduled: Date, channel: String)] = []
            for row in rows {
                guard let kind = ReminderKind(rawValue: try row.string(2)) else { continue }
                candidates.append((try row.string(0), try row.string(1), kind, try row.date(3), try row.string(4)))
            }
            let subjects = Array(Set(candidates.map(\.subject)))
            let state = PlanState(items: try Self.itemStates(t, ids: subjects), occurredEvents: try Self.occurredEvents(t))
            var cancelled: [(key: String, reason: CancelReason)] = []
            for c in candidates {
                if let reason = CancelReason.of(subject: c.subject, kind: c.kind, scheduled: c.scheduled, channel: c.channel,
                                                config: config, state: state) {
                    cancelled.append((c.key, reason))
                }
            }
            for c in cancelled {
                try t.query("""
                    UPDATE delivery SET state = 'cancelled', last_error = $1, next_attempt_at = NULL, claimed_until = NULL,
                        claimed_by = NULL, updated_at = $2
                    WHERE key = $3 AND state = 'pending'
                    """, [.text(c.reason.rawValue), .date(now), .text(c.key)])
            }
            return cancelled
        }
    }

    public func history(subject: String?, limit: Int?) throws -> [DeliveryRecord] {
        var sql = "SELECT \(Self.columns) FROM delivery"
        var binds: [PGValue] = []
        if let subject {
            sql += " WHERE subject = $1"
            binds.append(.text(subject))
        }
        sql += " ORDER BY scheduled DESC, key DESC LIMIT $\(binds.count + 1)"
        binds.append(.int(limit.map(Int64.init)))
        return try session.query(sql, binds).all.map(DeliveryRecord.init(pg:)).reversed()
    }

    public func calendarRevisions() throws -> [String: CalendarRevision] {
        var out: [String: CalendarRevision] = [:]
        for row in try session.query("SELECT item, deadline, sequence FROM calendar_revision").all {
            out[try row.string(0)] = CalendarRevision(deadline: try row.date(1), sequence: try row.int(2))
        }
        return out
    }

    // MARK: Item states, events and actions

    public func setDone(_ id: String, at now: Date, source: ActionSource) throws {
        try change(.done(id), at: now, source: source)
    }

    public func reopen(_ id: String, at now: Date, source: ActionSource) throws {
        try change(.reopen(id), at: now, source: source)
    }

    public func snooze(_ id: String, until: Date, at now: Date, source: ActionSource) throws {
        try change(.snooze(id, until: until), at: now, source: source)
    }

    public func recordEvent(_ name: String, occurred: LocalDate, at now: Date, source: ActionSource) throws {
        try change(.event(name, occurred: occurred), at: now, source: source)
    }

    /// A state change in one transaction with its action row, and its NOTIFY to the nodes.
    private func change(_ c: StateChange, at now: Date, source: ActionSource) throws {
        try session.transaction { t in try Self.apply(t, c, at: now, source: source) }
    }

    static func apply(_ t: PGTransaction, _ c: StateChange, at now: Date, source: ActionSource) throws {
        switch c {
        case .done(let id): try setDone(t, id, at: now, source: source)
        case .reopen(let id): try reopen(t, id, at: now, source: source)
        case .snooze(let id, let until): try snooze(t, id, until: until, at: now, source: source)
        case .event(let name, let day): try recordEvent(t, name, occurred: day, at: now, source: source)
        }
        try notifyState(t, c.line)
    }

    static func setDone(_ t: PGTransaction, _ id: String, at now: Date, source: ActionSource) throws {
        try recordAction(t, subject: id, action: "done", source: source, at: now)
        try t.query("""
            INSERT INTO item_state (id, done, done_at, snoozed_until, reopened_at, updated_at)
            VALUES ($1, 1, $2, NULL, NULL, $2)
            ON CONFLICT (id) DO UPDATE SET
                done = 1,
                done_at = CASE WHEN item_state.done = 1 THEN item_state.done_at ELSE excluded.done_at END,
                updated_at = excluded.updated_at
            """, [.text(id), .date(now)])
    }

    static func reopen(_ t: PGTransaction, _ id: String, at now: Date, source: ActionSource) throws {
        try recordAction(t, subject: id, action: "reopen", source: source, at: now)
        try t.query("""
            INSERT INTO item_state (id, done, done_at, snoozed_until, reopened_at, updated_at)
            VALUES ($1, 0, NULL, NULL, $2, $2)
            ON CONFLICT (id) DO UPDATE SET
                done = 0, done_at = NULL, snoozed_until = NULL, snoozed_at = NULL,
                reopened_at = excluded.reopened_at, updated_at = excluded.updated_at
            """, [.text(id), .date(now)])
    }

    static func snooze(_ t: PGTransaction, _ id: String, until: Date, at now: Date, source: ActionSource) throws {
        try recordAction(t, subject: id, action: "snooze", source: source, at: now, until: until)
        try t.query("""
            INSERT INTO item_state (id, done, done_at, snoozed_until, snoozed_at, reopened_at, updated_at)
            VALUES ($1, 0, NULL, $2, $3, NULL, $3)
            ON CONFLICT (id) DO UPDATE SET
                snoozed_at = CASE
                    WHEN item_state.snoozed_at IS NOT NULL AND item_state.snoozed_until > excluded.snoozed_at
                    THEN item_state.snoozed_at ELSE excluded.snoozed_at END,
                snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at
            """, [.text(id), .date(until), .date(now)])
    }

    static func recordEvent(_ t: PGTransaction, _ name: String, occurred: LocalDate, at now: Date,
                            source: ActionSource) throws {
        try recordAction(t, subject: name, action: "event", source: source, at: now, occurred: occurred)
        try t.query("""
            INSERT INTO event (name, occurred, recorded_at) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO UPDATE SET occurred = excluded.occurred, recorded_at = excluded.recorded_at
            """, [.text(name), .text(occurred.description), .date(now)])
    }

    static func recordAction(_ t: PGTransaction, subject: String, action: String, source: ActionSource, at: Date,
                             until: Date? = nil, occurred: LocalDate? = nil) throws {
        try t.query("INSERT INTO action (subject, action, source, at, until, occurred) VALUES ($1, $2, $3, $4, $5, $6)",
                    [.text(subject), .text(action), .text(source.rawValue), .date(at), .date(until), .text(occurred?.description)])
    }

    public func occurredEvents() throws -> [String: LocalDate] {
        try session.transaction { t in try Self.occurredEvents(t) }
    }

    static func occurredEvents(_ t: PGTransaction) throws -> [String: LocalDate] {
        var events: [String: LocalDate] = [:]
        for row in try t.query("SELECT name, occurred FROM event").all {
            let name = try row.string(0), text = try row.string(1)
            guard let day = LocalDate(text) else {
                throw StoreError.corruptRow(key: "event \(name)", reason: "not a date: \(text)")
            }
            events[name] = day
        }
        return events
    }

    static let itemStateColumns = "id, done, done_at, snoozed_until, snoozed_at"

    static func itemState(_ row: PGRow) throws -> ItemState {
        ItemState(done: try row.int(1) != 0, doneAt: try row.optionalDate(2), snoozedUntil: try row.optionalDate(3),
                  snoozedAt: try row.optionalDate(4))
    }

    static func itemStates(_ t: PGTransaction, ids: [String]? = nil) throws -> [String: ItemState] {
        if let ids, ids.isEmpty { return [:] }
        var states: [String: ItemState] = [:]
        let rows = try ids.map { try t.query("SELECT \(itemStateColumns) FROM item_state WHERE id = ANY($1)", [.texts($0)]) }
            ?? t.query("SELECT \(itemStateColumns) FROM item_state")
        for row in rows.all { states[try row.string(0)] = try itemState(row) }
        return states
    }

    public func itemStates() throws -> [String: ItemState] {
        try session.transaction { t in try Self.itemStates(t) }
    }

    public func itemState(_ id: String) throws -> ItemState? {
        try session.query("SELECT \(Self.itemStateColumns) FROM item_state WHERE id = $1", [.text(id)]).first.map { try Self.itemState($0) }
    }

    public func planState() throws -> PlanState {
        try session.transaction { t in
            try t.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return PlanState(items: try Self.itemStates(t), occurredEvents: try Self.occurredEvents(t))
        }
    }

    public func planState(items ids: [String]) throws -> PlanState {
        try session.transaction { t in
            try t.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return PlanState(items: try Self.itemStates(t, ids: ids), occurredEvents: try Self.occurredEvents(t))
        }
    }

    public func actions(subject: String?, limit: Int?) throws -> [ActionRecord] {
        var sql = "SELECT subject, action, source, at, until, occurred FROM action"
        var binds: [PGValue] = []
        if let subject {
            sql += " WHERE subject = $1"
            binds.append(.text(subject))
        }
        sql += " ORDER BY seq DESC LIMIT $\(binds.count + 1)"
        binds.append(.int(limit.map(Int64.init)))
        return try session.query(sql, binds).all.map { row in
            ActionRecord(subject: try row.string(0), action: try row.string(1),
                         source: ActionSource(rawValue: try row.string(2)) ?? .cli, at: try row.date(3),
                         until: try row.optionalDate(4), occurred: try row.optionalString(5).flatMap(LocalDate.init))
        }.reversed()
    }

    // MARK: Small facts and the inbox

    public func meta(_ key: String) throws -> String? {
        try session.query("SELECT value FROM meta WHERE key = $1", [.text(key)]).first?.string(0)
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try session.transaction { t in try Self.setMeta(t, key, value) }
    }

    static func setMeta(_ t: PGTransaction, _ key: String, _ value: String) throws {
        try t.query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [.text(key), .text(value)])
    }

    public func inboxPosition(mailbox: String) throws -> InboxPosition? {
        try session.query("SELECT uid_validity, last_uid FROM inbox_state WHERE mailbox = $1", [.text(mailbox)]).first.map {
            InboxPosition(uidValidity: UInt32(truncatingIfNeeded: try $0.int(0)), lastUID: UInt32(truncatingIfNeeded: try $0.int(1)))
        }
    }

    public func setInboxPosition(mailbox: String, _ p: InboxPosition) throws {
        try session.transaction { t in try Self.setInboxPosition(t, mailbox: mailbox, p) }
    }

    static func setInboxPosition(_ t: PGTransaction, mailbox: String, _ p: InboxPosition) throws {
        try t.query("""
            INSERT INTO inbox_state (mailbox, uid_validity, last_uid) VALUES ($1, $2, $3)
            ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
            """, [.text(mailbox), .int(Int64(p.uidValidity)), .int(Int64(p.lastUID))])
    }

    public func item(ofMessageID id: String) throws -> String? {
        guard let hash = MessageKey.hash(inMessageID: id) else { return nil }
        return try session.query("""
            SELECT subject FROM delivery WHERE key_hash = $1 AND kind NOT IN ('digest', 'answer', 'event-expected', 'event-late')
            LIMIT 1
            """, [.text(hash)]).first?.string(0)
    }

    @discardableResult
    public func record(_ o: InboxOutcome, at now: Date) throws -> Bool {
        try session.transaction { t in
            let r = try t.query("""
                INSERT INTO inbox_message (mailbox, uid_validity, uid, message_id, sender, item, outcome, at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
                """, [.text(o.mailbox), .int(Int64(o.position.uidValidity)), .int(Int64(o.position.lastUID)),
                      .text(o.messageID), .text(o.sender), .text(o.item), .text(String(o.outcome.prefix(500))), .date(now)])
            guard r.changed > 0 else { return false }
            // A reply changes an item, never an event (as on SQLite).
            if let change = o.change, change.event == nil { try Self.apply(t, change, at: now, source: .mail) }
            if let answer = o.answer, !(try Self.insert(t, [answer], state: .pending, late: false, now: now)).isEmpty {
                try notifyOutbox(t)
            }
            let stored = try t.query("SELECT uid_validity, last_uid FROM inbox_state WHERE mailbox = $1 FOR UPDATE",
                                     [.text(o.mailbox)]).first.map {
                InboxPosition(uidValidity: UInt32(truncatingIfNeeded: try $0.int(0)), lastUID: UInt32(truncatingIfNeeded: try $0.int(1)))
            }
            try Self.setInboxPosition(t, mailbox: o.mailbox, .after(o.position, stored: stored))
            return true
        }
    }

    public func inboxMessages() throws -> [(uid: UInt32, item: String?, sender: String?, outcome: String)] {
        try session.query("SELECT uid, item, sender, outcome FROM inbox_message ORDER BY seq").all.map {
            (UInt32(truncatingIfNeeded: try $0.int(0)), try $0.optionalString(1), try $0.optionalString(2), try $0.string(3))
        }
    }

    // MARK: Upkeep

    public func checkWritable() throws {
        try setMeta("ready_check", "1")
    }

    public func releaseMemory() {}
}

extension CalendarRevisions {
    /// On PostgreSQL, in the caller's transaction; the row is locked until it commits.
    init(pg t: PGTransaction) {
        self.init(read: { item in
            try t.query("SELECT deadline, sequence FROM calendar_revision WHERE item = $1 FOR UPDATE", [.text(item)])
                .first.map { CalendarRevision(deadline: try $0.date(0), sequence: try $0.int(1)) }
        }, write: { item, next in
            try t.query("""
                INSERT INTO calendar_revision (item, deadline, sequence) VALUES ($1, $2, $3)
                ON CONFLICT (item) DO UPDATE SET deadline = excluded.deadline, sequence = excluded.sequence
                """, [.text(item), .date(next.deadline), .int(Int64(next.sequence))])
        })
    }
}
