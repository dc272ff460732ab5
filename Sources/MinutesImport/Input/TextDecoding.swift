import Foundation

/// Why an input cannot be read as minutes. `remindd import` exits 65 (EX_DATAERR) with
/// this reason, so a user who fed it a PDF learns to run `pdftotext` first.
public struct UnreadableInput: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Turns the bytes of a minutes file into text. Word exports arrive as UTF-8, UTF-16 with a
/// byte order mark, or Windows-1252; anything else with control bytes is a binary file.
public enum MinutesText {
    public static func decode(_ data: Data) throws -> String {
        if data.isEmpty { return "" }
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: [0x25, 0x50, 0x44, 0x46]) {
            throw UnreadableInput("a PDF file, not text: convert it first (pdftotext -layout FILE out.txt)")
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw UnreadableInput("a ZIP archive (a .docx or .odt?), not text: save or export it as plain text")
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw UnreadableInput("a legacy Office file, not text: save or export it as plain text")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let s = String(data: data, encoding: .utf16) else {
                throw UnreadableInput("invalid UTF-16 text")
            }
            return try checked(s)
        }
        var body = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = data.dropFirst(3) }
        if let s = String(data: body, encoding: .utf8) { return try checked(s) }
        // Not UTF-8: a Windows-1252 export is text as long as it has no control bytes.
        if let s = String(data: body, encoding: .windowsCP1252) { return try checked(s) }
        throw UnreadableInput("not text in UTF-8, UTF-16 or Windows-1252")
    }

    /// Rejects text with NUL bytes or more than a trace of control characters.
    static func checked(_ s: String) throws -> String {
        var control = 0
        var total = 0
        for u in s.unicodeScalars {
            total += 1
            if u.value == 0 { throw UnreadableInput("binary data (NUL bytes), not text") }
            if u.value < 0x20 && u != "\n" && u != "\r" && u != "\t" && u.value != 0x0C { control += 1 }
        }
        if total > 0 && Double(control) / Double(total) > 0.01 {
            throw UnreadableInput("binary data (\(control) control characters), not text")
        }
        return s
    }
}
