import Foundation
import Logging
import RemindCore
#if canImport(Glibc)
import Glibc
#endif

/// A swift-log handler that writes one line per message to stderr, shaped for where
/// stderr goes.
///
/// Why: under systemd, stderr is a journal stream (`$JOURNAL_STREAM` is set). journald
/// stamps each line itself and reads a `<N>` prefix as its priority, so `journalctl -p err`
/// finds failed deliveries. In a terminal the same lines carry an ISO 8601 UTC timestamp
/// and the level in words. Either way a message and its `key=value` metadata stay on one
/// line: a CR or LF in a value (an SMTP reply, a title from the minutes) is escaped, so it
/// can neither split an entry nor forge one.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    public let label: String
    /// Priority prefixes instead of timestamps.
    public let journal: Bool
    private let sink: @Sendable (String) -> Void
    private let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - environment: `JOURNAL_STREAM` set and non-empty selects the journal format.
    ///   - sink: receives each finished line (without newline); stderr by default.
    ///   - clock: the timestamp source for the terminal format.
    public init(label: String,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                logLevel: Logger.Level = .info,
                metadataProvider: Logger.MetadataProvider? = nil,
                sink: @escaping @Sendable (String) -> Void = JournalLogHandler.writeToStandardError,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.label = label
        self.journal = !(environment["JOURNAL_STREAM"] ?? "").isEmpty
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
        self.sink = sink
        self.clock = clock
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        if let error = event.error { merged["error"] = .string(String(describing: error)) }
        let head = journal ? "<\(Self.priority(event.level))>" : "\(Self.timestamp(clock())) \(event.level.rawValue) "
        sink(head + Self.escape(event.message.description) + Self.render(merged))
    }

    /// syslog priorities as journald reads them: `<3>` error and critical … `<7>` debug
    /// and trace.
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical, .error: return 3
        case .warning: return 4
        case .notice: return 5
        case .info: return 6
        case .debug, .trace: return 7
        }
    }

    /// ` key=value key2="with space"`, keys sorted so lines are stable.
    static func render(_ metadata: Logger.Metadata) -> String {
        metadata.keys.sorted().map { key in " \(escape(key))=\(quoted(metadata[key]!.description))" }.joined()
    }

    static func quoted(_ value: String) -> String {
        // On the bytes: walking a value's characters (grapheme breaking) was a tenth of
        // logging a delivery.
        let needsQuotes = value.isEmpty || value.utf8.contains { $0 == 0x20 || $0 == 0x22 || $0 == 0x3D || $0 == 0x5C }
        guard needsQuotes else { return escape(value) }
        return "\"" + escape(value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")) + "\""
    }

    /// Control characters as visible escapes: the line stays one line.
    static func escape(_ text: String) -> String {
        // Most text (keys, ids, replies) has nothing to escape: one pass over the bytes.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xE2 }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}":
                out += String(format: "\\u{%X}", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One `write(2)` per line, so lines from several threads never interleave.
    @Sendable public static func writeToStandardError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    /// `2023-09-29T07:00:00.123Z`: UTC, so lines from machines in different zones sort.
    static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let millis = min(999, Int(((date.timeIntervalSince1970 - seconds) * 1000).rounded(.down)))
        let whole = UTCStamp.iso(Date(timeIntervalSince1970: seconds))
        return String(whole.dropLast()) + "." + Digits.padded(millis, width: 3) + "Z"
    }
}
