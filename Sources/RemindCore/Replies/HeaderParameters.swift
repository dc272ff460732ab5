/// A structured MIME header value: `text/plain; charset="utf-8"; format=flowed` or
/// `attachment; filename=x.pdf` (RFC 2045 §5.1, RFC 2183). The value before the first
/// `;` is lowercased; parameter names are lowercased, with an RFC 2231 section or charset
/// mark (`filename*0*`) cut off, so `name` is found however it was split.
public struct HeaderParameters: Sendable, Equatable {
    public var value: String
    public var parameters: [String: String]

    public subscript(name: String) -> String? { parameters[name] }

    public init(_ text: String) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for c in text.prefix(4_000) {
            if escaped {
                current.append(c)
                escaped = false
            } else if quoted && c == "\\" {
                escaped = true
            } else if c == "\"" {
                quoted.toggle()
            } else if c == ";" && !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        value = parts[0].trimmingSpaces.lowercased()
        var parameters: [String: String] = [:]
        for p in parts.dropFirst() {
            guard let eq = p.firstIndex(of: "=") else { continue }
            var name = p[..<eq].trimmingSpaces.lowercased()
            if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
            guard !name.isEmpty else { continue }
            let v = p[p.index(after: eq)...].trimmingSpaces
            // The first section of a name wins; the rest only matters for file names.
            if parameters[name] == nil { parameters[name] = v }
        }
        self.parameters = parameters
    }
}

/// A part's `Content-Type`, with RFC 2045's default (`text/plain`) when it is missing or
/// unreadable.
public struct ContentType: Sendable, Equatable {
    public var type: String
    public var subtype: String
    public var parameters: [String: String]

    public init(_ header: String?) {
        let p = HeaderParameters(header ?? "")
        let halves = p.value.split(separator: "/", maxSplits: 1)
        if halves.count == 2, !halves[0].isEmpty, !halves[1].isEmpty {
            type = String(halves[0]).trimmingSpaces
            subtype = String(halves[1]).trimmingSpaces
            parameters = p.parameters
        } else {
            type = "text"
            subtype = "plain"
            parameters = header == nil ? [:] : p.parameters
        }
    }

    public var isMultipart: Bool { type == "multipart" }
    public var isText: Bool { type == "text" }
    public var mediaType: String { type + "/" + subtype }
}
