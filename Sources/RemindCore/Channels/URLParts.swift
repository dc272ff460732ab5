import Foundation

/// Just enough URL parsing to check a scheme and host without Foundation's lenience.
public struct URLParts: Sendable {
    public var scheme: String
    public var host: String
    public var hasUserInfo: Bool

    public init?(_ s: String) {
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
    public static func redact(_ s: String) -> String {
        var out = s
        if let sep = out.range(of: "://"), let at = out[sep.upperBound...].firstIndex(of: "@"),
           !out[sep.upperBound..<at].contains("/") {
            out.replaceSubrange(sep.upperBound..<out.index(after: at), with: "***@")
        }
        if let q = out.firstIndex(of: "?") { out = String(out[..<q]) + "?…" }
        return out
    }
}
