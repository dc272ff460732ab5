import Foundation
import GRDB

/// Small facts about the daemon itself, kept beside its data so they survive restarts.
extension Store {
    /// The instant through which reminders have been planned into the outbox (enqueued or
    /// recorded as missed). After downtime, the daemon catches up on what fell due between
    /// this watermark and now. Nil on a new state file.
    public func plannedThrough() throws -> Date? {
        try meta(MetaKey.plannedThrough).flatMap(Self.decodeInstant)
    }

    public func setPlannedThrough(_ instant: Date) throws {
        try setMeta(MetaKey.plannedThrough, Self.encodeInstant(instant))
    }

    /// The instant through which the daemon has looked at digest moments: those before it
    /// were sent, recorded, or had nothing to say. Nil before the first start.
    public func digestsSeenThrough() throws -> Date? {
        try meta(MetaKey.digestsSeenThrough).flatMap(Self.decodeInstant)
    }

    public func setDigestsSeenThrough(_ instant: Date) throws {
        try setMeta(MetaKey.digestsSeenThrough, Self.encodeInstant(instant))
    }

    /// A raw meta value.
    public func meta(_ key: String) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try writer.write { db in try Self.setMeta(db, key, value) }
    }

    static func setMeta(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    /// Unix seconds as text: exact for a `Date`, and readable with `sqlite3`.
    static func encodeInstant(_ date: Date) -> String { String(date.timeIntervalSince1970) }
    static func decodeInstant(_ text: String) -> Date? { Double(text).map(Date.init(timeIntervalSince1970:)) }
}

/// Names of the `meta` rows remindd writes.
public enum MetaKey {
    public static let plannedThrough = "planned_through"
    public static let digestsSeenThrough = "digests_seen_through"
}
