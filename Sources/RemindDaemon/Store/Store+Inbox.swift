import Foundation
import GRDB
import RemindCore

/// Where the reply poller stands in its mailbox, and what it did with each message. A
/// message's outcome — the state change it asked for, its answer in the outbox, the last
/// UID — is written in one transaction, so a crash before the message is flagged `\Seen`
/// cannot make it count twice.
extension Store {
    public typealias InboxPosition = RemindDaemon.InboxPosition
    public typealias InboxOutcome = RemindDaemon.InboxOutcome

    public func inboxPosition(mailbox: String) throws -> InboxPosition? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT uid_validity, last_uid FROM inbox_state WHERE mailbox = ?", arguments: [mailbox])
                .map { InboxPosition(uidValidity: UInt32(truncatingIfNeeded: $0[0] as Int64), lastUID: UInt32(truncatingIfNeeded: $0[1] as Int64)) }
        }
    }

    /// A new UIDVALIDITY (a first poll, or a mailbox that was reset): from now on UIDs are
    /// counted in it, from `lastUID`.
    public func setInboxPosition(mailbox: String, _ p: InboxPosition) throws {
        try writer.write { db in try Self.setInboxPosition(db, mailbox: mailbox, p) }
    }

    static func setInboxPosition(_ db: Database, mailbox: String, _ p: InboxPosition) throws {
        try db.execute(sql: """
            INSERT INTO inbox_state (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)
            ON CONFLICT(mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
            """, arguments: [mailbox, Int64(p.uidValidity), Int64(p.lastUID)])
    }

    /// The item of the reminder whose mail had this Message-ID, if it was one of ours.
    public func item(ofMessageID id: String) throws -> String? {
        guard let hash = MessageKey.hash(inMessageID: id) else { return nil }
        return try writer.read { db in
            try String.fetchOne(db, sql: "SELECT subject FROM delivery WHERE key_hash = ? AND kind NOT IN ('digest', 'answer', 'event-expected', 'event-late') LIMIT 1",
                                arguments: [hash])
        }
    }

    /// Records one message's outcome in one transaction: the state change (source `mail`),
    /// the answer's outbox row, the message row and the mailbox position. Returns false when
    /// this message (mailbox, UIDVALIDITY, UID) was recorded before: nothing is written.
    @discardableResult
    public func record(_ o: InboxOutcome, at now: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO inbox_message (mailbox, uid_validity, uid, message_id, sender, item, outcome, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [o.mailbox, Int64(o.position.uidValidity), Int64(o.position.lastUID), o.messageID, o.sender,
                                 o.item, String(o.outcome.prefix(500)), now.timeIntervalSince1970])
            guard db.changesCount > 0 else { return false }
            switch o.change {
            case .done(let id)?: try Self.setDone(db, id, at: now, source: .mail)
            case .reopen(let id)?: try Self.reopen(db, id, at: now, source: .mail)
            case .snooze(let id, let until)?: try Self.snooze(db, id, until: until, at: now, source: .mail)
            case .event?, nil: break
            }
            if let answer = o.answer { _ = try Self.insert(db, [answer], state: .pending, late: false, now: now) }
            let current = try Row.fetchOne(db, sql: "SELECT uid_validity, last_uid FROM inbox_state WHERE mailbox = ?",
                                           arguments: [o.mailbox])
            let stored = current.map { InboxPosition(uidValidity: UInt32(truncatingIfNeeded: $0[0] as Int64),
                                                     lastUID: UInt32(truncatingIfNeeded: $0[1] as Int64)) }
            try Self.setInboxPosition(db, mailbox: o.mailbox, .after(o.position, stored: stored))
            return true
        }
    }

    /// The messages read, newest last: for tests and `history`-like listings.
    public func inboxMessages() throws -> [(uid: UInt32, item: String?, sender: String?, outcome: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT uid, item, sender, outcome FROM inbox_message ORDER BY seq").map {
                (UInt32(truncatingIfNeeded: $0[0] as Int64), $0[1], $0[2], $0[3])
            }
        }
    }
}
