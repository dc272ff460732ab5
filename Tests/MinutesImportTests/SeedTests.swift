import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// The minutes the design is measured against, when the shared folder sits beside the
/// repository; skipped cleanly otherwise.
@Suite struct SeedTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/seed/lrt-2023-09-25.txt").standardized.path
    static var present: Bool { FileManager.default.fileExists(atPath: path) }

    static func result() throws -> ImportResult {
        MinutesImporter.extract(try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test(.enabled(if: SeedTests.present)) func fiveActionsWithTheirOwners() throws {
        let r = try Self.result()
        #expect(r.meetingDate == LocalDate("2023-09-25"))
        #expect(r.series == "lrt")
        #expect(r.items.map(\.owner) == ["JenV", "MBZK", "SJenV", "SJenV", "LRT"])
        #expect(r.items.allSatisfy { $0.quote.hasPrefix("Actie:") })
        let prt = r.items[0]
        #expect(prt.with.isEmpty && prt.involved == ["IPO", "CdK"], "IPO and CdK are contacted, not owners")
        #expect(r.items[1].involved == ["Aedes"])
        #expect(r.items[2].with == ["MBZK"])
    }

    @Test(.enabled(if: SeedTests.present)) func deadlines() throws {
        let r = try Self.result()
        let week = r.items[2]
        let deadline = try #require(week.deadline)
        #expect(deadline > LocalDate("2023-10-01")! && deadline <= LocalDate("2023-10-08")!, "de komende week: the week after")
        #expect(r.items[3].due == "next meeting")
        let lrt = r.items[4]
        #expect(lrt.due?.hasPrefix("after ") == true)
        #expect(lrt.expected == DateWindow(start: LocalDate("2023-12-01")!, end: LocalDate("2023-12-10")!))
        let event = try #require(r.events.first { $0.id == lrt.afterEvent })
        #expect(event.expectedText == "early December 2023")
        #expect(event.title.contains("RvS"))
        for i in r.items { if let d = i.due { _ = try DeadlineExpr.parse(d) } }
    }

    @Test(.enabled(if: SeedTests.present)) func yamlDraftNamesWhatTheConfigNeeds() throws {
        let y = DraftYAML.render(try Self.result())
        #expect(y.contains("meetings:\n  lrt:\n    dates: [2023-09-25]"))
        #expect(y.contains("expected: \"early December 2023\""))
        #expect(!y.split(separator: "\n").contains { $0.hasPrefix("people:") })
        #expect(y.contains("# Owners seen; define each under people: in the main config (id: name in the minutes):\n#   JenV\n#   LRT\n#   MBZK\n#   SJenV\n"))
    }
}
