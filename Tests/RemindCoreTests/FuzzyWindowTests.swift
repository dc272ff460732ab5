import Foundation
import Testing
@testable import RemindCore

/// `early/mid/late <Month> <Year>` = days 1–10 / 11–20 / 21–end, and the Dutch
/// `begin/half/eind <maand> <jaar>`; plus explicit ranges.
@Suite struct FuzzyWindowTests {
    static let windows: [(String, String)] = [
        ("early December 2023", "2023-12-01/2023-12-10"),
        ("mid December 2023", "2023-12-11/2023-12-20"),
        ("late December 2023", "2023-12-21/2023-12-31"),
        ("late September 2023", "2023-09-21/2023-09-30"),
        ("late February 2024", "2024-02-21/2024-02-29"),
        ("late February 2023", "2023-02-21/2023-02-28"),
        ("Early december 2023", "2023-12-01/2023-12-10"),
        ("begin december 2023", "2023-12-01/2023-12-10"),
        ("half januari 2024", "2024-01-11/2024-01-20"),
        ("eind februari 2024", "2024-02-21/2024-02-29"),
        ("eind maart 2024", "2024-03-21/2024-03-31"),
        ("begin mei 2024", "2024-05-01/2024-05-10"),
        ("half oktober 2023", "2023-10-11/2023-10-20"),
        ("December 2023", "2023-12-01/2023-12-31"),
        ("februari 2024", "2024-02-01/2024-02-29"),
        ("2023-12-01/2023-12-10", "2023-12-01/2023-12-10"),
        ("2023-12-06", "2023-12-06/2023-12-06"),
    ]

    @Test func englishAndDutchWindows() {
        for (text, window) in Self.windows {
            #expect(DateWindow.parse(text)?.description == window, "\(text)")
        }
    }

    @Test func notWindows() {
        for text in ["early Decembre 2023", "early December", "sometime in 2023", "2023-12-10/2023-12-01",
                     "2023-12-01/", "late 2023", "mid December 23"] {
            #expect(DateWindow.parse(text) == nil, "\(text)")
        }
    }

    /// The notices fall on the first working day of the window and the first working day
    /// after it, whichever language the window was written in.
    @Test func noticesForWindowsInBothLanguages() throws {
        func notices(_ expected: String, holidays: [String] = ["2023-12-25", "2023-12-26"]) throws -> [String] {
            let c = try TestConfig.make(holidays: holidays, events: """
              ev:
                title: An outside event
                expected: \(expected)
                owner: JenV
            """, items: TestConfig.item("after ev +5wd"))
            #expect(c.golden("x") == [])
            return c.golden("ev")
        }
        #expect(try notices("half januari 2024") == [
            "event-expected Thu 2024-01-11 09:00 +01:00 (2024-01-11T08:00:00Z) JenV",
            "event-late Mon 2024-01-22 09:00 +01:00 (2024-01-22T08:00:00Z) JenV",
        ])
        #expect(try notices("mid January 2024") == notices("half januari 2024"))
        // 1 Oct 2023 is a Sunday: the first working day of the window is Monday.
        #expect(try notices("begin oktober 2023") == [
            "event-expected Mon 2023-10-02 09:00 +02:00 (2023-10-02T07:00:00Z) JenV",
            "event-late Wed 2023-10-11 09:00 +02:00 (2023-10-11T07:00:00Z) JenV",
        ])
        // The day after the window is New Year's Day, a holiday here.
        #expect(try notices("eind december 2023", holidays: ["2023-12-25", "2023-12-26", "2024-01-01"]) == [
            "event-expected Thu 2023-12-21 09:00 +01:00 (2023-12-21T08:00:00Z) JenV",
            "event-late Tue 2024-01-02 09:00 +01:00 (2024-01-02T08:00:00Z) JenV",
        ])
        #expect(try notices("late February 2024") == [
            "event-expected Wed 2024-02-21 09:00 +01:00 (2024-02-21T08:00:00Z) JenV",
            "event-late Fri 2024-03-01 09:00 +01:00 (2024-03-01T08:00:00Z) JenV",
        ])
    }
}
