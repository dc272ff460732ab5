import Foundation

extension ConfigDraft {
    static let httpKeys = ["listen", "public_url", "read_token_file", "write_token_file"]
    static let linksKeys = ["key_file", "valid_for", "snooze"]

    func readHTTP(_ n: YAMLNode, _ r: YAMLReader) {
        guard let m = r.mapping(n, "http", allowed: Self.httpKeys) else {
            return
        }
        var h = HTTPSettings()
        if let v = m["listen"]?.value, let s = r.line(v, "http.listen") {
            if let a = ListenAddress(s) { h.listen = a } else {
                r.error("http.listen must be host:port (127.0.0.1:8470, [::1]:8470) or unix:/absolute/path.sock, found '\(s)'", at: v)
            }
        }
        if let v = m["public_url"]?.value, let s = r.line(v, "http.public_url") {
            let trimmed = s.hasSuffix("/") ? String(s.dropLast()) : s
            if let p = URLParts(trimmed), p.scheme == "http" || p.scheme == "https", !p.host.isEmpty, !p.hasUserInfo,
               !trimmed.contains("?"), !trimmed.contains("#") {
                h.publicURL = trimmed
            } else {
                r.error("http.public_url must be an http:// or https:// URL without credentials, query or fragment (the base of every link), found '\(URLParts.redact(s))'", at: v)
            }
        }
        for (key, assign) in [("read_token_file", { h.readTokenFile = $0 }), ("write_token_file", { h.writeTokenFile = $0 })]
            as [(String, (String) -> Void)] {
            guard let v = m[key]?.value, let s = r.line(v, "http.\(key)") else { continue }
            assign(resolve(s, relativeTo: r.file))
            keyLocations["http.\(key)"] = r.location(v)
        }
        http = h
    }

    func readLinks(_ n: YAMLNode, _ r: YAMLReader) {
        guard let m = r.mapping(n, "links", allowed: Self.linksKeys) else { return }
        guard let kv = m["key_file"]?.value else {
            r.error("links needs key_file: the file of signing keys, one KEYID:BASE64 a line", at: n)
            return
        }
        guard let keyFile = r.line(kv, "links.key_file") else { return }
        keyLocations["links.key_file"] = r.location(kv)
        var l = LinkSettings(keyFile: resolve(keyFile, relativeTo: r.file))
        if let v = m["valid_for"]?.value, let d = r.duration(v, "links.valid_for") {
            let s = d.approximateSeconds
            if d.amount > 0, d.unit != .workdays, d.unit != .seconds, s <= 366 * 86_400 { l.validForSeconds = s } else {
                r.error("links.valid_for must be a positive duration of at most a year in m, h, d or w", at: v)
            }
        }
        if let v = m["snooze"]?.value, let list = r.list(v, "links.snooze") {
            var choices: [DurationSpec] = []
            for item in list {
                guard let d = r.duration(item, "links.snooze") else { continue }
                let s = d.approximateSeconds
                guard d.amount > 0, s >= 3600, s <= 366 * 86_400 else {
                    r.error("links.snooze: '\(d)' must be between an hour and a year", at: item)
                    continue
                }
                if choices.contains(d) { r.error("links.snooze: '\(d)' is listed twice", at: item); continue }
                choices.append(d)
            }
            if choices.count > 6 { r.error("links.snooze offers at most 6 choices, found \(choices.count)", at: v) }
            if list.isEmpty { r.error("links.snooze must list at least one duration (e.g. [2d, 1w])", at: v) }
            l.snooze = choices
        }
        links = l
    }
}
