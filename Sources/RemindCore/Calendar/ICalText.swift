/// The text rules of RFC 5545 §3.1 and §3.3.11, on UTF-8 bytes: TEXT values escaped,
/// content lines folded at 75 octets with CRLF + space, never inside a UTF-8 sequence.
///
/// Titles come from configs and from minutes that `remindd import` drafted, so they may
/// hold anything: a `;` or `,` that a reader would take as a separator, a line break that
/// would end the property, a control character that strict readers refuse. Each has one
/// rule here, so the feed and every reminder's attachment write the same bytes.
public enum ICalText {
    /// The longest content line, line break excluded (§3.1).
    public static let lineLimit = 75

    /// A TEXT value: `\` `;` `,` escaped, every line break (CRLF, CR or LF) written `\n`,
    /// other C0 controls, DEL and the C1 controls dropped; HTAB stays (§3.3.11 allows it).
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var previous: UInt8 = 0
        for b in text.utf8 {
            defer { previous = b }
            switch b {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x3B: out += [0x5C, 0x3B]
            case 0x2C: out += [0x5C, 0x2C]
            case 0x0D: out += [0x5C, 0x6E]
            case 0x0A where previous != 0x0D: out += [0x5C, 0x6E]
            case 0x0A: break
            case 0x09: out.append(b)
            case 0x00..<0x20, 0x7F: break
            // A C1 control is 0xC2 then 0x80…0x9F: drop the pair.
            case 0x80...0x9F where previous == 0xC2: out.removeLast()
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What `escape` keeps of `text`, unescaped: the text a reader gets back.
    public static func kept(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previous: Unicode.Scalar = "\0"
        for u in text.unicodeScalars {
            defer { previous = u }
            let v = u.value
            if v == 0x0D { scalars.append("\n"); continue }
            if v == 0x0A { if previous != "\r" { scalars.append("\n") }; continue }
            if v == 0x09 { scalars.append(u); continue }
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { continue }
            scalars.append(u)
        }
        return String(scalars)
    }

    /// Appends one content line (`NAME;PARAMS:value`, unfolded) folded to `lineLimit` octets,
    /// each physical line ended by CRLF. A continuation line starts with one space, which
    /// counts toward its octets; a cut moves back to the start of a UTF-8 sequence.
    public static func appendFolded(_ line: String, to out: inout [UInt8]) {
        let bytes = Array(line.utf8)
        var start = 0
        var room = lineLimit
        while bytes.count - start > room {
            var cut = start + room
            while cut > start + 1 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            out += bytes[start..<cut]
            out += [0x0D, 0x0A, 0x20]
            start = cut
            room = lineLimit - 1
        }
        out += bytes[start...]
        out += [0x0D, 0x0A]
    }
}
