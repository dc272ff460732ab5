import Foundation
import GRDB
import RemindCore

/// Delivery history: what `remindd history [ID]` shows.
extension Store {
    /// Deliveries in scheduled order (oldest first), for one item or event (`subject`) or
    /// all. With `limit`, the latest `limit` of them, still oldest first.
    public func history(subject: String? = nil, limit: Int? = nil) throws -> [DeliveryRecord] {
        try writer.read { db in
            var sql = "SELECT \(DeliveryRecord.columns) FROM delivery"
            var arguments: StatementArguments = []
            if let subject {
                sql += " WHERE subject = ?"
                arguments += [subject]
            }
            sql += " ORDER BY scheduled DESC, key DESC LIMIT ?"
            arguments += [limit ?? -1]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(DeliveryRecord.init(row:)).reversed()
        }
    }
}

/// One delivery as `remindd history --json` prints it. The field names are the contract
/// in DESIGN ("Command line"): scripts outside the code read them.
public struct HistoryEntry: Codable, Sendable, Hashable {
    public var key: String
    public var item: String
    public var kind: String
    /// ISO 8601 UTC with `Z`.
    public var scheduled: String
    public var channel: String
    public var recipients: [String]
    public var state: String
    public var attempts: Int
    public var late: Bool
    public var lastError: String?
    public var reply: String?
    /// Why it failed or was cancelled (`done`, `snoozed`, `removed`, `occurred`); null
    /// for a delivery that is pending, sent or missed.
    public var reason: String?
    /// Always `delivery`: `history --json` lists actions beside deliveries.
    public var type = "delivery"

    enum CodingKeys: String, CodingKey {
        case key, item, kind, scheduled, channel, recipients, state, attempts, late
        case lastError = "last_error"
        case reply, reason, type
    }

    public init(_ r: DeliveryRecord) {
        key = r.key
        item = r.subject
        kind = r.kind.rawValue
        scheduled = UTCStamp.iso(r.scheduled)
        channel = r.channel
        recipients = r.recipients
        state = r.state.rawValue
        attempts = r.attempts
        late = r.late
        lastError = r.lastError
        reply = r.reply
        reason = r.state == .failed || r.state == .cancelled ? r.lastError : nil
    }

    /// Writes `null` for an absent error or reply, so every object has the same fields.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(item, forKey: .item)
        try c.encode(kind, forKey: .kind)
        try c.encode(scheduled, forKey: .scheduled)
        try c.encode(channel, forKey: .channel)
        try c.encode(recipients, forKey: .recipients)
        try c.encode(state, forKey: .state)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(late, forKey: .late)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(reply, forKey: .reply)
        try c.encode(reason, forKey: .reason)
        try c.encode(type, forKey: .type)
    }

    /// The whole `history --json` output: one JSON array, keys sorted, deliveries by their
    /// scheduled time and actions by theirs, in one order.
    public static func json(_ records: [DeliveryRecord], actions: [ActionRecord] = [], pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        var entries = records.map { (at: $0.scheduled, entry: HistoryLine.delivery(HistoryEntry($0))) }
        entries += actions.map { (at: $0.at, entry: HistoryLine.action(ActionEntry($0))) }
        // Stable: at equal times, deliveries (in their order) before actions (in theirs).
        let ordered = entries.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element.entry)
        return String(decoding: try encoder.encode(ordered), as: UTF8.self)
    }
}

/// One action as `remindd history --json` prints it: `type: "action"`, `item`, `action`,
/// `source`, `at` and, for a snooze, `until`; for an event, `occurred`.
public struct ActionEntry: Codable, Sendable, Hashable {
    public var type = "action"
    public var item: String
    public var action: String
    public var source: String
    public var at: String
    public var until: String?
    public var occurred: String?

    public init(_ a: ActionRecord) {
        item = a.subject
        action = a.action
        source = a.source.rawValue
        at = UTCStamp.iso(a.at)
        until = a.until.map(UTCStamp.iso)
        occurred = a.occurred?.description
    }
}

enum HistoryLine: Encodable {
    case delivery(HistoryEntry)
    case action(ActionEntry)

    func encode(to encoder: Encoder) throws {
        switch self {
        case .delivery(let d): try d.encode(to: encoder)
        case .action(let a): try a.encode(to: encoder)
        }
    }
}
