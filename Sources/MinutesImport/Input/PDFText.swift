import Foundation

/// A tool the input needs is not installed: `remindd import` exits 69 (EX_UNAVAILABLE)
/// with this reason, which names the tool and the package that brings it.
public struct ToolUnavailable: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// A PDF read through `pdftotext -layout` (poppler-utils), the layout the page-noise rules
/// were written for: sidebars, running headers and tables as columns.
public enum PDFText {
    public static func text(_ data: Data, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let tool = find("pdftotext", path: environment["PATH"] ?? "") else {
            throw ToolUnavailable("a PDF file: reading it needs pdftotext, which is not installed (Debian and Ubuntu: apt-get install poppler-utils); or convert it yourself and import the text")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("minutes.pdf"), output = dir.appendingPathComponent("minutes.txt")
        try data.write(to: input)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-layout", "-enc", "UTF-8", "-q", input.path, output.path]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { throw ToolUnavailable("a PDF file: pdftotext (\(tool)) could not be started") }
        p.waitUntilExit()
        guard p.terminationReason == .exit, p.terminationStatus == 0, let text = try? Data(contentsOf: output) else {
            throw UnreadableInput("a PDF file that pdftotext cannot read (exit \(p.terminationStatus))")
        }
        return try MinutesText.decode(text)
    }

    static func find(_ name: String, path: String) -> String? {
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// The bytes of a minutes file, whatever its kind, as text: the kind is taken from the
/// content (a zip's `PK`, a PDF's `%PDF-`), not from the file's name.
public enum MinutesFile {
    public static func text(_ data: Data, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let head = [UInt8](data.prefix(5))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try WordDocument.text(data) }
        if head.starts(with: Array("%PDF-".utf8)) { return try PDFText.text(data, environment: environment) }
        return try MinutesText.decode(data)
    }
}
