/// Quoted-printable body encoding (RFC 2045 §6.7): readable in any mail source view,
/// 7-bit safe, lines at most 76 characters, and no line can look like an SMTP command.
enum QuotedPrintable {
    /// Encodes UTF-8 text; any line ending becomes CRLF.
    static func encode(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var out = ""
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            out += encodeLine(Array(line.utf8))
            if i < lines.count - 1 { out += "\r\n" }
        }
        return out
    }

    private static let hex = Array("0123456789ABCDEF")

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var out = ""
        var length = 0
        for (i, b) in bytes.enumerated() {
            let isLast = i == bytes.count - 1
            let literal: Bool
            switch b {
            case 33...60, 62...126: literal = true
            case 32, 9: literal = !isLast // trailing whitespace would be stripped in transit
            default: literal = false
            }
            func encoded(atLineStart: Bool) -> String {
                // A dot at the start of a line is encoded too, for relays that stop there.
                literal && !(b == 46 && atLineStart)
                    ? String(UnicodeScalar(b))
                    : "=" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
            var token = encoded(atLineStart: length == 0)
            // Leave room for the soft break "=" unless this is the line's last token.
            if length + token.count > (isLast ? 76 : 75) {
                out += "=\r\n"
                length = 0
                token = encoded(atLineStart: true)
            }
            out += token
            length += token.count
        }
        return out
    }
}
