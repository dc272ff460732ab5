import Foundation
import RemindCore

/// A change to item state or events, as the commands ask for it and as it travels over the
/// control socket (one line). Whoever applies it — the daemon, or the command itself when
/// no daemon runs — does the same store write.
public enum StateChange: Sendable, Equatable {
    case done(String)
    case reopen(String)
    case snooze(String, until: Date)
    case event(String, occurred: LocalDate)

    /// `done ID`, `reopen ID`, `snooze ID UNIX-SECONDS`, `event NAME YYYY-MM-DD`.
    public var line: String {
        switch self {
        case .done(let id): return "done \(id)"
        case .reopen(let id): return "reopen \(id)"
        case .snooze(let id, let until): return "snooze \(id) \(until.timeIntervalSince1970)"
        case .event(let name, let day): return "event \(name) \(day)"
        }
    }

    public init?(line: String) {
        let w = line.split(separator: " ").map(String.init)
        switch (w.first, w.count) {
        case ("done", 2): self = .done(w[1])
        case ("reopen", 2): self = .reopen(w[1])
        case ("snooze", 3):
            guard let t = Double(w[2]) else { return nil }
            self = .snooze(w[1], until: Date(timeIntervalSince1970: t))
        case ("event", 3):
            guard let d = LocalDate(w[2]) else { return nil }
            self = .event(w[1], occurred: d)
        default: return nil
        }
    }

    /// Writes the change with who asked for it, then cancels the pending deliveries it makes useless (an item
    /// done or snoozed past them, an event's notices once it occurred).
    /// - Returns: the deliveries cancelled.
    @discardableResult
    public func apply(to store: any StateStore, config: Config, at now: Date,
                      source: ActionSource = .cli) throws -> [(key: String, reason: CancelReason)] {
        switch self {
        case .done(let id): try store.setDone(id, at: now, source: source)
        case .reopen(let id): try store.reopen(id, at: now, source: source)
        case .snooze(let id, let until): try store.snooze(id, until: until, at: now, source: source)
        case .event(let name, let day): try store.recordEvent(name, occurred: day, at: now, source: source)
        }
        DaemonMetrics.action(source: source, action: String(line.prefix { $0 != " " }))
        return try store.cancelUnwanted(config: config, now: now)
    }

    /// The event this change records, whose notices it can end.
    public var event: String? {
        if case .event(let name, _) = self { return name }
        return nil
    }

    /// The items whose reminders this change can move.
    public func affectedItems(_ config: Config) -> [String] {
        switch self {
        case .done(let id), .reopen(let id), .snooze(let id, _): return [id]
        case .event(let name, _): return config.items.filter { $0.due?.eventName == name }.map(\.id)
        }
    }
}
