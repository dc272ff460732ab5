import Foundation
import GRDB

/// Small facts about the daemon itself, kept beside its data so they survive restarts.
extension Store {
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

    static func encodeInstant(_ date: Date) -> String { MetaKey.encodeInstant(date) }
}

/// Names of the `meta` rows remindd writes.
public enum MetaKey {
    public static let plannedThrough = "planned_through"
    public static let digestsSeenThrough = "digests_seen_through"
}
