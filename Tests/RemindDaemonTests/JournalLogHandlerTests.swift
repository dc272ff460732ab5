import Foundation
import Logging
import Testing
@testable import RemindDaemon

/// Log lines for the journal and for a terminal, through an in-memory sink.
@Suite struct JournalLogHandlerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        var all: [String] { lock.withLock { stored } }
        func append(_ line: String) { lock.withLock { stored.append(line) } }
    }

    static let instant = Date(timeIntervalSince1970: 1_695_970_800.25) // 2023-09-29T07:00:00.250Z

    func logger(journal: Bool, level: Logger.Level = .trace, lines: Lines) -> Logger {
        var handler = JournalLogHandler(label: "remindd", environment: journal ? ["JOURNAL_STREAM": "8:12345"] : [:],
                                        sink: { lines.append($0) }, clock: { Self.instant })
        handler.logLevel = level
        return Logger(label: "remindd") { _ in handler }
    }

    @Test func journalLinesCarryPriorityPrefixes() {
        let lines = Lines()
        let log = logger(journal: true, lines: lines)
        log.trace("t")
        log.debug("d")
        log.info("i")
        log.notice("n")
        log.warning("w")
        log.error("e")
        log.critical("c")
        #expect(lines.all == ["<7>t", "<7>d", "<6>i", "<5>n", "<4>w", "<3>e", "<3>c"])
    }

    @Test func terminalLinesCarryTimestampAndLevel() {
        let lines = Lines()
        let log = logger(journal: false, lines: lines)
        log.warning("retrying", metadata: ["delivery.key": "a/due/20230929T070000Z/mail", "attempt": "2"])
        #expect(lines.all == ["2023-09-29T07:00:00.250Z warning retrying attempt=2 delivery.key=a/due/20230929T070000Z/mail"])
    }

    @Test func levelFilters() {
        let lines = Lines()
        let log = logger(journal: true, level: .notice, lines: lines)
        log.info("hidden")
        log.notice("shown")
        #expect(lines.all == ["<5>shown"])
    }

    @Test func newlinesCannotSplitOrForgeEntries() {
        let lines = Lines()
        let log = logger(journal: true, lines: lines)
        log.error("send failed\n<2>forged", metadata: ["reply": "451 try later\r\n<0>forged", "title": "Hoogte taakstelling"])
        #expect(lines.all == [#"<3>send failed\n<2>forged reply="451 try later\r\n<0>forged" title="Hoogte taakstelling""#])
        #expect(lines.all.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
    }

    @Test func valuesAreQuotedWhenAmbiguous() {
        #expect(JournalLogHandler.quoted("plain") == "plain")
        #expect(JournalLogHandler.quoted("") == #""""#)
        #expect(JournalLogHandler.quoted(#"say "hi""#) == #""say \"hi\"""#)
        #expect(JournalLogHandler.quoted("a=b") == #""a=b""#)
        #expect(JournalLogHandler.quoted(#"C:\x"#) == #""C:\\x""#)
        #expect(JournalLogHandler.escape("tab\there\u{1B}[31m") == #"tab\there\u{1B}[31m"#)
    }

    @Test func metadataMergesHandlerProviderAndCall() {
        let lines = Lines()
        var handler = JournalLogHandler(label: "remindd", environment: ["JOURNAL_STREAM": "1:2"],
                                        metadataProvider: .init { ["provided": "p", "shared": "provider"] },
                                        sink: { lines.append($0) })
        handler[metadataKey: "shared"] = "handler"
        handler[metadataKey: "component"] = "scheduler"
        var log = Logger(label: "x") { _ in handler }
        log[metadataKey: "item.id"] = "taakstelling"
        log.info("armed", metadata: ["shared": "call"])
        #expect(lines.all == ["<6>armed component=scheduler item.id=taakstelling provided=p shared=call"])
    }

    @Test func errorsAreAttachedAsMetadata() {
        struct Refused: Error, CustomStringConvertible { var description: String { "connection refused" } }
        let lines = Lines()
        let handler = JournalLogHandler(label: "x", environment: ["JOURNAL_STREAM": "1:2"], sink: { lines.append($0) })
        handler.log(event: LogEvent(level: .error, message: "attempt failed", error: Refused(), metadata: nil,
                                    source: nil, file: #fileID, function: #function, line: #line))
        #expect(lines.all == [#"<3>attempt failed error="connection refused""#])
    }

    @Test func emptyJournalStreamMeansTerminal() {
        #expect(!JournalLogHandler(label: "x", environment: ["JOURNAL_STREAM": ""]).journal)
        #expect(JournalLogHandler(label: "x", environment: ["JOURNAL_STREAM": "8:1"]).journal)
        #expect(JournalLogHandler.timestamp(Date(timeIntervalSince1970: 0.9999)) == "1970-01-01T00:00:00.999Z")
    }
}
