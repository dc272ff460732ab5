import Foundation

/// The validated configuration: everything the planner and the channels need, with every
/// reference already checked. Built only by `ConfigLoader`, so holding a `Config` means
/// holding a config that passed `remindd check`.
public struct Config: Sendable {
    /// The main file, as given on the command line.
    public var path: String
    public var timeZone: TimeZone
    public var language: Language
    public var calendar: WorkCalendar
    /// The SQLite state file as written in the config (resolved against the config's folder),
    /// or nil for the default.
    public var statePath: String?
    public var channels: [String: ChannelSection]
    public var people: [String: Person]
    public var retry: RetryPolicy
    /// Reminders younger than this when first seen after their moment are still sent (late).
    public var catchUpSeconds: Double
    public var defaultChannels: [String]
    public var defaultPolicy: Policy
    public var meetings: [String: MeetingSeries]
    public var events: [String: EventDef]
    /// Items in file order (includes after the main file's own items).
    public var items: [Item]
    /// Message template overrides, keyed by reminder kind raw value or "default".
    public var templates: [String: MessageTemplate]
    /// `http:`, nil when absent.
    public var http: HTTPSettings?
    /// `links:`, nil when absent: reminders carry no action links.
    public var links: LinkSettings?
    /// `digests:`, in file order.
    public var digests: [DigestDef] = []
    /// `inbox:`, nil when absent: no Reply-To, no reply polling.
    public var inbox: InboxSection?
    /// `store:`, nil when absent: the state is the SQLite file `statePath`.
    public var store: StoreSection?

    public func digest(_ name: String) -> DigestDef? { digests.first { $0.name == name } }

    public init(path: String, timeZone: TimeZone, language: Language, calendar: WorkCalendar,
                statePath: String?, channels: [String: ChannelSection], people: [String: Person],
                retry: RetryPolicy, catchUpSeconds: Double, defaultChannels: [String],
                defaultPolicy: Policy, meetings: [String: MeetingSeries], events: [String: EventDef],
                items: [Item], templates: [String: MessageTemplate]) {
        self.path = path
        self.timeZone = timeZone
        self.language = language
        self.calendar = calendar
        self.statePath = statePath
        self.channels = channels
        self.people = people
        self.retry = retry
        self.catchUpSeconds = catchUpSeconds
        self.defaultChannels = defaultChannels
        self.defaultPolicy = defaultPolicy
        self.meetings = meetings
        self.events = events
        self.items = items
        self.templates = templates
    }

    public func item(_ id: String) -> Item? { position(of: id).map { items[$0] } }

    /// The position in `items` of the item `id`, as indexed by the last `indexItems()`.
    func position(of id: String) -> Int? { itemIDs.position(of: id, in: items) }

    /// The lookup by id, filled by `indexItems()`.
    var itemIDs = ItemIDTable()

    /// The files this config was read from, with digests of their bytes; a config read
    /// from text has only the files it included.
    public var inputs = ConfigInputs()

    /// Rebuilds the lookup by id after `items` changed.
    public mutating func indexItems() {
        itemIDs = ItemIDTable(items)
    }
    /// The zone as written (`Europe/Amsterdam`).
    public var timeZoneName: String = "UTC"
    /// Channel names in file order.
    public var channelOrder: [String] = []
    /// Where keys found worth pointing at later are written, by dotted path
    /// (`templates.overdue.subject`, `channels.mail.password_file`, `state`), so errors found
    /// after parsing (a template that does not compile, a secret file that cannot be read)
    /// name the position of the text they come from.
    public var keyLocations: [String: SourceLocation] = [:]

    /// The channels that reach a person for an item: the item's, else the person's, else
    /// `defaults.channels`.
    public func channels(for person: String, item: Item?) -> [String] {
        channels(for: person, itemChannels: item?.channels)
    }

    func channels(for person: String, itemChannels: [String]?) -> [String] {
        if let c = itemChannels { return c }
        if let c = people[person]?.channels { return c }
        return defaultChannels
    }
}

/// Every field but the derived ones: the lookup by id (rebuilt by `indexItems()`) and the
/// inputs (which the snapshot holds beside the config, to check before decoding it).
extension Config: Codable {
    private enum CodingKeys: String, CodingKey {
        case path, timeZone, language, calendar, statePath, channels, people, retry, catchUpSeconds
        case defaultChannels, defaultPolicy, meetings, events, items, templates, http, links, digests
        case inbox, store, timeZoneName, channelOrder, keyLocations
    }
}

public enum Language: String, Sendable, CaseIterable, Codable {
    case nl, en
}

/// Where a value came from, for error messages and for `remindd import` provenance. Line
/// and column are stored as `Int32` (every item holds one).
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    private var packedLine: Int32
    private var packedColumn: Int32

    public var line: Int {
        get { Int(packedLine) }
        set { packedLine = Int32(newValue) }
    }
    public var column: Int {
        get { Int(packedColumn) }
        set { packedColumn = Int32(newValue) }
    }

    public init(file: String, line: Int, column: Int) {
        self.file = file
        packedLine = Int32(line)
        packedColumn = Int32(column)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

public struct Person: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var emails: [String]
    /// Channels that reach this person when the item names none.
    public var channels: [String]?

    public init(id: String, name: String? = nil, emails: [String] = [], channels: [String]? = nil) {
        self.id = id
        self.name = name
        self.emails = emails
        self.channels = channels
    }

    public var displayName: String { name ?? id }
}

/// Backoff for failed deliveries.
public struct RetryPolicy: Sendable, Hashable, Codable {
    public var initialSeconds: Double
    public var maxSeconds: Double
    public var giveUpAfterSeconds: Double

    public init(initialSeconds: Double = 30, maxSeconds: Double = 3600, giveUpAfterSeconds: Double = 86_400) {
        self.initialSeconds = initialSeconds
        self.maxSeconds = maxSeconds
        self.giveUpAfterSeconds = giveUpAfterSeconds
    }
}

public struct MessageTemplate: Sendable, Hashable, Codable {
    public var subject: String?
    public var body: String?

    public init(subject: String?, body: String?) {
        self.subject = subject
        self.body = body
    }
}

public struct Overdue: Sendable, Hashable, Codable {
    public var every: DurationSpec
    public var times: Int

    public init(every: DurationSpec, times: Int) {
        self.every = every
        self.times = times
    }
}

public struct Escalation: Sendable, Hashable, Codable {
    public var after: Int
    public var to: [String]

    public init(after: Int, to: [String]) {
        self.after = after
        self.to = to
    }
}

/// When an item's people hear from remindd. Items merge theirs over `defaults.policy`.
public struct Policy: Sendable, Hashable, Codable {
    public var before: [DurationSpec]
    public var onDue: Bool
    public var overdue: Overdue
    public var escalate: Escalation?
    /// Nudge interval for items without a deadline; nil switches nudges off.
    public var undatedEvery: DurationSpec?

    public init(before: [DurationSpec] = [DurationSpec(7, .days), DurationSpec(1, .days)],
                onDue: Bool = true,
                overdue: Overdue = Overdue(every: DurationSpec(2, .workdays), times: 3),
                escalate: Escalation? = nil,
                undatedEvery: DurationSpec? = DurationSpec(2, .weeks)) {
        self.before = before
        self.onDue = onDue
        self.overdue = overdue
        self.escalate = escalate
        self.undatedEvery = undatedEvery
    }
}

public struct MeetingSeries: Sendable, Hashable, Codable {
    public var id: String
    public var title: String?
    public var dates: [LocalDate]
    /// Start time of each meeting; workday start when absent.
    public var time: LocalTime?

    public init(id: String, title: String? = nil, dates: [LocalDate], time: LocalTime? = nil) {
        self.id = id
        self.title = title
        self.dates = dates.sorted()
        self.time = time
    }
}

/// "lrt@2023-09-25": the meeting an item was agreed at.
public struct MeetingRef: Sendable, Hashable, Codable, CustomStringConvertible {
    public var series: String
    public var date: LocalDate

    public init(series: String, date: LocalDate) {
        self.series = series
        self.date = date
    }

    public var description: String { "\(series)@\(date)" }
}

/// An outside happening whose date is only roughly known ("the Council of State ruling,
/// expected early December").
public struct EventDef: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var expected: DateWindow?
    public var owner: String?
    /// From the config; the store's record takes precedence.
    public var occurred: LocalDate?

    public init(id: String, title: String, expected: DateWindow?, owner: String?, occurred: LocalDate?) {
        self.id = id
        self.title = title
        self.expected = expected
        self.owner = owner
        self.occurred = occurred
    }
}

/// One action item.
///
/// A config holds up to hundreds of thousands of these, so the storage is compact while the
/// properties read as before. The texts (title, owner, `due:` as written, the meeting's
/// series and the location's file) are UTF-8 in a `TextArena`: one per loaded config,
/// shared by its items, holding each title and each distinct owner, due text, series and
/// file name once. The policy is held by reference (`SharedPolicy`; the loader gives every
/// item with the same policy the same one, and most items use the default), and the fields
/// most items leave empty (`channels`, `remind_at`, `notes`) sit together in one optional
/// box. Setting any of them stores a new arena or box, never changes a shared one: values
/// keep value semantics. Stored fields are ordered to leave the least padding (136 bytes an
/// item where plain fields took 336).
public struct Item: Sendable, Hashable {
    public var id: String
    public var with: [String]
    private(set) var texts: TextArena
    var sharedPolicy: SharedPolicy
    private var rare: RareItemFields?
    public var due: DeadlineExpr?
    public var agreed: LocalDate?
    /// The meeting's date; meaningful only with a series.
    private var meetingDate: LocalDate
    private var titleSpan: TextSpan
    private var ownerSpan: TextSpan
    /// `.none` for no due text, no meeting, no location.
    private var dueTextSpan: TextSpan
    private var seriesSpan: TextSpan
    private var fileSpan: TextSpan
    private var line: Int32
    private var column: Int32

    public var title: String {
        get { texts.string(titleSpan) }
        set { setTexts(title: newValue, owner: owner, dueText: dueText, meeting: meeting, location: location) }
    }

    public var owner: String {
        get { texts.string(ownerSpan) }
        set { setTexts(title: title, owner: newValue, dueText: dueText, meeting: meeting, location: location) }
    }

    /// The `due:` text as written, for messages and listings.
    public var dueText: String? {
        get { dueTextSpan == .none ? nil : texts.string(dueTextSpan) }
        set { setTexts(title: title, owner: owner, dueText: newValue, meeting: meeting, location: location) }
    }

    public var meeting: MeetingRef? {
        get { seriesSpan == .none ? nil : MeetingRef(series: texts.string(seriesSpan), date: meetingDate) }
        set { setTexts(title: title, owner: owner, dueText: dueText, meeting: newValue, location: location) }
    }

    public var location: SourceLocation? {
        get {
            guard fileSpan != .none else { return nil }
            return SourceLocation(file: texts.string(fileSpan), line: Int(line), column: Int(column))
        }
        set { setTexts(title: title, owner: owner, dueText: dueText, meeting: meeting, location: newValue) }
    }

    public var policy: Policy {
        get { sharedPolicy.value }
        set { sharedPolicy = SharedPolicy.sharing(newValue) }
    }

    public var channels: [String]? {
        get { rare?.channels }
        set { rare = RareItemFields.make(channels: newValue, remindAt: remindAt, notes: notes) }
    }

    public var remindAt: [Date] {
        get { rare?.remindAt ?? [] }
        set { rare = RareItemFields.make(channels: channels, remindAt: newValue, notes: notes) }
    }

    public var notes: String? {
        get { rare?.notes }
        set { rare = RareItemFields.make(channels: channels, remindAt: remindAt, notes: newValue) }
    }

    public init(id: String, title: String, owner: String, with: [String] = [], meeting: MeetingRef? = nil,
                agreed: LocalDate? = nil, due: DeadlineExpr? = nil, dueText: String? = nil,
                policy: Policy = Policy(), channels: [String]? = nil, remindAt: [Date] = [],
                notes: String? = nil, location: SourceLocation? = nil) {
        self.id = id
        self.with = with
        self.texts = TextArena()
        self.sharedPolicy = SharedPolicy.sharing(policy)
        self.rare = RareItemFields.make(channels: channels, remindAt: remindAt, notes: notes)
        self.due = due
        self.agreed = agreed
        self.meetingDate = Self.noDate
        self.titleSpan = .none
        self.ownerSpan = .none
        self.dueTextSpan = .none
        self.seriesSpan = .none
        self.fileSpan = .none
        self.line = 0
        self.column = 0
        setTexts(title: title, owner: owner, dueText: dueText, meeting: meeting, location: location)
    }

    /// The loader's: texts already in the config's arena, the policy already shared.
    init(id: String, texts: TextArena, title: TextSpan, owner: TextSpan, with: [String], series: TextSpan,
         meetingDate: LocalDate?, agreed: LocalDate?, due: DeadlineExpr?, dueText: TextSpan,
         sharedPolicy: SharedPolicy, channels: [String]?, remindAt: [Date], notes: String?,
         file: TextSpan, line: Int, column: Int) {
        self.id = id
        self.with = with
        self.texts = texts
        self.sharedPolicy = sharedPolicy
        self.rare = RareItemFields.make(channels: channels, remindAt: remindAt, notes: notes)
        self.due = due
        self.agreed = agreed
        self.meetingDate = series == .none ? Self.noDate : meetingDate ?? Self.noDate
        self.titleSpan = title
        self.ownerSpan = owner
        self.dueTextSpan = dueText
        self.seriesSpan = series
        self.fileSpan = file
        self.line = Int32(line)
        self.column = Int32(column)
    }

    /// `meetingDate` of an item without a meeting, so equal items store equal bytes.
    private static let noDate = LocalDate(year: 0, month: 0, day: 0)

    /// The texts in a new arena of this item's own: the one it has may be shared.
    private mutating func setTexts(title: String, owner: String, dueText: String?, meeting: MeetingRef?,
                                   location: SourceLocation?) {
        let new = TextArena()
        titleSpan = new.append(title)
        ownerSpan = new.append(owner)
        dueTextSpan = dueText.map { new.append($0) } ?? .none
        seriesSpan = meeting.map { new.append($0.series) } ?? .none
        meetingDate = meeting?.date ?? Self.noDate
        fileSpan = location.map { new.append($0.file) } ?? .none
        line = Int32(location?.line ?? 0)
        column = Int32(location?.column ?? 0)
        texts = new
    }

    /// The reference date R for relative deadlines.
    public var referenceDate: LocalDate? { seriesSpan != .none ? meetingDate : agreed }

    public static func == (a: Item, b: Item) -> Bool {
        a.id == b.id && a.due == b.due && a.agreed == b.agreed && a.with == b.with
            && a.meetingDate == b.meetingDate && a.line == b.line && a.column == b.column
            && a.sharedPolicy == b.sharedPolicy && a.rare == b.rare
            && sameText(a, a.titleSpan, b, b.titleSpan) && sameText(a, a.ownerSpan, b, b.ownerSpan)
            && sameText(a, a.dueTextSpan, b, b.dueTextSpan)
            && sameText(a, a.seriesSpan, b, b.seriesSpan) && sameText(a, a.fileSpan, b, b.fileSpan)
    }

    /// Both absent, or equal as strings: the bytes are compared first, and only differing
    /// bytes (which may still be canonically equal text) are compared as strings.
    private static func sameText(_ a: Item, _ x: TextSpan, _ b: Item, _ y: TextSpan) -> Bool {
        if x == .none || y == .none { return x == y }
        return a.texts.sameBytes(x, b.texts, y) || a.texts.string(x) == b.texts.string(y)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(title)
        hasher.combine(owner)
        hasher.combine(with)
        hasher.combine(meeting)
        hasher.combine(agreed)
        hasher.combine(due)
        hasher.combine(dueText)
        hasher.combine(sharedPolicy)
        hasher.combine(rare)
        hasher.combine(location)
    }
}

/// A policy held by reference, compared and hashed by value.
final class SharedPolicy: Sendable, Hashable, Codable {
    let value: Policy

    init(_ value: Policy) { self.value = value }

    /// `Policy()`, the policy of an item made without one.
    static let standard = SharedPolicy(Policy())

    /// `standard` for the standard policy, else a new box.
    static func sharing(_ p: Policy) -> SharedPolicy {
        p == standard.value ? standard : SharedPolicy(p)
    }

    static func == (a: SharedPolicy, b: SharedPolicy) -> Bool { a === b || a.value == b.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }

    /// Written as its policy.
    init(from decoder: any Decoder) throws { value = try Policy(from: decoder) }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

/// Most items share one of a few policies: a snapshot writes each box once, and items read
/// back share boxes as the loader's do (the standard policy's is `standard`).
extension SharedPolicy: CompactSharedObject {
    static func shared(_ decoded: SharedPolicy) -> SharedPolicy { sharing(decoded.value) }
}

/// An item's fields that most items leave at their defaults; nil in the item when all are.
final class RareItemFields: Sendable, Hashable {
    let channels: [String]?
    let remindAt: [Date]
    let notes: String?

    private init(channels: [String]?, remindAt: [Date], notes: String?) {
        self.channels = channels
        self.remindAt = remindAt
        self.notes = notes
    }

    static func make(channels: [String]?, remindAt: [Date], notes: String?) -> RareItemFields? {
        if channels == nil && remindAt.isEmpty && notes == nil { return nil }
        return RareItemFields(channels: channels, remindAt: remindAt, notes: notes)
    }

    static func == (a: RareItemFields, b: RareItemFields) -> Bool {
        a === b || (a.channels == b.channels && a.remindAt == b.remindAt && a.notes == b.notes)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(channels)
        hasher.combine(remindAt)
        hasher.combine(notes)
    }
}
