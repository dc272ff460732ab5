import Foundation

/// Where an item stands, for `remindd status`.
public struct ItemStatus: Sendable {
    public enum State: String, Sendable, CaseIterable {
        case open, waiting, overdue, snoozed, done
    }

    public var item: Item
    public var state: State
    public var deadline: Date?
    public var waitingFor: String?
    public var snoozedUntil: Date?
    public var doneAt: Date?
    public var next: Reminder?

    /// Every item's status at `now`, in config order; `next` looks a year ahead.
    public static func all(config: Config, state: PlanState, now: Date) -> [ItemStatus] {
        let planner = Planner(config: config)
        return config.items.map { of($0, planner: planner, state: state, now: now) }
    }

    /// One item's status at `now`.
    public static func of(_ item: Item, config: Config, state: PlanState, now: Date) -> ItemStatus {
        of(item, planner: Planner(config: config), state: state, now: now)
    }

    static func of(_ item: Item, planner: Planner, state: PlanState, now: Date) -> ItemStatus {
        let st = state.items[item.id] ?? ItemState()
        let dl = planner.deadline(of: item, state: state)
        var s = ItemStatus(item: item, state: .open, deadline: dl.instant, waitingFor: nil,
                           snoozedUntil: st.snoozedUntil, doneAt: st.doneAt, next: nil)
        if st.done {
            s.state = .done
            return s
        }
        if case .waiting(let e) = dl { s.state = .waiting; s.waitingFor = e }
        if let d = dl.instant, d < now { s.state = .overdue }
        if let until = st.snoozedUntil, until > now { s.state = .snoozed }
        s.next = planner.reminders(for: item, state: state, from: now, to: now.addingTimeInterval(366 * 86_400)).first
        return s
    }
}
