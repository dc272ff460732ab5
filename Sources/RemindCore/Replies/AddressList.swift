/// The addresses of an RFC 5322 address list (`From`, `To`, `Cc`, `Delivered-To`),
/// without display names, comments or group names, lowercased: remindd compares
/// addresses without regard to case, and a display name proves nothing.
///
/// Read from the raw header, before RFC 2047 decoding: a decoded display name could hold
/// a comma or an `@` that was never syntax.
public enum AddressList {
    /// At most this many addresses are read from one field.
    public static let maxAddresses = 200

    public static func parse(_ raw: String) -> [String] {
        var result: [String] = []
        var plain = ""          // text outside quotes, comments and angle brackets
        var angle: String?      // the text between < and >, once seen
        var inAngle = false
        var quoted = false
        var escaped = false
        var commentDepth = 0
        func finish() {
            let candidate = angle.map { $0.filter { !$0.isWhitespace } }
                ?? plain.split(whereSeparator: \.isWhitespace).first { $0.contains("@") }.map(String.init) ?? ""
            if candidate.contains("@"), result.count < maxAddresses {
                var address = candidate.lowercased()
                // A source route (`<@relay:a@b>`), long obsolete, is dropped.
                if address.hasPrefix("@"), let colon = address.firstIndex(of: ":") {
                    address = String(address[address.index(after: colon)...])
                }
                // Only what still has a local part and a domain is an address.
                if let at = address.firstIndex(of: "@"), at != address.startIndex, address.index(after: at) != address.endIndex,
                   !result.contains(address) {
                    result.append(address)
                }
            }
            plain = ""
            angle = nil
        }
        for c in raw.prefix(20_000) {
            if escaped {
                escaped = false
                if inAngle { angle?.append(c) }
                continue
            }
            if c == "\\" && (quoted || commentDepth > 0) { escaped = true; continue }
            if quoted {
                if c == "\"" { quoted = false } else if inAngle { angle?.append(c) }
                continue
            }
            if commentDepth > 0 {
                if c == "(" { commentDepth += 1 } else if c == ")" { commentDepth -= 1 }
                continue
            }
            switch c {
            case "\"":
                quoted = true
            case "(":
                commentDepth = 1
            case "<":
                inAngle = true
                angle = ""
            case ">":
                inAngle = false
            case "," where !inAngle, ";" where !inAngle:
                finish()
            case ":" where !inAngle:
                // `Group name: a@b, c@d;` — what came before is the group's name.
                plain = ""
            default:
                if inAngle { angle?.append(c) } else { plain.append(c) }
            }
        }
        finish()
        return result
    }
}

/// `Message-ID`, `In-Reply-To` and `References` values: each id as `<left@right>`, with
/// the angle brackets put back where a mailer left them out and white space removed
/// inside (folding sometimes lands there).
public enum MessageIDs {
    public static let maxIDs = 100

    public static func parse(_ raw: String) -> [String] {
        var ids: [String] = []
        var current: String?
        var bare = ""
        func addBare() {
            let t = bare.trimmingSpaces
            if !t.isEmpty, t.contains("@"), !t.contains(" "), ids.count < maxIDs { ids.append("<" + t + ">") }
            bare = ""
        }
        for c in raw.prefix(20_000) {
            switch c {
            case "<":
                addBare()
                current = ""
            case ">":
                if let id = current, !id.isEmpty, ids.count < maxIDs { ids.append("<" + id + ">") }
                current = nil
            default:
                if current != nil {
                    if !c.isWhitespace { current?.append(c) }
                } else if c.isWhitespace || c == "," {
                    addBare()
                } else {
                    bare.append(c)
                }
            }
        }
        addBare()
        return ids
    }
}
