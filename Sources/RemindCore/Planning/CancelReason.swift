import Foundation

/// Why a delivery that is still pending can no longer be useful, as `history --json` shows
/// it in `reason`. Such a delivery ends `cancelled` and nothing more reaches its channel.
public enum CancelReason: String, Sendable, Hashable, CaseIterable {
    /// The item was marked done.
    case done
    /// The item is snoozed until after the delivery's moment; what fell due comes once
    /// when the snooze ends.
    case snoozed
    /// The item, event, digest or channel is no longer in the config.
    case removed
    /// The awaited event was recorded: its notices have nothing left to say.
    case occurred

    /// The reason a pending delivery of `subject` (an item id, or an event name for event
    /// notices) scheduled at `scheduled` on `channel` should not go out under `config` and
    /// the recorded `state`; nil when it is still wanted.
    public static func of(subject: String, kind: ReminderKind, scheduled: Date, channel: String,
                          config: Config, state: PlanState) -> CancelReason? {
        guard config.channels[channel] != nil else { return .removed }
        if kind == .answer { return nil }  // an answer is owed whatever the item's state
        if kind == .digest {
            // A digest says what was true at its moment; only removing it ends it.
            return config.digest(subject) == nil ? .removed : nil
        }
        if kind.isEventNotice {
            guard let event = config.events[subject] else { return .removed }
            if event.occurred != nil || state.occurredEvents[subject] != nil { return .occurred }
            return nil
        }
        guard config.item(subject) != nil else { return .removed }
        if let s = state.items[subject] {
            if s.done { return .done }
            if let until = s.snoozedUntil, until > scheduled { return .snoozed }
        }
        return nil
    }
}
