import Foundation

extension DeadlineExpr {
    /// Whether the deadline names a day rather than a moment. DESIGN's time rules put a
    /// day's deadline at workday end: `2023-10-02`, `this week`, `end of month`, `in 1
    /// week`, `+3wd`, `after <event>`. In a calendar that is the whole day, not an event at
    /// 17:00. An explicit time (`2023-10-02 12:00`, ISO 8601) and `next meeting` (the
    /// meeting's time) are moments.
    public var namesADay: Bool {
        switch self {
        case .date, .thisWeek, .nextWeek, .endOfMonth, .relative, .afterEvent: true
        case .localDateTime, .instant, .nextMeeting: false
        }
    }
}

extension CalendarEvent {
    /// The event of `item` whose deadline is `deadline`: all-day on the deadline's local
    /// date when the item's `due:` names a day, else at that instant; the summary is the
    /// title, the description names the owner and the people with them, by name. `sequence`
    /// is the item's revision (`CalendarRevision`); without one, the first-calendar value.
    public init(item: Item, deadline: Date, config: Config, sequence: Int? = nil) {
        let allDay = item.due?.namesADay ?? false
        self.init(uid: Self.uid(itemID: item.id), sequence: sequence ?? Self.sequence(deadline: deadline), summary: item.title,
                  description: Self.description(of: item, config: config),
                  when: allDay ? .allDay(config.calendar.localDate(of: deadline)) : .timed(deadline))
    }

    /// `Actie van Staatssecretaris JenV, met Minister BZK.` in the config's language.
    static func description(of item: Item, config: Config) -> String {
        let name = { (id: String) in config.people[id]?.displayName ?? id }
        let with = item.with.map(name)
        switch config.language {
        case .nl:
            return "Actie van \(name(item.owner))" + (with.isEmpty ? "" : ", met \(list(with, and: "en"))") + "."
        case .en:
            return "Action for \(name(item.owner))" + (with.isEmpty ? "" : ", with \(list(with, and: "and"))") + "."
        }
    }

    private static func list(_ names: [String], and word: String) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " \(word) " + names.last!
    }
}
