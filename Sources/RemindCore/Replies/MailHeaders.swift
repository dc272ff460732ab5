/// The header fields of a message or of one MIME part, unfolded, in their order, looked
/// up by name without regard to case (RFC 5322 §2.2, §2.2.3).
///
/// Values stay bytes until asked for: most fields of a reply are never looked at, and a
/// header with raw 8-bit text (RFC 6532, or a mailer that ignores the rules) is read as
/// UTF-8 when it is valid and as Windows-1252 when not.
public struct MailHeaders: Sendable {
    public struct Field: Sendable {
        /// Lowercased.
        public var name: String
        /// Unfolded (line breaks before white space removed), trimmed, not yet decoded.
        public var raw: ArraySlice<UInt8>

        public var text: String { Charset.decodeUndeclared(raw) }
    }

    public var fields: [Field]

    /// More fields than this are not kept: a part's headers are a handful, and a message
    /// that is all headers is read as far as this.
    public static let maxFields = 1_000

    public init(fields: [Field]) {
        self.fields = fields
    }

    /// The first field named `name` (any case), as text.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name == key }?.text
    }

    /// Every field named `name`, in order.
    public func all(_ name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name == key }.map(\.text)
    }

    public func contains(_ name: String) -> Bool {
        let key = name.lowercased()
        return fields.contains { $0.name == key }
    }

    /// Splits `bytes` into its header fields and its body: the headers end at the first
    /// empty line (CRLF or a bare LF). Without one, everything is headers and the body is
    /// empty. A line that is neither a field nor a continuation (an mbox `From ` line,
    /// garbage) is skipped.
    public static func parse(_ bytes: ArraySlice<UInt8>) -> (headers: MailHeaders, body: ArraySlice<UInt8>) {
        var fields: [Field] = []
        var i = bytes.startIndex
        let end = bytes.endIndex
        var bodyStart = end
        // The field being read: where its name ends and its value starts; its unfolded value.
        var current: (name: String, value: [UInt8])?
        func finish() {
            if let c = current, fields.count < maxFields {
                fields.append(Field(name: c.name, raw: trimmed(c.value[...])))
            }
            current = nil
        }
        while i < end {
            var lineEnd = i
            while lineEnd < end && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            var contentEnd = lineEnd
            if contentEnd > i && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = bytes[i..<contentEnd]
            if line.isEmpty {
                bodyStart = next
                break
            }
            let first = line[line.startIndex]
            if first == 0x20 || first == 0x09 {
                if current != nil, (current?.value.count ?? 0) < 100_000 { current?.value += line }
            } else {
                finish()
                if let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                   line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
                    let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
                    current = (name, Array(line[(colon + 1)...]))
                }
            }
            i = next
        }
        finish()
        return (MailHeaders(fields: fields), bytes[bodyStart..<end])
    }

    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var a = s.startIndex, b = s.endIndex
        while a < b && (s[a] == 0x20 || s[a] == 0x09) { a += 1 }
        while b > a && (s[b - 1] == 0x20 || s[b - 1] == 0x09 || s[b - 1] == 0x0D) { b -= 1 }
        return s[a..<b]
    }
}
