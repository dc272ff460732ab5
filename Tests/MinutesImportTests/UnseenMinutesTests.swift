import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// The measure of the importer: minutes written in styles the rules were not built from.
/// `unseen/` documents were written, with their expected items, before the rules were
/// changed for them; `heldout/` documents were written at the same time and never used to
/// change a rule, so their figures are the closest thing to minutes from outside.
@Suite struct UnseenMinutesTests {
    @Test func unseenDocuments() throws {
        let s = Score.score(try FixtureCase.all(in: "unseen"))
        print("MinutesImport unseen: \(s.summary)")
        for p in s.problems { print("  unseen: \(p)") }
    }

    @Test func heldOutDocuments() throws {
        let s = Score.score(try FixtureCase.all(in: "heldout"))
        print("MinutesImport held-out: \(s.summary)")
        if ProcessInfo.processInfo.environment["MINUTES_SHOW_HELDOUT"] != nil {
            for p in s.problems { print("  held-out: \(p)") }
        }
    }
}
