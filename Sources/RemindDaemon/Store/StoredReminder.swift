import Foundation
import RemindCore

/// The JSON form of a `Reminder` kept in each outbox row.
///
/// Why: a delivery that is still pending when the daemon stops must go out after the
/// restart exactly as planned (same people, same deadline, same key), even if the config
/// was edited in between. So the row carries the reminder itself rather than a pointer
/// into the config. `v` is the format version for later changes.
struct StoredReminder: Codable {
    var v: Int
    var subject: String
    var kind: ReminderKind
    var at: Double
    var deadline: Double?
    var people: [String]
    var escalation: [String]
    var ordinal: Int
    var lead: String?
    var mergedKinds: [ReminderKind]

    enum CodingKeys: String, CodingKey {
        case v, subject, kind, at, deadline, people, escalation, ordinal, lead
        case mergedKinds = "merged_kinds"
    }

    init(_ r: Reminder) {
        v = 1
        subject = r.subject
        kind = r.kind
        at = r.at.timeIntervalSince1970
        deadline = r.deadline?.timeIntervalSince1970
        people = r.people
        escalation = r.escalation
        ordinal = r.ordinal
        lead = r.lead?.description
        mergedKinds = r.mergedKinds
    }

    var reminder: Reminder {
        Reminder(subject: subject, kind: kind, at: Date(timeIntervalSince1970: at),
                 deadline: deadline.map(Date.init(timeIntervalSince1970:)), people: people,
                 escalation: escalation, ordinal: ordinal, lead: lead.flatMap(DurationSpec.init),
                 mergedKinds: mergedKinds)
    }

    static func encode(_ r: Reminder) throws -> String {
        String(decoding: try encoder.encode(StoredReminder(r)), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> Reminder {
        try JSONDecoder().decode(StoredReminder.self, from: Data(text.utf8)).reminder
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()
}

/// JSON arrays of person ids, as stored in the `recipients`, `to_people`, `cc_people`
/// columns: readable with `sqlite3` and `json_each`.
enum PeopleColumn {
    static func encode(_ ids: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
