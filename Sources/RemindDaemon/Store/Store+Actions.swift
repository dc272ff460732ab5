import Foundation
import GRDB
import RemindCore

/// Who asked for a change of state.
public enum ActionSource: String, Sendable, CaseIterable, Codable {
    case cli, api, link, mail
}

/// One recorded change: what `history` lists beside the deliveries.
public struct ActionRecord: Sendable, Hashable {
    public var subject: String
    /// `done`, `reopen`, `snooze`, `event`.
    public var action: String
    public var source: ActionSource
    public var at: Date
    /// The end of a snooze.
    public var until: Date?
    /// The day an event occurred.
    public var occurred: LocalDate?
}

extension Store {
    static func recordAction(_ db: Database, subject: String, action: String, source: ActionSource, at: Date,
                             until: Date? = nil, occurred: LocalDate? = nil) throws {
        try db.execute(sql: "INSERT INTO action (subject, action, source, at, until, occurred) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [subject, action, source.rawValue, at.timeIntervalSince1970,
                                   until?.timeIntervalSince1970, occurred?.description])
    }

    /// Actions in the order they were taken, for one item or event or all; with `limit`,
    /// the latest `limit`.
    public func actions(subject: String? = nil, limit: Int? = nil) throws -> [ActionRecord] {
        try writer.read { db in
            var sql = "SELECT subject, action, source, at, until, occurred FROM action"
            var arguments: StatementArguments = []
            if let subject {
                sql += " WHERE subject = ?"
                arguments += [subject]
            }
            sql += " ORDER BY seq DESC LIMIT ?"
            arguments += [limit ?? -1]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ActionRecord(subject: row[0], action: row[1], source: ActionSource(rawValue: row[2]) ?? .cli,
                             at: Date(timeIntervalSince1970: row[3]),
                             until: (row[4] as Double?).map(Date.init(timeIntervalSince1970:)),
                             occurred: (row[5] as String?).flatMap(LocalDate.init))
            }.reversed()
        }
    }
}
