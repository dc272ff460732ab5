import RemindCore

/// The item states and recorded events the planner starts from.
enum StateAccess {
    static func planState(config: Config) throws -> PlanState {
        var s = PlanState()
        for e in config.events.values { if let d = e.occurred { s.occurredEvents[e.id] = d } }
        return s
    }
}
