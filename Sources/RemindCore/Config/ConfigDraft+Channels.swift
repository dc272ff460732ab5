import Foundation

extension ConfigDraft {
    /// Keys every channel has; the rest are its kind's (`ChannelKind.keys`).
    static let channelKeys = ["type"]
    static let personKeys = ["name", "email", "channels"]

    /// Each channel's section is checked by its kind (`kinds`, registered by the delivery
    /// layer) and kept whole; the values must be single lines.
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
                r.error("channel '\(name)' needs a type: \(kinds.typeList)", at: value)
                continue
            }
            guard let kind = kinds[type] else {
                r.error("channel type must be \(kinds.typeList), found '\(type)'", at: tn.value)
                continue
            }
            guard let m = r.mapping(value, "\(type) channel '\(name)'", allowed: Self.channelKeys + kind.keys,
                                    reported: kind.refusedKeys) else { continue }
            var fields: [String: ChannelSection.Field] = [:]
            var ok = true
            if case .mapping(let pairs) = value {
                for p in pairs.pairs {
                    guard let k = p.key.string, kind.refusedKeys.contains(k), let at = r.location(p.key) else { continue }
                    fields[k] = ChannelSection.Field(text: "", at: at)
                }
            }
            for (k, _, v) in m.fields where k != "type" {
                guard let text = r.line(v, "channels.\(name).\(k)"), let at = r.location(v) else { ok = false; continue }
                fields[k] = ChannelSection.Field(text: text, at: at)
            }
            guard let nameAt = r.location(key), let at = r.location(value) else { continue }
            let section = ChannelSection(name: name, type: type, nameAt: nameAt, at: at, fields: fields, file: r.file)
            // A value that is not one line was reported; the kind would call it missing.
            guard ok else { continue }
            let problems = kind.check(section)
            r.absorb(problems)
            guard problems.isEmpty else { continue }
            channels[name] = section
            channelOrder.append(name)
        }
    }

    static func isName(_ s: String) -> Bool {
        // ASCII letters and digits are whole characters; any other byte is not allowed.
        !s.isEmpty && s.utf8.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
        }
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
            guard let m = r.mapping(value, "person '\(id)'", allowed: Self.personKeys) else { continue }
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

