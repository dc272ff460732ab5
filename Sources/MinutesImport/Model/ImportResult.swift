import RemindCore

/// One drafted action item. Everything a reviewer needs to accept or fix it is here: the
/// source line and sentence, and how sure the extractor was, because a draft that hides its
/// evidence cannot be trusted with commitments.
public struct DraftItem: Sendable, Hashable {
    public var id: String
    public var title: String
    /// As written in the minutes (`JenV`, `the chairs`); nil for passive voice.
    public var owner: String?
    /// Co-owners and those it is done in consultation with: they get the reminders too.
    public var with: [String]
    /// Parties only contacted or asked ("neemt met IPO en CdK contact op"): not reminded.
    public var involved: [String]
    /// A DESIGN deadline expression (`in 1 week`, `next meeting`, `after rvs-ruling +5wd`).
    public var due: String?
    /// `due` resolved against the meeting date, when it can be without outside facts.
    public var deadline: LocalDate?
    /// The event an `after <event>` deadline waits for.
    public var afterEvent: String?
    public var expected: DateWindow?
    /// The deadline words as they appear in the minutes.
    public var duePhrase: String?
    /// 1-based line in the input where the action starts.
    public var line: Int
    /// The source sentence, whitespace collapsed.
    public var quote: String
    public var confidence: Double
    /// Why it was taken: the rule or marker that found it, who it names and why, what
    /// raised or lowered its confidence (`remindd import --explain`).
    public var why: [String] = []
    /// How explicit the source was (marker, table, checkbox over prose), for merging.
    var rank = 0
    /// A row of an actions table (which restates the actions marked in the text).
    var fromTable = false
    /// Text a restatement of the action may share words with (the sentence "hier" points to).
    var context = ""
    var anaphoric = false

    public init(id: String = "", title: String, owner: String?, with: [String] = [], involved: [String] = [],
                due: String? = nil, deadline: LocalDate? = nil, afterEvent: String? = nil,
                expected: DateWindow? = nil, duePhrase: String? = nil, line: Int, quote: String,
                confidence: Double) {
        self.id = id
        self.title = title
        self.owner = owner
        self.with = with
        self.involved = involved
        self.due = due
        self.deadline = deadline
        self.afterEvent = afterEvent
        self.expected = expected
        self.duePhrase = duePhrase
        self.line = line
        self.quote = quote
        self.confidence = confidence
    }
}

/// Someone an item names, as the config must define them: `id` is a valid person id
/// (`jan-de-vries`), `name` is how the minutes wrote it (`Jan de Vries`), and `fullName`
/// what the attendance list says a short name stands for (`JS` → `Jane Smith`).
public struct PersonRef: Sendable, Hashable {
    public var id: String
    public var name: String
    public var fullName: String?

    public init(id: String, name: String, fullName: String? = nil) {
        self.id = id
        self.name = name
        self.fullName = fullName
    }
}

extension DraftItem {
    /// The owner as a person id of the config (`the-chairs` for "the chairs").
    public var ownerID: String? { owner.map(Slug.personID) }
    /// Co-owners as person ids.
    public var withIDs: [String] { with.map(Slug.personID) }
}

/// An outside happening an item waits for, with the window the minutes expect it in.
public struct DraftEvent: Sendable, Hashable {
    public var id: String
    public var title: String
    public var expected: DateWindow?
    /// How the window was said (`begin december`), rendered in DESIGN's English form.
    public var expectedText: String?

    public init(id: String, title: String, expected: DateWindow?, expectedText: String?) {
        self.id = id
        self.title = title
        self.expected = expected
        self.expectedText = expectedText
    }
}

/// The whole draft: what the YAML and JSON writers print.
public struct ImportResult: Sendable {
    public var meetingDate: LocalDate?
    /// Where the meeting date came from (`text`, `option`), for the notes.
    public var meetingDateSource: String?
    public var series: String
    /// The next meeting's date, where the minutes give it ("Volgende vergadering: …").
    public var nextMeetingDate: LocalDate?
    public var items: [DraftItem]
    public var events: [DraftEvent]
    /// Messages for stderr: no actions found, no meeting date, items below the threshold.
    public var notes: [String]
    /// Possible actions scored below `--min-confidence`: the YAML keeps them commented out
    /// with their quote, so a secretary can switch one on.
    public var doubtful: [DraftItem] = []
    /// Sentences that looked like actions and were not taken, with why not.
    public var rejected: [Rejection] = []

    public init(meetingDate: LocalDate?, meetingDateSource: String?, series: String,
                items: [DraftItem], events: [DraftEvent], notes: [String]) {
        self.meetingDate = meetingDate
        self.meetingDateSource = meetingDateSource
        self.series = series
        self.items = items
        self.events = events
        self.notes = notes
    }

    /// Full names the attendance list gives for short ones ("JS" → "Jane Smith").
    var fullNames: [String: String] = [:]

    /// Owners and co-owners named by the items, sorted by id: the people the main config
    /// must define, with the names the minutes use for them.
    public var peopleSeen: [PersonRef] {
        var byID: [String: PersonRef] = [:]
        for i in items + doubtful {
            for name in [i.owner].compactMap({ $0 }) + i.with {
                let id = Slug.personID(name)
                if byID[id] == nil { byID[id] = PersonRef(id: id, name: name, fullName: fullNames[name]) }
            }
        }
        return byID.values.sorted { ($0.id.lowercased(), $0.id) < ($1.id.lowercased(), $1.id) }
    }

    /// True when some item needs the next meeting of the series.
    public var needsNextMeeting: Bool { (items + doubtful).contains { $0.due?.hasPrefix("next ") == true } }
}

/// A sentence that looked like an action and was not taken.
public struct Rejection: Sendable, Hashable {
    public var line: Int
    public var quote: String
    public var reason: String

    public init(line: Int, quote: String, reason: String) {
        self.line = line
        self.quote = quote
        self.reason = reason
    }
}
