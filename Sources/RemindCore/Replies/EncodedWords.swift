/// RFC 2047 encoded-words in header text (`=?utf-8?Q?Re:_Herinnering?=`, `=?ISO-8859-1?B?…?=`).
///
/// Adjacent encoded-words of one charset are joined before decoding, so a character split
/// between two words (as mailers do at the 75-character limit) comes out whole; the space
/// between two encoded-words is dropped, as the RFC says. A word in a charset `Charset`
/// does not know, or with broken base64, is left as written.
public enum EncodedWords {
    public static func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, contains(bytes, UInt8(ascii: "="), UInt8(ascii: "?")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        // The bytes of the encoded-words just met, in one charset; white space after them,
        // kept only if plain text follows.
        var pending: (charset: Charset, bytes: [UInt8])?
        var gap: [UInt8] = []
        func flush() {
            if let p = pending { out += Array(p.charset.decode(p.bytes).utf8) }
            pending = nil
        }
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "?"),
               let word = parseWord(bytes, at: i) {
                if let p = pending, p.charset == word.charset {
                    pending?.bytes += word.bytes
                } else {
                    flush()
                    pending = (word.charset, word.bytes)
                }
                gap = []
                i = word.end
                continue
            }
            if pending != nil {
                if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A {
                    gap.append(c)
                } else {
                    flush()
                    out += gap
                    gap = []
                    out.append(c)
                }
            } else {
                out.append(c)
            }
            i += 1
        }
        flush()
        out += gap
        return String(decoding: out, as: UTF8.self)
    }

    static func contains(_ bytes: [UInt8], _ a: UInt8, _ b: UInt8) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == a && bytes[i + 1] == b { return true }
            i += 1
        }
        return false
    }

    /// `=?charset?B|Q?text?=` starting at `start`: its charset, its decoded bytes and where
    /// it ends. The encoded text holds no white space and no `?`, so the scan stops early.
    static func parseWord(_ b: [UInt8], at start: Int) -> (charset: Charset, bytes: [UInt8], end: Int)? {
        var i = start + 2
        let nameStart = i
        while i < b.count && b[i] != UInt8(ascii: "?") && i - nameStart < 64 && b[i] > 0x20 { i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "?"), i > nameStart else { return nil }
        var name = b[nameStart..<i]
        // RFC 2231 adds a language: `utf-8*nl`.
        if let star = name.firstIndex(of: UInt8(ascii: "*")) { name = name[..<star] }
        guard i + 2 < b.count, b[i + 2] == UInt8(ascii: "?") else { return nil }
        let encoding = b[i + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        i += 3
        let textStart = i
        while i < b.count && b[i] != UInt8(ascii: "?") && b[i] > 0x20 && b[i] < 0x7F { i += 1 }
        guard i + 1 < b.count, b[i] == UInt8(ascii: "?"), b[i + 1] == UInt8(ascii: "=") else { return nil }
        guard let charset = Charset(name: String(decoding: name, as: UTF8.self)) else { return nil }
        let text = b[textStart..<i]
        let decoded: [UInt8]
        if encoding == UInt8(ascii: "b") {
            guard let d = TransferEncoding.base64(text, limit: Int.max) else { return nil }
            decoded = d
        } else {
            decoded = TransferEncoding.quotedPrintable(ArraySlice(text.map { $0 == UInt8(ascii: "_") ? 0x20 : $0 }), limit: Int.max)
        }
        return (charset, decoded, i + 2)
    }
}
