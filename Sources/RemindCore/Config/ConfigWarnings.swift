/// Things that are allowed but probably not meant: printed by `remindd check`, never fatal.
public enum ConfigWarnings {
    public static func find(_ config: Config) -> [String] {
        let planner = Planner(config: config)
        var out: [String] = []
        for item in config.items {
            if let m = item.meeting, let series = config.meetings[m.series], !series.dates.contains(m.date) {
                let loc = item.location.map { "\($0): " } ?? ""
                out.append("\(loc)warning: item '\(item.id)': meeting series '\(m.series)' has no meeting on \(m.date) (its dates: \(series.dates.map(\.description).joined(separator: ", "))); the date still counts as the reference date")
            }
        }
        for item in config.items {
            guard case .nextMeeting(let s, _)? = item.due, case .undated = planner.deadline(of: item, state: PlanState()) else { continue }
            let series = s ?? item.meeting?.series ?? "?"
            let loc = item.location.map { "\($0): " } ?? ""
            out.append("\(loc)warning: item '\(item.id)': series '\(series)' has no meeting after \(item.referenceDate.map(\.description) ?? "?") yet; it is nudged as undated until a date is added")
        }
        // With an inbox the keys sign the Reply-To tokens: links without a public URL are meant.
        if config.links != nil && config.http?.publicURL == nil && config.inbox == nil {
            let loc = config.keyLocations["links.key_file"].map { "\($0): " } ?? ""
            out.append("\(loc)warning: links is set but http.public_url is not: reminders carry no action links until it is")
        }
        if case .tcp(let host, _)? = config.http?.listen, !Loopback.isLoopbackHost(host),
           config.http?.readTokenFile == nil && config.http?.writeTokenFile == nil {
            out.append("warning: http.listen '\(host)' is reachable from other machines and no API token is set: the API and /status answer 401 to everyone; only action links work")
        }
        return out
    }
}
