import Foundation
import GRDB
import RemindCore

/// Where a delivery stands. `pending` until it was sent, failed for good, was found too
/// old to send after downtime (`missed`), or could no longer be useful (`cancelled`: its
/// item done, snoozed past it, or removed); the last four are final.
public enum DeliveryState: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, sent, failed, missed, cancelled
}

/// One outbox row: a reminder on one channel, with everything needed to (re)send it and
/// to show what happened to it.
public struct DeliveryRecord: Sendable, Hashable {
    /// The idempotency key (`Message-ID` / `webhook-id` material), stable across restarts.
    public var key: String
    /// The item id, or the event name for event notices.
    public var subject: String
    public var kind: ReminderKind
    public var scheduled: Date
    public var channel: String
    /// Person ids it is addressed to on this channel: `to` then `cc`.
    public var recipients: [String]
    public var to: [String]
    public var cc: [String]
    /// The reminder as planned when the row was written.
    public var reminder: Reminder
    public var state: DeliveryState
    /// Attempts made so far (sent, retried or failed ones).
    public var attempts: Int
    /// When the worker may try next; nil once final.
    public var nextAttemptAt: Date?
    public var lastError: String?
    /// The server's reply to the last attempt (SMTP reply line, HTTP status), if any.
    public var reply: String?
    /// Sent after its moment because the daemon was down then (catch-up).
    public var late: Bool
    public var created: Date
    public var updated: Date
    /// What a digest says (kind `digest`); nil for other kinds.
    public var digest: DigestContent?
    /// The SEQUENCE of the item's calendar event, for a dated item's reminder.
    public var calendarSequence: Int?
    /// The answer to a reply by mail (kind `answer`).
    public var answer: ReplyAnswer?

    /// The item id (`history --json` calls the subject `item`).
    public var item: String { subject }

    /// The planned delivery this row stands for, to hand to a notifier again.
    public var planned: PlannedDelivery {
        PlannedDelivery(key: key, reminder: reminder, channel: channel, to: to, cc: cc, digest: digest, calendarSequence: calendarSequence, answer: answer)
    }

    /// The columns `init(row:)` reads, in its order: queries select exactly these, and the
    /// row is read by position (a lookup by name lowercases the name every time).
    static let columns = "key, subject, kind, scheduled, channel, recipients, to_people, cc_people, reminder, "
        + "state, attempts, next_attempt_at, last_error, reply, late, created_at, updated_at, payload, calendar_sequence"

    init(row: Row) throws { try self.init(columns: SQLiteColumns(row: row)) }

    init(pg row: PGRow) throws { try self.init(columns: row) }

    /// Reads the row of `columns`, by position, from either store.
    init<R: StoreColumns>(columns row: R) throws {
        let key = try row.string(0)
        do {
            self.key = key
            subject = try row.string(1)
            let kindText = try row.string(2)
            guard let kind = ReminderKind(rawValue: kindText) else {
                throw StoreError.corruptRow(key: key, reason: "unknown kind \(kindText)")
            }
            self.kind = kind
            scheduled = try row.date(3)
            channel = try row.string(4)
            recipients = try PeopleColumn.decode(try row.string(5))
            to = try PeopleColumn.decode(try row.string(6))
            cc = try PeopleColumn.decode(try row.string(7))
            reminder = try StoredReminder.decode(try row.string(8))
            let stateText = try row.string(9)
            guard let state = DeliveryState(rawValue: stateText) else {
                throw StoreError.corruptRow(key: key, reason: "unknown state \(stateText)")
            }
            self.state = state
            attempts = try row.int(10)
            nextAttemptAt = try row.optionalDate(11)
            lastError = try row.optionalString(12)
            reply = try row.optionalString(13)
            late = try row.int(14) != 0
            created = try row.date(15)
            updated = try row.date(16)
            if let payload = try row.optionalString(17) {
                if kind == .answer { answer = try ReplyAnswer.decode(payload) } else { digest = try DigestContent.decode(payload) }
            }
            calendarSequence = try row.optionalInt(18)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corruptRow(key: key, reason: String(describing: error))
        }
    }
}

/// A row of either store, read by column position.
protocol StoreColumns {
    func string(_ i: Int) throws -> String
    func optionalString(_ i: Int) throws -> String?
    func double(_ i: Int) throws -> Double
    func optionalDouble(_ i: Int) throws -> Double?
    func int(_ i: Int) throws -> Int
    func optionalInt(_ i: Int) throws -> Int?
}

extension StoreColumns {
    func date(_ i: Int) throws -> Date { Date(timeIntervalSince1970: try double(i)) }
    func optionalDate(_ i: Int) throws -> Date? { try optionalDouble(i).map(Date.init(timeIntervalSince1970:)) }
}

/// A GRDB row as `StoreColumns`.
struct SQLiteColumns: StoreColumns {
    let row: Row
    func string(_ i: Int) throws -> String { row[i] }
    func optionalString(_ i: Int) throws -> String? { row[i] }
    func double(_ i: Int) throws -> Double { row[i] }
    func optionalDouble(_ i: Int) throws -> Double? { row[i] }
    func int(_ i: Int) throws -> Int { row[i] }
    func optionalInt(_ i: Int) throws -> Int? { row[i] }
}

/// The outcome of one attempt, to record with `Store.apply(_:)`. Every update counts one
/// attempt and only touches a row that is still pending, so a late or repeated report
/// cannot undo a final state.
public struct DeliveryUpdate: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// Accepted by the server (or written to the maildir).
        case sent(reply: String?)
        /// A transient failure: stays pending, tried again at `nextAttempt`.
        case retry(error: String, reply: String?, nextAttempt: Date)
        /// A permanent failure, or retries exhausted: final.
        case failed(error: String, reply: String?)
    }

    public var key: String
    public var outcome: Outcome
    /// When the attempt ended.
    public var at: Date

    public init(key: String, outcome: Outcome, at: Date) {
        self.key = key
        self.outcome = outcome
        self.at = at
    }

    public static func sent(_ key: String, reply: String? = nil, at: Date) -> DeliveryUpdate {
        DeliveryUpdate(key: key, outcome: .sent(reply: reply), at: at)
    }

    public static func retry(_ key: String, error: String, reply: String? = nil, nextAttempt: Date, at: Date) -> DeliveryUpdate {
        DeliveryUpdate(key: key, outcome: .retry(error: error, reply: reply, nextAttempt: nextAttempt), at: at)
    }

    public static func failed(_ key: String, error: String, reply: String? = nil, at: Date) -> DeliveryUpdate {
        DeliveryUpdate(key: key, outcome: .failed(error: error, reply: reply), at: at)
    }
}
