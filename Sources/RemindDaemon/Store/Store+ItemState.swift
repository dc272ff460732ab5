import Foundation
import GRDB
import RemindCore

/// Item states: what `remindd done|reopen|snooze` change. The config stays the plan; these
/// rows are the secretariat's later word on it, read by the planner through `PlanState`.
extension Store {
    /// Marks an item done: it gets no more reminders.
    public func setDone(_ id: String, at now: Date, source: ActionSource = .cli) throws {
        try writer.write { db in try Self.setDone(db, id, at: now, source: source) }
    }

    static func setDone(_ db: Database, _ id: String, at now: Date, source: ActionSource) throws {
        try Self.recordAction(db, subject: id, action: "done", source: source, at: now)
        try db.execute(sql: """
            INSERT INTO item_state (id, done, done_at, snoozed_until, reopened_at, updated_at)
            VALUES (?, 1, ?, NULL, NULL, ?)
            ON CONFLICT(id) DO UPDATE SET
                done = 1,
                done_at = CASE WHEN item_state.done = 1 THEN item_state.done_at ELSE excluded.done_at END,
                updated_at = excluded.updated_at
            """, arguments: [id, now.timeIntervalSince1970, now.timeIntervalSince1970])
    }

    /// Makes a done or snoozed item open again, as the config describes it: the done mark
    /// and any snooze are cleared.
    public func reopen(_ id: String, at now: Date, source: ActionSource = .cli) throws {
        try writer.write { db in try Self.reopen(db, id, at: now, source: source) }
    }

    static func reopen(_ db: Database, _ id: String, at now: Date, source: ActionSource) throws {
        try Self.recordAction(db, subject: id, action: "reopen", source: source, at: now)
        try db.execute(sql: """
            INSERT INTO item_state (id, done, done_at, snoozed_until, reopened_at, updated_at)
            VALUES (?, 0, NULL, NULL, ?, ?)
            ON CONFLICT(id) DO UPDATE SET
                done = 0, done_at = NULL, snoozed_until = NULL, snoozed_at = NULL,
                reopened_at = excluded.reopened_at, updated_at = excluded.updated_at
            """, arguments: [id, now.timeIntervalSince1970, now.timeIntervalSince1970])
    }

    /// Holds back an item's reminders until `until`; what falls due meanwhile comes once
    /// when it ends. A later snooze replaces an earlier one (also to shorten it); while the
    /// earlier one still runs, it keeps the earlier start, so nothing held back is lost.
    /// The done mark is left as it is.
    public func snooze(_ id: String, until: Date, at now: Date, source: ActionSource = .cli) throws {
        try writer.write { db in try Self.snooze(db, id, until: until, at: now, source: source) }
    }

    static func snooze(_ db: Database, _ id: String, until: Date, at now: Date, source: ActionSource) throws {
        try Self.recordAction(db, subject: id, action: "snooze", source: source, at: now, until: until)
        try db.execute(sql: """
            INSERT INTO item_state (id, done, done_at, snoozed_until, snoozed_at, reopened_at, updated_at)
            VALUES (?, 0, NULL, ?, ?, NULL, ?)
            ON CONFLICT(id) DO UPDATE SET
                snoozed_at = CASE
                    WHEN item_state.snoozed_at IS NOT NULL AND item_state.snoozed_until > excluded.snoozed_at
                    THEN item_state.snoozed_at ELSE excluded.snoozed_at END,
                snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at
            """, arguments: [id, until.timeIntervalSince1970, now.timeIntervalSince1970, now.timeIntervalSince1970])
    }

    /// Every item with a recorded state, by id.
    public func itemStates() throws -> [String: ItemState] {
        try writer.read { db in try Self.itemStates(db) }
    }

    /// The recorded state of one item, or nil when nothing was ever recorded for it.
    public func itemState(_ id: String) throws -> ItemState? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM item_state WHERE id = ?", arguments: [id]).map(Self.itemState)
        }
    }

    /// Item states and recorded events, read in one snapshot: the planner's input.
    public func planState() throws -> PlanState {
        try writer.read { db in
            PlanState(items: try Self.itemStates(db), occurredEvents: try Self.occurredEvents(db))
        }
    }

    /// The planner's input for some items only (and every recorded event): what planning
    /// those items needs, read without going through every item's row.
    public func planState(items ids: [String]) throws -> PlanState {
        try writer.read { db in
            PlanState(items: try Self.itemStates(db, ids: ids), occurredEvents: try Self.occurredEvents(db))
        }
    }

    static func itemStates(_ db: Database, ids: [String]) throws -> [String: ItemState] {
        guard !ids.isEmpty else { return [:] }
        var states: [String: ItemState] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM item_state WHERE id IN (SELECT value FROM json_each(?))",
                                    arguments: [JSON.strings(ids).serialized()]) {
            states[row["id"]] = itemState(row)
        }
        return states
    }

    static func itemStates(_ db: Database) throws -> [String: ItemState] {
        var states: [String: ItemState] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM item_state") {
            states[row["id"]] = itemState(row)
        }
        return states
    }

    static func itemState(_ row: Row) -> ItemState {
        ItemState(done: row["done"],
                  doneAt: (row["done_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                  snoozedUntil: (row["snoozed_until"] as Double?).map(Date.init(timeIntervalSince1970:)),
                  snoozedAt: (row["snoozed_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
