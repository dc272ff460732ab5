import Foundation

/// The one place error and reply text is scrubbed before it reaches a log line, a result or
/// the history. libcurl messages can quote the URL, and servers can echo what they were
/// sent; a secretariat's SMTP password or a webhook token in a URL must never leak that way.
public enum Redaction {
    static let marker = "[redacted]"

    /// Removes every occurrence of `secrets` (and their base64 and percent-encoded forms, as
    /// SMTP AUTH or a URL would carry them), then URL userinfo and query strings.
    public static func redact(_ text: String, secrets: [String]) -> String {
        Redactor(secrets: secrets).redact(text)
    }

    private static let urlPattern = try! NSRegularExpression(
        pattern: #"\b([A-Za-z][A-Za-z0-9+.\-]*://)([^\s/?#@]*@)?([^\s?#]*)(\?[^\s#]*)?(#\S*)?"#)

    /// `https://user:pw@host/hook?token=x` → `https://host/hook?[redacted]`.
    static func scrubURLs(_ text: String) -> String {
        // Every match holds "://"; most replies ("250 2.0.0 Ok", "HTTP/1.1 200 OK") have none.
        guard text.utf8.count >= 3, containsSchemeSeparator(text) else { return text }
        let ns = text as NSString
        var result = ""
        var last = 0
        for m in urlPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            result += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            result += ns.substring(with: m.range(at: 1))
            result += ns.substring(with: m.range(at: 3))
            if m.range(at: 4).location != NSNotFound { result += "?" + marker }
            last = m.range.location + m.range.length
        }
        result += ns.substring(from: last)
        return result
    }

    static func containsSchemeSeparator(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for b in text.utf8 {
            if previous == (UInt8(ascii: ":"), UInt8(ascii: "/")) && b == UInt8(ascii: "/") { return true }
            previous = (previous.1, b)
        }
        return false
    }
}

/// `Redaction` for one channel's fixed secrets: their encoded forms are worked out once,
/// not for every reply of every delivery.
struct Redactor: Sendable {
    /// Secrets and their base64 and percent-encoded forms, longest first, so a secret
    /// containing another is removed whole.
    let needles: [String]

    init(secrets: [String]) {
        var needles: [String] = []
        for s in secrets where !s.isEmpty {
            needles.append(s)
            if s.count >= 4 { needles.append(Data(s.utf8).base64EncodedString()) }
            let encoded = s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
            if encoded != s { needles.append(encoded) }
        }
        self.needles = needles.sorted(by: { $0.count > $1.count })
    }

    /// Removes every occurrence of the secrets, then URL userinfo and query strings.
    func redact(_ text: String) -> String {
        var out = text
        for n in needles where out.contains(n) {
            out = out.replacingOccurrences(of: n, with: Redaction.marker)
        }
        return Redaction.scrubURLs(out)
    }
}
