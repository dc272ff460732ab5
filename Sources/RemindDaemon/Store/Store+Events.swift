import Foundation
import GRDB
import RemindCore

/// Recorded events: `remindd event NAME --occurred DATE`. An `after <event>` item waits
/// until its event is here (or has `occurred:` in the config).
extension Store {
    /// Records that an event happened on a local day. Recording it again corrects the day.
    public func recordEvent(_ name: String, occurred: LocalDate, at now: Date, source: ActionSource = .cli) throws {
        try writer.write { db in
            try Self.recordAction(db, subject: name, action: "event", source: source, at: now, occurred: occurred)
            try db.execute(sql: """
                INSERT INTO event (name, occurred, recorded_at) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET
                    occurred = excluded.occurred, recorded_at = excluded.recorded_at
                """, arguments: [name, occurred.description, now.timeIntervalSince1970])
        }
    }

    /// Event name → the local day it occurred.
    public func occurredEvents() throws -> [String: LocalDate] {
        try writer.read { db in try Self.occurredEvents(db) }
    }

    static func occurredEvents(_ db: Database) throws -> [String: LocalDate] {
        var events: [String: LocalDate] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, occurred FROM event") {
            let name: String = row["name"]
            let text: String = row["occurred"]
            guard let day = LocalDate(text) else {
                throw StoreError.corruptRow(key: "event \(name)", reason: "not a date: \(text)")
            }
            events[name] = day
        }
        return events
    }
}
