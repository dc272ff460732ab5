import Foundation

/// Text kept as UTF-8 bytes end to end in one buffer, read back as `String`s.
///
/// Why: a `String` of more than 15 bytes is an allocation of its own with a 32-byte header,
/// rounded up by malloc; an item title of 38 bytes took 80. The loader puts every item's
/// title, and each distinct owner, due text, series and file name, into one arena per
/// config: 100,000 titles went from 8 MB in 100,000 allocations to 3.8 MB in one, and
/// freeing them no longer leaves the heap in holes. A `String` read from the arena is
/// equal to the one put in (same scalars).
///
/// Appended to only by the one thread that builds it (the loader, or an `Item` setter on a
/// fresh arena), before any item that refers to it is shared; read-only after that.
final class TextArena: @unchecked Sendable {
    private var bytes: [UInt8] = []

    init() {}

    /// Appends the text; the span reads it back.
    func append(_ text: String) -> TextSpan {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        precondition(bytes.count < Int(UInt32.max), "more than 4 GB of item text")
        return TextSpan(offset: UInt32(start), count: UInt32(bytes.count - start))
    }

    func string(_ span: TextSpan) -> String {
        bytes.withUnsafeBufferPointer { all in
            let start = Int(span.offset)
            return String(decoding: UnsafeBufferPointer(rebasing: all[start..<start + Int(span.count)]), as: UTF8.self)
        }
    }

    /// The same bytes at both spans (a cheap test before comparing as strings).
    func sameBytes(_ a: TextSpan, _ other: TextArena, _ b: TextSpan) -> Bool {
        guard a.count == b.count else { return false }
        if a.count == 0 || (self === other && a.offset == b.offset) { return true }
        return bytes.withUnsafeBufferPointer { x in
            other.bytes.withUnsafeBufferPointer { y in
                memcmp(x.baseAddress! + Int(a.offset), y.baseAddress! + Int(b.offset), Int(a.count)) == 0
            }
        }
    }

    /// Drops the room the buffer grew into while the loader appended.
    func shrinkToFit() {
        guard bytes.capacity > bytes.count else { return }
        let all = bytes
        bytes = [UInt8](unsafeUninitializedCapacity: all.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: all)
        }
    }

    /// Bytes held (tests).
    var byteCount: Int { bytes.count }
}

/// Where a text is in a `TextArena`.
struct TextSpan: Hashable, Sendable {
    var offset: UInt32
    var count: UInt32

    /// No text (an absent optional).
    static let none = TextSpan(offset: .max, count: .max)
}

/// Builds the items of one config as they are kept: their texts in one arena, the texts
/// items repeat (owners, due texts, series, file names) and their co-owner lists once.
/// The loader and the snapshot reader both build items through it.
struct ItemBuilder {
    let texts = TextArena()
    private var spans: [String: TextSpan] = [:]
    private var lists: [[String]: [String]] = [:]

    /// A text items repeat, in the arena once.
    mutating func span(_ text: String) -> TextSpan {
        if let known = spans[text] { return known }
        let span = texts.append(text)
        spans[text] = span
        return span
    }

    /// The same list of names as an earlier item's, if there was one: each list is an
    /// allocation the config keeps.
    mutating func list(_ names: [String]) -> [String] {
        guard !names.isEmpty else { return names }
        if let known = lists[names] { return known }
        lists[names] = names
        return names
    }

    mutating func item(id: String, title: String, owner: String, with: [String], meeting: MeetingRef?,
                       agreed: LocalDate?, due: DeadlineExpr?, dueText: String?, policy: SharedPolicy,
                       channels: [String]?, remindAt: [Date], notes: String?, location: SourceLocation?) -> Item {
        Item(id: id, texts: texts, title: texts.append(title), owner: span(owner), with: list(with),
             series: meeting.map { span($0.series) } ?? .none, meetingDate: meeting?.date,
             agreed: agreed, due: due, dueText: dueText.map { span($0) } ?? .none, sharedPolicy: policy,
             channels: channels, remindAt: remindAt, notes: notes,
             file: location.map { span($0.file) } ?? .none, line: location?.line ?? 0, column: location?.column ?? 0)
    }
}

extension CodingUserInfoKey {
    /// An `ItemSharing`, for items decoded together.
    static let itemSharing = CodingUserInfoKey(rawValue: "remindd.itemSharing")!
}

/// Items decoded together (a config's, from its snapshot), built as the loader builds
/// them: texts in one arena, repeated texts and lists once, each deadline text parsed once.
final class ItemSharing {
    var builder = ItemBuilder()
    private var deadlines: [String: DeadlineExpr?] = [:]

    /// The deadline `due:` text reads as, each distinct text parsed once.
    func deadline(_ text: String) -> DeadlineExpr? {
        if let known = deadlines[text] { return known }
        let due = try? DeadlineExpr.parse(text)
        deadlines[text] = due
        return due
    }

    /// The same, through the sharing when there is one.
    static func deadline(_ text: String?, _ sharing: ItemSharing?) -> DeadlineExpr? {
        text.flatMap { sharing?.deadline($0) ?? (try? DeadlineExpr.parse($0)) }
    }
}

/// An item as its fields, not as its storage: decoded with an `ItemSharing` in `userInfo`,
/// items share texts and policies as the loader's do. A config holds 100,000 items, and a
/// nested value costs a container of its own to decode, so the meeting and the location are
/// written as their parts, and the deadline as its `due:` text only, when that text reads as
/// it (always, for a loaded item): with the sharing, each distinct text is parsed once.
extension Item: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, title, owner, with, series, meetingDate, agreed, dueText, due, policy, channels, remindAt, notes
        case file, line, column
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(owner, forKey: .owner)
        try c.encode(with, forKey: .with)
        let meeting = self.meeting
        try c.encodeIfPresent(meeting?.series, forKey: .series)
        try c.encodeIfPresent(meeting?.date, forKey: .meetingDate)
        try c.encodeIfPresent(agreed, forKey: .agreed)
        try c.encodeIfPresent(dueText, forKey: .dueText)
        let sharing = encoder.userInfo[.itemSharing] as? ItemSharing
        let fromText = ItemSharing.deadline(dueText, sharing)
        // Absent: the deadline is what the text reads as; else the deadline (or none) itself.
        let written: DeadlineExpr?? = fromText == due ? .none : .some(due)
        try c.encode(written, forKey: .due)
        try c.encode(sharedPolicy, forKey: .policy)
        try c.encodeIfPresent(channels, forKey: .channels)
        try c.encode(remindAt, forKey: .remindAt)
        try c.encodeIfPresent(notes, forKey: .notes)
        let location = self.location
        try c.encodeIfPresent(location?.file, forKey: .file)
        try c.encode(location?.line ?? 0, forKey: .line)
        try c.encode(location?.column ?? 0, forKey: .column)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id)
        let title = try c.decode(String.self, forKey: .title)
        let owner = try c.decode(String.self, forKey: .owner)
        let with = try c.decode([String].self, forKey: .with)
        let series = try c.decodeIfPresent(String.self, forKey: .series)
        let meetingDate = try c.decodeIfPresent(LocalDate.self, forKey: .meetingDate)
        let agreed = try c.decodeIfPresent(LocalDate.self, forKey: .agreed)
        let dueText = try c.decodeIfPresent(String.self, forKey: .dueText)
        let sharing = decoder.userInfo[.itemSharing] as? ItemSharing
        let written = try c.decode(DeadlineExpr??.self, forKey: .due)
        let due = written ?? ItemSharing.deadline(dueText, sharing)
        let policy = try c.decode(SharedPolicy.self, forKey: .policy)
        let channels = try c.decodeIfPresent([String].self, forKey: .channels)
        let remindAt = try c.decode([Date].self, forKey: .remindAt)
        let notes = try c.decodeIfPresent(String.self, forKey: .notes)
        let file = try c.decodeIfPresent(String.self, forKey: .file)
        let line = try c.decode(Int.self, forKey: .line)
        let column = try c.decode(Int.self, forKey: .column)
        let meeting = series.map { MeetingRef(series: $0, date: meetingDate ?? LocalDate(year: 0, month: 0, day: 0)) }
        let location = file.map { SourceLocation(file: $0, line: line, column: column) }
        guard let sharing else {
            self.init(id: id, title: title, owner: owner, with: with, meeting: meeting, agreed: agreed, due: due,
                      dueText: dueText, policy: policy.value, channels: channels, remindAt: remindAt, notes: notes,
                      location: location)
            return
        }
        self = sharing.builder.item(id: id, title: title, owner: owner, with: with, meeting: meeting, agreed: agreed,
                                    due: due, dueText: dueText, policy: policy, channels: channels,
                                    remindAt: remindAt, notes: notes, location: location)
    }
}
