import Foundation

extension ConfigDraft {
    static let smtpKeys = ["type", "url", "from", "username", "password_file", "password_env", "tls", "ca_file",
                           "timeout", "connect_timeout"]
    static let webhookKeys = ["type", "url", "format", "secret_file", "secret_env", "ca_file", "timeout", "connect_timeout"]
    static let maildirKeys = ["type", "path", "from"]

    func readChannels(_ n: YAMLNode, _ r: YAMLReader) {
        for (name, key, value) in r.entries(n, "channels") {
            guard Self.isName(name) else {
                r.error("channel name '\(name)' may hold only letters, digits, '-', '_' and '.'", at: key)
                continue
            }
            guard define("channel", name, at: r.location(key)) else { continue }
            guard case .mapping = value else {
                r.error("channel '\(name)' must be a mapping with a type", at: value)
                continue
            }
            let typeNode = r.mapping(value, "channel '\(name)'", allowed: [])?["type"]
            guard let tn = typeNode, let type = r.string(tn.value, "channels.\(name).type") else {
                r.error("channel '\(name)' needs a type: smtp, webhook or maildir", at: value)
                continue
            }
            let c: ChannelConfig?
            switch type {
            case "smtp": c = readSMTP(name, value, r)
            case "webhook": c = readWebhook(name, value, r)
            case "maildir": c = readMaildir(name, value, r)
            default:
                r.error("channel type must be smtp, webhook or maildir, found '\(type)'", at: tn.value)
                c = nil
            }
            if let c {
                channels[name] = c
                channelOrder.append(name)
                // Where each key stands, for errors found after parsing (a secret file that
                // cannot be read, a maildir that cannot be made).
                keyLocations["channels.\(name)"] = r.location(key)
                if case .mapping(let pairs) = value {
                    for p in pairs.pairs { if let k = p.key.string { keyLocations["channels.\(name).\(k)"] = r.location(p.value) } }
                }
            }
        }
    }

    func timeouts(_ m: YAMLFields, _ what: String, _ r: YAMLReader) -> (Double?, Double?) {
        func secs(_ k: String) -> Double? {
            guard let v = m[k]?.value, let d = r.duration(v, "\(what).\(k)") else { return nil }
            guard let s = d.seconds, s > 0 else {
                r.error("\(what).\(k) must be a positive duration in s, m or h", at: v)
                return nil
            }
            return Double(s)
        }
        return (secs("connect_timeout"), secs("timeout"))
    }

    func readSMTP(_ name: String, _ node: YAMLNode, _ r: YAMLReader) -> ChannelConfig? {
        let what = "channels.\(name)"
        if case .mapping(let mm) = node, let pw = mm.first(where: { $0.key.string == "password" }) {
            r.error("\(what): an inline password is not allowed; use password_file or password_env", at: pw.key)
        }
        // `password` was reported just above; listing it again as an unknown key adds nothing.
        guard let m = r.mapping(node, "smtp channel '\(name)'", allowed: Self.smtpKeys, reported: ["password"]) else { return nil }
        var ok = true
        var url = "", host = ""
        if let u = m["url"]?.value, let s = r.line(u, "\(what).url") {
            if let parsed = URLParts(s), parsed.scheme == "smtp" || parsed.scheme == "smtps" {
                url = s
                host = parsed.host
                if parsed.hasUserInfo {
                    r.error("\(what).url must not hold credentials; use username and password_file", at: u)
                    ok = false
                }
            } else {
                r.error("\(what).url must be smtp://host[:port] (STARTTLS) or smtps://host[:port] (TLS), found '\(URLParts.redact(s))'", at: u)
                ok = false
            }
        } else if m["url"] == nil { r.error("smtp channel '\(name)' needs a url", at: node); ok = false }
        var fromAddress = "", fromName: String?
        if let f = m["from"]?.value, let s = r.line(f, "\(what).from") {
            if let mb = EmailAddress.parseMailbox(s) { fromAddress = mb.address; fromName = mb.name } else {
                r.error("\(what).from is not an address: '\(s)' (use addr@example.org or \"Name <addr@example.org>\")", at: f)
                ok = false
            }
        } else if m["from"] == nil { r.error("smtp channel '\(name)' needs from: (the sender address)", at: node); ok = false }
        let username = m["username"].flatMap { r.line($0.value, "\(what).username") }
        let pwFile = m["password_file"].flatMap { r.line($0.value, "\(what).password_file") }.map { resolve($0, relativeTo: r.file) }
        let pwEnv = m["password_env"].flatMap { r.line($0.value, "\(what).password_env") }
        if pwFile != nil && pwEnv != nil, let n = m["password_env"]?.key {
            r.error("\(what): give password_file or password_env, not both", at: n)
        }
        var tls = TLSMode.required
        if let t = m["tls"]?.value, let s = r.string(t, "\(what).tls") {
            if let mode = TLSMode(rawValue: s) { tls = mode } else {
                r.error("\(what).tls must be required or none, found '\(s)'", at: t)
            }
            if tls == .none && !Loopback.isLoopbackHost(host) && !host.isEmpty {
                r.error("\(what).tls: none is accepted only for a loopback host (127.0.0.1, ::1, localhost), not '\(host)'", at: t)
                ok = false
            }
            if tls == .none && url.hasPrefix("smtps:") {
                r.error("\(what).tls: none contradicts smtps://", at: t)
            }
        }
        let ca = m["ca_file"].flatMap { r.line($0.value, "\(what).ca_file") }.map { resolve($0, relativeTo: r.file) }
        let (ct, tt) = timeouts(m, what, r)
        guard ok else { return nil }
        return .smtp(SMTPChannelConfig(name: name, url: url, host: host, fromAddress: fromAddress, fromName: fromName,
                                       username: username, passwordFile: pwFile, passwordEnv: pwEnv, tls: tls,
                                       caFile: ca, connectTimeout: ct ?? 10, timeout: tt ?? 60))
    }

    func readWebhook(_ name: String, _ node: YAMLNode, _ r: YAMLReader) -> ChannelConfig? {
        let what = "channels.\(name)"
        guard let m = r.mapping(node, "webhook channel '\(name)'", allowed: Self.webhookKeys) else { return nil }
        var url = ""
        if let u = m["url"]?.value, let s = r.line(u, "\(what).url") {
            guard let p = URLParts(s), p.scheme == "http" || p.scheme == "https", !p.host.isEmpty else {
                r.error("\(what).url must be an http:// or https:// URL, found '\(URLParts.redact(s))'", at: u)
                return nil
            }
            url = s
        } else {
            if m["url"] == nil { r.error("webhook channel '\(name)' needs a url", at: node) }
            return nil
        }
        var format = WebhookFormat.json
        if let f = m["format"]?.value, let s = r.string(f, "\(what).format") {
            if let v = WebhookFormat(rawValue: s) { format = v } else {
                r.error("\(what).format must be one of \(WebhookFormat.allCases.map(\.rawValue).joined(separator: ", ")), found '\(s)'", at: f)
            }
        }
        let secret = m["secret_file"].flatMap { r.line($0.value, "\(what).secret_file") }.map { resolve($0, relativeTo: r.file) }
        let secretEnv = m["secret_env"].flatMap { r.line($0.value, "\(what).secret_env") }
        let ca = m["ca_file"].flatMap { r.line($0.value, "\(what).ca_file") }.map { resolve($0, relativeTo: r.file) }
        let (ct, tt) = timeouts(m, what, r)
        return .webhook(WebhookChannelConfig(name: name, url: url, format: format, secretFile: secret, secretEnv: secretEnv,
                                             caFile: ca, connectTimeout: ct ?? 10, timeout: tt ?? 30))
    }

    func readMaildir(_ name: String, _ node: YAMLNode, _ r: YAMLReader) -> ChannelConfig? {
        let what = "channels.\(name)"
        guard let m = r.mapping(node, "maildir channel '\(name)'", allowed: Self.maildirKeys) else { return nil }
        guard let p = m["path"]?.value, let path = r.line(p, "\(what).path") else {
            if m["path"] == nil { r.error("maildir channel '\(name)' needs a path", at: node) }
            return nil
        }
        var c = MaildirChannelConfig(name: name, path: resolve(path, relativeTo: r.file))
        if let f = m["from"]?.value, let s = r.line(f, "\(what).from") {
            if let mb = EmailAddress.parseMailbox(s) { c.fromAddress = mb.address; c.fromName = mb.name } else {
                r.error("\(what).from is not an address: '\(s)'", at: f)
            }
        }
        return .maildir(c)
    }

    static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }

    func readPeople(_ n: YAMLNode, _ r: YAMLReader) {
        for (id, key, value) in r.entries(n, "people") {
            guard Self.isName(id) else {
                r.error("person id '\(id)' may hold only letters, digits, '-', '_' and '.'", at: key)
                continue
            }
            guard define("person", id, at: r.location(key)) else { continue }
            var p = Person(id: id)
            if case .scalar = value, let s = r.line(value, "people.\(id)") {
                // Shorthand: `chair: voorzitter@example.org`.
                if EmailAddress.isValid(s) { p.emails = [s] } else {
                    r.error("people.\(id): '\(s)' is not an e-mail address", at: value)
                }
                people[id] = p
                continue
            }
            guard let m = r.mapping(value, "person '\(id)'", allowed: ["name", "email", "channels"]) else { continue }
            p.name = m["name"].flatMap { r.line($0.value, "people.\(id).name") }
            if let e = m["email"] {
                for (addr, node) in r.stringList(e.value, "people.\(id).email") ?? [] {
                    if EmailAddress.isValid(addr) { p.emails.append(addr) } else {
                        r.error("people.\(id).email: '\(addr)' is not an e-mail address", at: node)
                    }
                }
            }
            if let c = m["channels"] {
                p.channels = []
                for (name, node) in r.stringList(c.value, "people.\(id).channels") ?? [] {
                    p.channels?.append(name)
                    refer(.channel, name, node, r, "people.\(id).channels")
                }
            }
            people[id] = p
        }
    }
}

/// Just enough URL parsing to check a scheme and host without Foundation's lenience.
struct URLParts {
    var scheme: String
    var host: String
    var hasUserInfo: Bool

    init?(_ s: String) {
        guard let sep = s.range(of: "://") else { return nil }
        scheme = s[..<sep.lowerBound].lowercased()
        var rest = s[sep.upperBound...]
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<slash] }
        hasUserInfo = rest.contains("@")
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = String(rest[rest.index(after: rest.startIndex)..<close])
        } else {
            host = String(rest.split(separator: ":", maxSplits: 1).first ?? "")
        }
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0 == "+" }) else { return nil }
        if s.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" || $0 == "\0" }) { return nil }
    }

    /// A URL fit for an error message: no credentials, no query (tokens live there).
    static func redact(_ s: String) -> String {
        var out = s
        if let sep = out.range(of: "://"), let at = out[sep.upperBound...].firstIndex(of: "@"),
           !out[sep.upperBound..<at].contains("/") {
            out.replaceSubrange(sep.upperBound..<out.index(after: at), with: "***@")
        }
        if let q = out.firstIndex(of: "?") { out = String(out[..<q]) + "?…" }
        return out
    }
}
