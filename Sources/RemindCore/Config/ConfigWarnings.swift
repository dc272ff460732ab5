/// Things that are allowed but probably not meant: printed by `remindd check`, never fatal.
public enum ConfigWarnings {
    public static func find(_ config: Config) -> [String] {
        let planner = Planner(config: config)
        var out: [String] = []
        for item in config.items {
            guard case .nextMeeting(let s, _)? = item.due, case .undated = planner.deadline(of: item, state: PlanState()) else { continue }
            let series = s ?? item.meeting?.series ?? "?"
            let loc = item.location.map { "\($0): " } ?? ""
            out.append("\(loc)warning: item '\(item.id)': series '\(series)' has no meeting after \(item.referenceDate.map(\.description) ?? "?") yet; it is nudged as undated until a date is added")
        }
        return out
    }
}
