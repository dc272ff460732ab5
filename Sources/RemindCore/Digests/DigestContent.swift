import Foundation

/// What one digest says to one person, fixed when it is written to the outbox: a digest
/// that is retried after a restart or a reload says what it said at its moment.
public struct DigestContent: Sendable, Hashable, Codable {
    /// The sections of an owner digest, in the order they are shown, and the per-owner
    /// groups of a meeting digest.
    public enum SectionKind: String, Sendable, Hashable, Codable {
        case overdue
        case dueSoon = "due_soon"
        case waiting
        case done
        case owner
    }

    public struct Entry: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var owner: String
        public var with: [String]
        /// `open`, `waiting`, `overdue`, `snoozed` or `done`, as the API names them.
        public var state: String
        public var deadline: Date?
        /// For an item waiting on an event: the event's name, title and expected window.
        public var event: String?
        public var eventTitle: String?
        public var expected: DateWindow?
        public var doneAt: Date?
        public var snoozedUntil: Date?
        /// `series@YYYY-MM-DD`, the meeting the item came from.
        public var meeting: String?

        enum CodingKeys: String, CodingKey {
            case id, title, owner, with, state, deadline, event, meeting, expected
            case eventTitle = "event_title"
            case doneAt = "done_at"
            case snoozedUntil = "snoozed_until"
        }
    }

    public struct Section: Sendable, Hashable, Codable {
        public var kind: SectionKind
        /// The owner a meeting digest's group is for.
        public var owner: String?
        public var entries: [Entry]

        public init(kind: SectionKind, owner: String? = nil, entries: [Entry]) {
            self.kind = kind
            self.owner = owner
            self.entries = entries
        }
    }

    public var digest: String
    public var person: String
    public var period: LocalDate
    /// A meeting digest's series and the date of the meeting it prepares.
    public var series: String?
    public var meeting: LocalDate?
    /// When the digest was put together; due-soon and overdue are as of this moment.
    public var asOf: Date
    /// Done items are those done after this moment (owner digests).
    public var since: Date?
    /// Non-empty sections only.
    public var sections: [Section]

    enum CodingKeys: String, CodingKey {
        case digest, person, period, series, meeting, since, sections
        case asOf = "as_of"
    }

    public var isEmpty: Bool { sections.allSatisfy { $0.entries.isEmpty } }
    public var itemCount: Int { sections.reduce(0) { $0 + $1.entries.count } }
    public var isMeetingDigest: Bool { series != nil }

    /// The stored form (one JSON object), for the outbox's `payload` column.
    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ text: String) throws -> DigestContent {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(DigestContent.self, from: Data(text.utf8))
    }
}

extension DateWindow: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: "/")
        guard parts.count == 2, let a = LocalDate(String(parts[0])), let b = LocalDate(String(parts[1])) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD/YYYY-MM-DD window"))
        }
        self.init(start: a, end: b)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
