import Foundation
import RemindCore
import RemindDaemon

/// The item states and recorded events the planner starts from: the store's when a state
/// file exists (done items leave the agenda, recorded events move deadlines), else only
/// what the config says. Reading never creates a state file.
enum StateAccess {
    static func planState(config: Config) throws -> PlanState {
        var s = PlanState()
        for e in config.events.values { if let d = e.occurred { s.occurredEvents[e.id] = d } }
        let env = ProcessInfo.processInfo.environment
        guard StateStores.exists(config: config, environment: env) else { return s }
        let stored = try StateStores.open(config: config, environment: env).planState()
        s.items = stored.items
        s.occurredEvents.merge(stored.occurredEvents) { _, recorded in recorded }
        return s
    }

    /// The store's calendar revisions (none without a state file).
    static func calendarRevisions(config: Config) throws -> [String: CalendarRevision] {
        let env = ProcessInfo.processInfo.environment
        guard StateStores.exists(config: config, environment: env) else { return [:] }
        return try StateStores.open(config: config, environment: env).calendarRevisions()
    }
}
