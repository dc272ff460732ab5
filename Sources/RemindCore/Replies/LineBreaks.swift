/// CRLF and bare CR made LF, once, before any line of a reply is looked at: a Swift
/// `Character` holds CRLF as one, so splitting at "\n" alone would miss every line of a
/// message that arrived with CRLF.
enum LineBreaks {
    static func normalized(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for b in text.utf8 {
            if b == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if b == 0x0A && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
