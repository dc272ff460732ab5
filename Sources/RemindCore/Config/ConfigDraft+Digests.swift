import Foundation

extension ConfigDraft {
    static let digestKeys = ["to", "at", "channels", "meeting", "before"]

    /// `digests:`: each entry's schedule and audience; references (people, channels, the
    /// series) are checked with the others, reach and meeting gaps in `validateDigests()`.
    func readDigests(_ n: YAMLNode, _ r: YAMLReader) {
        for (name, key, value) in r.entries(n, "digests") {
            guard Self.isName(name) else {
                r.error("digest name '\(name)' may hold only letters, digits, '-', '_' and '.'", at: key)
                continue
            }
            guard define("digest", name, at: r.location(key)),
                  let m = r.mapping(value, "digest '\(name)'", allowed: Self.digestKeys) else { continue }
            let what = "digests.\(name)"
            guard let toNode = m["to"]?.value else {
                r.error("\(what) needs to: owners, or a list of person ids", at: key)
                continue
            }
            var audience = DigestDef.Audience.owners
            if case .scalar = toNode, r.line(toNode, "\(what).to") == "owners" {
                audience = .owners
            } else if case .scalar = toNode {
                r.error("\(what).to must be owners or a list of person ids, found '\(r.line(toNode, "\(what).to") ?? "")'", at: toNode)
                continue
            } else {
                var ids: [String] = []
                for (id, node) in r.stringList(toNode, "\(what).to") ?? [] {
                    if ids.contains(id) { r.error("\(what).to names '\(id)' twice", at: node); continue }
                    ids.append(id)
                    refer(.person, id, node, r, "\(what).to")
                }
                if ids.isEmpty { r.error("\(what).to must name at least one person (or be owners)", at: toNode); continue }
                audience = .people(ids)
            }
            var channels: [String]?
            if let c = m["channels"]?.value {
                channels = []
                for (ch, node) in r.stringList(c, "\(what).channels") ?? [] {
                    channels?.append(ch)
                    refer(.channel, ch, node, r, "\(what).channels")
                }
                if channels?.isEmpty == true { r.error("\(what).channels must name at least one channel", at: c) }
            }
            let atNode = m["at"]?.value
            let at = atNode.flatMap { node -> DigestAt? in
                guard let s = r.line(node, "\(what).at") else { return nil }
                guard let parsed = DigestAt(s) else {
                    r.error("\(what).at must be a time (\"08:30\", daily) or a weekday and a time (\"mon 08:30\", weekly), found '\(s)'", at: node)
                    return nil
                }
                return parsed
            }
            if atNode != nil && at == nil { continue }
            let schedule: DigestDef.Schedule
            if let meetingNode = m["meeting"]?.value {
                guard let series = r.line(meetingNode, "\(what).meeting") else { continue }
                refer(.series, series, meetingNode, r, "\(what).meeting")
                guard let beforeNode = m["before"]?.value else {
                    r.error("\(what) needs before: how long before each meeting it goes out (2wd, 3d, 2h)", at: key)
                    continue
                }
                guard let lead = r.duration(beforeNode, "\(what).before") else { continue }
                guard lead.amount >= 0, lead.unit != .months else {
                    r.error("\(what).before must be a non-negative duration in s, m, h, d, wd or w", at: beforeNode)
                    continue
                }
                if let at, at.weekday != nil {
                    r.error("\(what).at of a meeting digest is a time of day (\"09:00\"), not a weekday", at: atNode)
                    continue
                }
                schedule = .beforeMeeting(series: series, lead: lead, at: at?.time)
                digestGaps.append((name, series, lead, r.location(beforeNode)))
            } else {
                if let b = m["before"] {
                    r.error("\(what).before needs meeting: the series whose meetings it precedes", at: b.key)
                    continue
                }
                guard let at else {
                    r.error("\(what) needs at: \"mon 08:30\" (weekly) or \"08:30\" (daily), or meeting: and before:", at: key)
                    continue
                }
                schedule = at.weekday.map { .weekly(weekday: $0, at.time) } ?? .daily(at.time)
            }
            digests.append(DigestDef(name: name, to: audience, schedule: schedule, channels: channels))
            digestAt[name] = r.location(toNode)
        }
    }

    /// After every file is read: each person a digest names can be reached on its channels,
    /// and a meeting digest's lead is shorter than the gap between two meetings.
    func validateDigests() {
        for d in digests {
            let loc = digestAt[d.name]
            let people: [String]
            switch d.to {
            case .people(let ids): people = ids
            case .owners:
                // Owners are reached for their items already; only the digest's own channels
                // can leave one out.
                guard d.channels != nil else { continue }
                var seen = Set<String>()
                people = items.flatMap { [$0.owner] + $0.with }.filter { seen.insert($0).inserted }
            }
            for id in people {
                guard let p = self.people[id] else { continue }
                let chans = d.channels ?? p.channels ?? defaultChannels ?? []
                if chans.isEmpty {
                    fail("no channel reaches '\(id)' for digest '\(d.name)': set its channels, the person's channels or defaults.channels", at: loc)
                    continue
                }
                for c in chans {
                    if let type = channels[c]?.type, kinds[type]?.reachesPeopleByEmail == true, p.emails.isEmpty {
                        fail("'\(id)' gets digest '\(d.name)' through mail channel '\(c)' but has no email", at: loc)
                    }
                }
            }
        }
        for (name, series, lead, loc) in digestGaps {
            guard let dates = meetings[series]?.dates, dates.count > 1 else { continue }
            let gap = zip(dates, dates.dropFirst()).map { $1.dayNumber - $0.dayNumber }.min() ?? Int.max
            let leadDays: Double = switch lead.unit {
            case .workdays: Double(lead.amount) * 7 / 5
            default: lead.approximateSeconds / 86_400
            }
            if leadDays >= Double(gap) {
                fail("digests.\(name).before: \(lead) is not shorter than the \(gap) days between two meetings of '\(series)'; the digest would go out before the previous meeting", at: loc)
            }
        }
    }
}

/// The `at:` of a digest: a local time, with a weekday for a weekly one.
struct DigestAt {
    var weekday: Int?
    var time: LocalTime

    /// `08:30`, `mon 08:30`, `maandag 8:30`, `Mon 08:30`.
    init?(_ text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 1 || parts.count == 2, let t = LocalTime(String(parts.last!)) else { return nil }
        time = t
        if parts.count == 2 {
            guard let w = Self.weekdays[parts[0].lowercased()] else { return nil }
            weekday = w
        }
    }

    static let weekdays: [String: Int] = {
        var m: [String: Int] = [:]
        let names = [["mon", "monday", "ma", "maandag"], ["tue", "tuesday", "di", "dinsdag"],
                     ["wed", "wednesday", "wo", "woensdag"], ["thu", "thursday", "do", "donderdag"],
                     ["fri", "friday", "vr", "vrijdag"], ["sat", "saturday", "za", "zaterdag"],
                     ["sun", "sunday", "zo", "zondag"]]
        for (i, words) in names.enumerated() { for w in words { m[w] = i + 1 } }
        return m
    }()
}
