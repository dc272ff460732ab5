import Foundation

extension ConfigDraft {
    static let defaultsKeys = ["channels", "policy"]
    static let retryKeys = ["initial", "max", "give_up_after"]
    /// The names under `templates:`: one per kind of message, and the fallback.
    static let templateNames = ["default"] + ReminderKind.allCases.map(\.rawValue)
    static let templateKeys = ["subject", "body"]

    static let weekdayNames: [String: Int] = [
        "mon": 1, "monday": 1, "ma": 1, "maandag": 1, "tue": 2, "tuesday": 2, "di": 2, "dinsdag": 2,
        "wed": 3, "wednesday": 3, "wo": 3, "woensdag": 3, "thu": 4, "thursday": 4, "do": 4, "donderdag": 4,
        "fri": 5, "friday": 5, "vr": 5, "vrijdag": 5, "sat": 6, "saturday": 6, "za": 6, "zaterdag": 6,
        "sun": 7, "sunday": 7, "zo": 7, "zondag": 7,
    ]

    func readSettings(_ top: YAMLFields, _ r: YAMLReader) {
        if let n = top["timezone"]?.value, let name = r.line(n, "timezone") {
            // IANA names are short ASCII; anything else is refused before the zone database
            // (or a suggestion) spends time on it.
            let plausible = name.utf8.count <= 64 && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
            if plausible, let tz = TimeZone(identifier: name),
               TimeZone.knownTimeZoneIdentifiers.contains(name) || name == "UTC" || tz.identifier == name {
                timeZone = tz
                timeZoneName = name
            } else {
                let hint = YAMLReader.closest(name, in: TimeZone.knownTimeZoneIdentifiers).map { "; did you mean '\($0)'?" } ?? ""
                let shown = name.count > 64 ? String(name.prefix(64)) + "…" : name
                r.error("unknown time zone '\(shown)': use an IANA name such as Europe/Amsterdam\(hint)", at: n)
                timeZone = nil
            }
        }
        if let n = top["language"]?.value, let s = r.string(n, "language") {
            if let l = Language(rawValue: s.lowercased()) { language = l } else {
                r.error("language must be nl or en, found '\(s)'", at: n)
            }
        }
        if let n = top["workweek"]?.value { readWorkweek(n, r) }
        if let n = top["workday"]?.value, let s = r.string(n, "workday") {
            let parts = s.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, let a = LocalTime(parts[0]), let b = LocalTime(parts[1]), a < b {
                workStart = a
                workEnd = b
            } else {
                r.error("workday must look like \"09:00-17:00\" (start before end), found '\(s)'", at: n)
            }
        }
        if let n = top["holidays"]?.value, let list = r.list(n, "holidays") {
            for h in list { if let d = r.date(h, "holiday") { holidays.insert(d) } }
        }
        if let n = top["state"]?.value, let s = r.line(n, "state") {
            keyLocations["state"] = r.location(n)
            readStatePath(s, n, r)
        }
        if let n = top["channels"]?.value { readChannels(n, r) }
        if let n = top["retry"]?.value { readRetry(n, r) }
        if let n = top["http"]?.value { readHTTP(n, r) }
        if let n = top["links"]?.value { readLinks(n, r) }
        if let n = top["digests"]?.value { readDigests(n, r) }
        if let n = top["inbox"]?.value { readInbox(n, r) }
        if let n = top["store"]?.value { readStore(n, r) }
        if let n = top["catch_up"]?.value, let d = r.duration(n, "catch_up") {
            if d.amount < 0 || d.unit == .workdays || d.unit == .months {
                r.error("catch_up must be a non-negative duration in s, m, h, d or w", at: n)
            } else { catchUp = d.approximateSeconds }
        }
        if let n = top["defaults"]?.value, let m = r.mapping(n, "defaults", allowed: Self.defaultsKeys) {
            if let c = m["channels"] {
                defaultChannels = []
                defaultChannelsAt = r.location(c.value)
                for (name, node) in r.stringList(c.value, "defaults.channels") ?? [] {
                    defaultChannels?.append(name)
                    refer(.channel, name, node, r, "defaults.channels")
                }
            }
            if let p = m["policy"], let o = readPolicy(p.value, r, "defaults.policy") {
                defaultPolicy = o.merged(over: defaultPolicy)
            }
        }
        if let n = top["templates"]?.value { readTemplates(n, r) }
    }

    /// `state:` names the SQLite file every command opens: a value that cannot be a file
    /// ('', '.', 'dir/', an existing directory) is refused here rather than by the first
    /// command that opens the store.
    func readStatePath(_ s: String, _ n: YAMLNode, _ r: YAMLReader) {
        let last = s.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard !s.trimmingSpaces.isEmpty, !s.hasSuffix("/"), last != ".", last != ".." else {
            r.error("state must name the state database file (e.g. /var/lib/remindd/state.sqlite), found '\(s)'", at: n)
            return
        }
        let path = resolve(s, relativeTo: r.file)
        if files.isDirectory(path) {
            r.error("state '\(s)' is a directory; name the state database file inside it (e.g. \(s)/state.sqlite)", at: n)
            return
        }
        statePath = path
    }

    func readWorkweek(_ n: YAMLNode, _ r: YAMLReader) {
        var days = Set<Int>()
        var ok = true
        let words: [(String, YAMLNode)]
        if case .scalar(let s) = n {
            words = s.string.split(separator: ",").map { ($0.trimmingCharacters(in: .whitespaces), n) }
        } else {
            words = r.stringList(n, "workweek") ?? []
        }
        for (w, node) in words {
            let lw = w.lowercased()
            let range = lw.split(separator: "-").map(String.init)
            if range.count == 2, let a = Self.weekdayNames[range[0]], let b = Self.weekdayNames[range[1]] {
                var d = a
                while true { days.insert(d); if d == b { break }; d = d % 7 + 1 }
            } else if let d = Self.weekdayNames[lw] {
                days.insert(d)
            } else {
                r.error("workweek: '\(w)' is not a day or a range of days (e.g. mon-fri, or [mon, tue, thu])", at: node)
                ok = false
            }
        }
        if ok {
            if days.isEmpty { r.error("workweek must name at least one day", at: n) } else { workdays = days }
        }
    }

    func readRetry(_ n: YAMLNode, _ r: YAMLReader) {
        guard let m = r.mapping(n, "retry", allowed: Self.retryKeys) else { return }
        func seconds(_ key: String) -> Double? {
            guard let v = m[key]?.value, let d = r.duration(v, "retry.\(key)") else { return nil }
            if d.amount <= 0 || d.unit == .workdays || d.unit == .months {
                r.error("retry.\(key) must be a positive duration in s, m, h, d or w", at: v)
                return nil
            }
            return d.approximateSeconds
        }
        if let v = seconds("initial") { retry.initialSeconds = v }
        if let v = seconds("max") { retry.maxSeconds = v }
        if let v = seconds("give_up_after") { retry.giveUpAfterSeconds = v }
        if retry.maxSeconds < retry.initialSeconds, let v = m["max"]?.value {
            r.error("retry.max must not be shorter than retry.initial", at: v)
        }
    }

    func readTemplates(_ n: YAMLNode, _ r: YAMLReader) {
        let allowed = Self.templateNames
        for (name, key, value) in r.entries(n, "templates") {
            guard allowed.contains(name) else {
                r.error("unknown template '\(name)' (allowed: \(allowed.joined(separator: ", ")))", at: key)
                continue
            }
            guard let m = r.mapping(value, "template '\(name)'", allowed: Self.templateKeys) else { continue }
            for part in Self.templateKeys { if let n = m[part] { keyLocations["templates.\(name).\(part)"] = r.location(n.value) } }
            let subject = m["subject"].flatMap { r.line($0.value, "templates.\(name).subject") }
            let body = m["body"].flatMap { r.string($0.value, "templates.\(name).body") }
            templates[name] = MessageTemplate(subject: subject, body: body)
        }
    }
}
