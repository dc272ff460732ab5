import Foundation

/// What the secretariat changed about an item after the config was written.
public struct ItemState: Sendable, Hashable {
    public var done: Bool
    /// When the item was marked done (for listings).
    public var doneAt: Date?
    /// No reminder before this instant.
    public var snoozedUntil: Date?
    /// When the snooze was asked for: what fell due between then and its end comes once
    /// when it ends.
    public var snoozedAt: Date?

    public init(done: Bool = false, doneAt: Date? = nil, snoozedUntil: Date? = nil, snoozedAt: Date? = nil) {
        self.done = done
        self.doneAt = doneAt
        self.snoozedUntil = snoozedUntil
        self.snoozedAt = snoozedAt
    }
}

/// The planner's view of the store: item states and recorded events. Plain values, so the
/// planner stays pure and tests build states by hand.
public struct PlanState: Sendable, Hashable {
    public var items: [String: ItemState]
    /// Event name → the local day it occurred (overrides `occurred:` in the config).
    public var occurredEvents: [String: LocalDate]

    public init(items: [String: ItemState] = [:], occurredEvents: [String: LocalDate] = [:]) {
        self.items = items
        self.occurredEvents = occurredEvents
    }
}
