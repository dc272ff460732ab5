import Foundation

/// One person's deadlines as a calendar (`remindd calendar PERSON`): every item they own or
/// are named `with` on that is not done and has a deadline now, in config order. Waiting and
/// undated items have no date to show; snoozed ones still have their deadline.
public struct CalendarFeed: Sendable {
    public var person: String
    public var events: [CalendarEvent]

    /// - Parameter revisions: the store's calendar revisions by item id; a deadline that
    ///   moved since its revision gets the next one's SEQUENCE.
    public init(config: Config, state: PlanState, person: String, revisions: [String: CalendarRevision] = [:]) {
        self.person = person
        let planner = Planner(config: config)
        events = config.items.compactMap { item -> CalendarEvent? in
            guard item.owner == person || item.with.contains(person) else { return nil }
            guard state.items[item.id]?.done != true else { return nil }
            guard let deadline = planner.deadline(of: item, state: state).instant else { return nil }
            let sequence = CalendarRevision.next(deadline: deadline, after: revisions[item.id]).sequence
            return CalendarEvent(item: item, deadline: deadline, config: config, sequence: sequence)
        }
    }

    /// The iCalendar object, named `remindd: <person's name>`.
    public func document(config: Config, now: Date) -> String {
        ICalendarWriter.document(events, now: now, name: "remindd: \(config.people[person]?.displayName ?? person)")
    }
}
