import Foundation

/// Header text as mail servers and readers want it: RFC 2047 encoded-words for anything
/// that is not plain ASCII, folded so no line passes 78 characters, and no way for a title
/// or a name from the config or the minutes to start a header of its own.
enum MailHeader {
    static let lineLimit = 78
    /// UTF-8 bytes per encoded-word: 36 bytes are 48 base64 characters, so a word is 60
    /// characters and fits on the first line after `Subject: ` (RFC 2047's limit is 75).
    static let bytesPerWord = 36

    /// CR, LF, NUL and the other C0/C1 controls become spaces: text stays readable, and
    /// nothing can end the header line.
    static func sanitize(_ s: String) -> String {
        guard hasControls(s) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            out.append(v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) ? " " : u)
        }
        return String(out)
    }

    /// Whether `sanitize` has anything to replace: a C0 control or DEL (one byte in UTF-8)
    /// or a C1 control (U+0080…U+009F: 0xC2 then 0x80…0x9F).
    static func hasControls(_ s: String) -> Bool {
        var previous: UInt8 = 0
        for b in s.utf8 {
            if b < 0x20 || b == 0x7F || (previous == 0xC2 && b <= 0x9F && b >= 0x80) { return true }
            previous = b
        }
        return false
    }

    /// `Subject: …` — unstructured text, encoded when it is not plain ASCII.
    static func unstructured(_ name: String, _ value: String) -> String {
        let text = sanitize(value)
        // A word too long to fold would make a line past RFC 5322's 998 octets: as
        // encoded-words it can be split anywhere.
        if needsEncoding(text) || text.split(separator: " ").contains(where: { $0.utf8.count > lineLimit - name.count - 2 }) {
            return fold(name, encodedWords(text))
        }
        return fold(name, text.split(separator: " ").map(String.init))
    }

    /// `To: "Name" <a@b>, =?UTF-8?B?…?= <c@d>` — addresses must already be checked.
    static func addressList(_ name: String, _ boxes: [Mailbox]) -> String {
        var tokens: [String] = []
        for (i, box) in boxes.enumerated() {
            var t = phrase(box.name) + ["<\(box.address)>"]
            if i < boxes.count - 1 { t[t.count - 1] += "," }
            tokens += t
        }
        return fold(name, tokens)
    }

    /// A display name as a quoted string, or as encoded-words when it is not short ASCII.
    static func phrase(_ name: String?) -> [String] {
        guard let raw = name else { return [] }
        let text = sanitize(raw).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        if needsEncoding(text) || text.utf8.count > 60 { return encodedWords(text) }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"\(escaped)\""]
    }

    /// Non-ASCII, or something a decoder would mistake for an encoded-word.
    static func needsEncoding(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.value > 0x7E } || s.contains("=?")
    }

    /// Base64 encoded-words of at most `bytesPerWord` UTF-8 bytes each, split between
    /// Unicode scalars so every word decodes on its own.
    static func encodedWords(_ s: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for u in s.unicodeScalars {
            let bytes = Array(String(u).utf8)
            if chunk.count + bytes.count > bytesPerWord {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }

    /// Joins tokens with single spaces, breaking the line (CRLF + space) before a token that
    /// would pass the limit. Whitespace between encoded-words is not part of the text, so
    /// breaking there changes nothing for the reader.
    static func fold(_ name: String, _ tokens: [String]) -> String {
        var out = "\(name):"
        var lineLength = out.count
        for t in tokens where !t.isEmpty {
            if lineLength + 1 + t.count > lineLimit && lineLength > name.count + 1 {
                out += "\r\n \(t)"
                lineLength = 1 + t.count
            } else {
                out += " \(t)"
                lineLength += 1 + t.count
            }
        }
        return out
    }
}

/// A display name and an address that has passed `Address.check`.
struct Mailbox: Equatable, Sendable {
    var name: String?
    var address: String
}
