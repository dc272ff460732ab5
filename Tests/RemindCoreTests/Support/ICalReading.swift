import Foundation

/// A reader for what the calendar writer makes, written from RFC 5545 and not from the
/// writer: unfold (a CRLF followed by a space or tab is removed), then unescape TEXT.
enum ICalReading {
    /// The physical lines, CRLF removed; nil when a line end is not CRLF.
    static func physicalLines(_ bytes: [UInt8]) -> [[UInt8]]? {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else { return nil }
                lines.append(current)
                current = []
                i += 2
                continue
            }
            if bytes[i] == 0x0A { return nil }
            current.append(bytes[i])
            i += 1
        }
        guard current.isEmpty else { return nil }
        return lines
    }

    /// The content lines, unfolded.
    static func contentLines(_ text: String) -> [String] {
        var lines: [[UInt8]] = []
        for line in physicalLines(Array(text.utf8)) ?? [] {
            if let first = line.first, first == 0x20 || first == 0x09, !lines.isEmpty {
                lines[lines.count - 1] += line.dropFirst()
            } else {
                lines.append(line)
            }
        }
        return lines.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of the first property `name` (parameters ignored), unescaped.
    static func value(_ name: String, in text: String) -> String? {
        values(name, in: text).first
    }

    /// Every value of property `name`, unescaped. Split on scalars: a value that starts
    /// with a combining mark would join the `:` into one Character.
    static func values(_ name: String, in text: String) -> [String] {
        contentLines(text).compactMap { line in
            let scalars = line.unicodeScalars
            guard let colon = scalars.firstIndex(of: ":") else { return nil }
            let head = String(scalars[..<colon])
            guard head == name || head.hasPrefix(name + ";") else { return nil }
            return unescape(String(scalars[scalars.index(after: colon)...]))
        }
    }

    static func unescape(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var escaped = false
        for c in s.unicodeScalars {
            if escaped {
                out.append(c == "n" || c == "N" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return String(out)
    }
}
