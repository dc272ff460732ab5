import Foundation
import Logging

/// Every log line a notifier writes, kept in memory so tests can assert that no secret
/// reaches the log.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }
    var text: String { lines.joined(separator: "\n") }

    func append(_ s: String) { lock.withLock { stored.append(s) } }

    var logger: Logger {
        var l = Logger(label: "remindd.test") { _ in CaptureHandler(capture: self) }
        l.logLevel = .trace
        return l
    }
}

private struct CaptureHandler: LogHandler {
    let capture: LogCapture
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let meta = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = meta.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.append("\(event.level) \(event.message) \(rendered)")
    }
}
