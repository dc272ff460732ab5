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

    /// The same text `JSONEncoder` with `.sortedKeys` wrote (absent optionals left out,
    /// whole seconds without a fraction), so rows written before and after read alike;
    /// written and read with RemindCore's JSON, which is several times faster.
    static func encode(_ r: Reminder) throws -> String {
        StoredReminder(r).json.serialized()
    }

    static func decode(_ text: String) throws -> Reminder {
        try StoredReminder(json: JSON(parsing: text)).reminder
    }

    var json: JSON {
        var pairs: [(String, JSON)] = [("at", Self.number(at))]
        if let deadline { pairs.append(("deadline", Self.number(deadline))) }
        pairs.append(("escalation", .strings(escalation)))
        pairs.append(("kind", .string(kind.rawValue)))
        if let lead { pairs.append(("lead", .string(lead))) }
        pairs.append(("merged_kinds", .strings(mergedKinds.map(\.rawValue))))
        pairs.append(("ordinal", .int(ordinal)))
        pairs.append(("people", .strings(people)))
        pairs.append(("subject", .string(subject)))
        pairs.append(("v", .int(v)))
        return .object(pairs)
    }

    init(json: JSON) throws {
        func missing(_ key: String) -> StoredReminderError { StoredReminderError(reason: "missing or invalid '\(key)'") }
        guard let v = json["v"]?.intValue else { throw missing("v") }
        guard let subject = json["subject"]?.stringValue else { throw missing("subject") }
        guard let kindText = json["kind"]?.stringValue, let kind = ReminderKind(rawValue: kindText) else { throw missing("kind") }
        guard let at = json["at"]?.doubleValue else { throw missing("at") }
        guard let people = json["people"]?.stringArray else { throw missing("people") }
        guard let escalation = json["escalation"]?.stringArray else { throw missing("escalation") }
        guard let ordinal = json["ordinal"]?.intValue else { throw missing("ordinal") }
        guard let merged = json["merged_kinds"]?.stringArray else { throw missing("merged_kinds") }
        let mergedKinds = merged.compactMap(ReminderKind.init(rawValue:))
        guard mergedKinds.count == merged.count else { throw missing("merged_kinds") }
        var deadline: Double?
        if let d = json["deadline"], d != .null {
            guard let value = d.doubleValue else { throw missing("deadline") }
            deadline = value
        }
        var lead: String?
        if let l = json["lead"], l != .null {
            guard let value = l.stringValue else { throw missing("lead") }
            lead = value
        }
        self.v = v
        self.subject = subject
        self.kind = kind
        self.at = at
        self.deadline = deadline
        self.people = people
        self.escalation = escalation
        self.ordinal = ordinal
        self.lead = lead
        self.mergedKinds = mergedKinds
    }

    /// Whole seconds as an integer, as `JSONEncoder` writes them; fractions as they are.
    static func number(_ d: Double) -> JSON {
        if d == d.rounded(), abs(d) < 9e15 { return .int(Int(d)) }
        return .double(d)
    }
}

struct StoredReminderError: Error, CustomStringConvertible {
    var reason: String
    var description: String { "stored reminder: \(reason)" }
}

/// JSON arrays of person ids, as stored in the `recipients`, `to_people`, `cc_people`
/// columns: readable with `sqlite3` and `json_each`.
enum PeopleColumn {
    static func encode(_ ids: [String]) throws -> String {
        JSON.strings(ids).serialized()
    }

    static func decode(_ text: String) throws -> [String] {
        guard let ids = try JSON(parsing: text).stringArray else {
            throw StoredReminderError(reason: "a people column is not a list of names")
        }
        return ids
    }
}
