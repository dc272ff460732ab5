import Foundation
import Testing
@testable import RemindCore

/// Every `due:` form resolved against R (DESIGN "Time rules", deadline table), in
/// Europe/Amsterdam, mon-fri 09:00-17:00, holidays 2023-12-25 and -26.
@Suite struct DeadlineResolutionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var due: String
        var r: String
        var deadline: String
        var note: String
        init(_ due: String, r: String = "2023-09-25", _ deadline: String, _ note: String = "") {
            self.due = due
            self.r = r
            self.deadline = deadline
            self.note = note
        }
        var testDescription: String { "\(due) from \(r)\(note.isEmpty ? "" : " (\(note))")" }
    }

    static let meetings = """
      lrt: { dates: [2023-09-25, 2023-10-23], time: "14:00" }
      wg: { dates: [2023-10-05, 2023-09-25] }
    """

    static func resolve(_ c: Case, holidays: [String] = ["2023-12-25", "2023-12-26"], state: PlanState = PlanState()) throws -> String {
        let config = try TestConfig.make(holidays: holidays, meetings: meetings,
                                         events: "  ev: { title: An outside event, owner: JenV }",
                                         items: TestConfig.item(c.due, r: c.r))
        return config.deadline("x", state)
    }

    static let absolute: [Case] = [
        Case("2023-10-02", "Mon 2023-10-02 17:00 +02:00", "a date: that day at workday end"),
        Case("2023-10-01", "Sun 2023-10-01 17:00 +02:00", "a date is kept even on a weekend"),
        Case("2023-10-02 12:00", "Mon 2023-10-02 12:00 +02:00"),
        Case("2023-10-30 12:00", "Mon 2023-10-30 12:00 +01:00", "local time after the change to winter time"),
        Case("2023-10-02T12:00:30Z", "Mon 2023-10-02 14:00:30 +02:00", "ISO 8601 with seconds and Z"),
        Case("2023-10-02T12:00:30+05:30", "Mon 2023-10-02 08:30:30 +02:00", "ISO 8601 with an offset"),
    ]

    static let weeks: [Case] = [
        Case("this week", "Fri 2023-09-29 17:00 +02:00", "R Monday"),
        Case("this week", r: "2023-09-29", "Fri 2023-09-29 17:00 +02:00", "R is the week's last working day"),
        Case("this week", r: "2023-09-30", "Fri 2023-10-06 17:00 +02:00", "R Saturday, past the last working day"),
        Case("this week", r: "2023-10-01", "Fri 2023-10-06 17:00 +02:00", "R Sunday"),
        Case("next week", "Fri 2023-10-06 17:00 +02:00"),
        Case("next week", r: "2023-10-01", "Fri 2023-10-06 17:00 +02:00", "Sunday still belongs to R's ISO week"),
        Case("next week", r: "2023-12-18", "Fri 2023-12-29 17:00 +01:00", "over Christmas"),
        Case("end of month", "Fri 2023-09-29 17:00 +02:00", "30 Sep is a Saturday"),
        Case("end of month", r: "2023-10-02", "Tue 2023-10-31 17:00 +01:00"),
        Case("end of month", r: "2023-12-04", "Fri 2023-12-29 17:00 +01:00", "31 Dec is a Sunday"),
        Case("end of month", r: "2023-09-30", "Tue 2023-10-31 17:00 +01:00", "R past the month's last working day"),
    ]

    static let relative: [Case] = [
        Case("in 3 days", "Thu 2023-09-28 17:00 +02:00"),
        Case("+3d", "Thu 2023-09-28 17:00 +02:00"),
        Case("in 5 days", "Mon 2023-10-02 17:00 +02:00", "Saturday moves forward"),
        Case("in 5 days", r: "2023-12-20", "Wed 2023-12-27 17:00 +01:00", "Christmas moves forward"),
        Case("in 1 week", "Mon 2023-10-02 17:00 +02:00"),
        Case("in 2 weeks", "Mon 2023-10-09 17:00 +02:00"),
        Case("+2w", "Mon 2023-10-09 17:00 +02:00"),
        Case("in 1 month", "Wed 2023-10-25 17:00 +02:00"),
        Case("+1mo", r: "2023-08-30", "Mon 2023-10-02 17:00 +02:00", "30 Sep is a Saturday: forward"),
        Case("in 3 workdays", "Thu 2023-09-28 17:00 +02:00"),
        Case("+3wd", r: "2023-09-29", "Wed 2023-10-04 17:00 +02:00", "over a weekend"),
        Case("+2wd", r: "2023-12-22", "Thu 2023-12-28 17:00 +01:00", "over a weekend and two holidays"),
        Case("in 1 workday", r: "2023-09-30", "Mon 2023-10-02 17:00 +02:00", "from a Saturday"),
    ]

    static let monthEnds: [Case] = [
        Case("in 1 month", r: "2024-01-31", "Thu 2024-02-29 17:00 +01:00", "Jan 31 + 1mo = Feb 29 in a leap year"),
        Case("+1mo", r: "2023-01-31", "Tue 2023-02-28 17:00 +01:00", "Jan 31 + 1mo = Feb 28 otherwise"),
        Case("+1mo", r: "2024-03-31", "Tue 2024-04-30 17:00 +02:00"),
        Case("+1mo", r: "2023-03-31", "Mon 2023-05-01 17:00 +02:00", "Apr 30 2023 is a Sunday"),
        Case("+12mo", r: "2024-02-29", "Fri 2025-02-28 17:00 +01:00", "leap day + 1 year"),
        Case("in 1 month", r: "2023-12-31", "Wed 2024-01-31 17:00 +01:00", "over the year end"),
        Case("end of month", r: "2024-02-05", "Thu 2024-02-29 17:00 +01:00", "leap year"),
        Case("end of month", r: "2023-02-10", "Tue 2023-02-28 17:00 +01:00"),
        Case("end of month", r: "2100-02-10", "Fri 2100-02-26 17:00 +01:00", "2100 is no leap year; the 28th is a Sunday"),
    ]

    static let meetingsCases: [Case] = [
        Case("next meeting", r: "lrt@2023-09-25", "Mon 2023-10-23 14:00 +02:00", "the item's series, at its time"),
        Case("next meeting -2wd", r: "lrt@2023-09-25", "Thu 2023-10-19 14:00 +02:00", "with an offset"),
        Case("next lrt", r: "2023-10-01", "Mon 2023-10-23 14:00 +02:00", "named series"),
        Case("next lrt -2wd", "Thu 2023-10-19 14:00 +02:00", "offset in working days"),
        Case("next lrt +1d", "Tue 2023-10-24 14:00 +02:00", "offset in days"),
        Case("next lrt -2h", "Mon 2023-10-23 12:00 +02:00", "exact offset"),
        Case("next wg", "Thu 2023-10-05 09:00 +02:00", "a series without a time meets at workday start"),
        Case("next lrt", r: "2023-10-22", "Mon 2023-10-23 14:00 +02:00", "the day before"),
        Case("next lrt", r: "2023-10-23", "undated", "strictly after R: none left"),
    ]

    @Test(arguments: absolute) func absoluteDeadlines(_ c: Case) throws {
        #expect(try Self.resolve(c) == c.deadline)
    }

    @Test(arguments: weeks) func weekAndMonthDeadlines(_ c: Case) throws {
        #expect(try Self.resolve(c) == c.deadline)
    }

    @Test(arguments: relative) func relativeDeadlines(_ c: Case) throws {
        #expect(try Self.resolve(c) == c.deadline)
    }

    @Test(arguments: monthEnds) func monthEndsAndLeapYears(_ c: Case) throws {
        #expect(try Self.resolve(c) == c.deadline)
    }

    @Test(arguments: meetingsCases) func nextMeetingDeadlines(_ c: Case) throws {
        #expect(try Self.resolve(c) == c.deadline)
    }

    /// A holiday on the week's last working day pulls `this week` to the day before; if R
    /// is that holiday, R is past the week's last working day.
    @Test func thisWeekRespectsHolidays() throws {
        let fridayOff = ["2023-09-29"]
        #expect(try Self.resolve(Case("this week", "", ""), holidays: fridayOff) == "Thu 2023-09-28 17:00 +02:00")
        #expect(try Self.resolve(Case("this week", r: "2023-09-29", "", ""), holidays: fridayOff) == "Fri 2023-10-06 17:00 +02:00")
        #expect(try Self.resolve(Case("end of month", "", ""), holidays: fridayOff) == "Thu 2023-09-28 17:00 +02:00")
    }

    /// `after <event> [+N]`: waits until the event is recorded, then E + N like the relative
    /// forms.
    @Test func afterEventDeadlines() throws {
        let e = { (day: String) in PlanState(occurredEvents: ["ev": LocalDate(day)!]) }
        #expect(try Self.resolve(Case("after ev +5wd", "", "")) == "waiting for ev")
        #expect(try Self.resolve(Case("after ev", "", ""), state: e("2023-12-06")) == "Wed 2023-12-06 17:00 +01:00")
        #expect(try Self.resolve(Case("after ev", "", ""), state: e("2023-12-09")) == "Mon 2023-12-11 17:00 +01:00")
        #expect(try Self.resolve(Case("after ev +5wd", "", ""), state: e("2023-12-06")) == "Wed 2023-12-13 17:00 +01:00")
        #expect(try Self.resolve(Case("after ev +3d", "", ""), state: e("2023-12-06")) == "Mon 2023-12-11 17:00 +01:00")
        #expect(try Self.resolve(Case("after ev +1w", "", ""), state: e("2023-12-06")) == "Wed 2023-12-13 17:00 +01:00")
        #expect(try Self.resolve(Case("after ev +2wd", "", ""), state: e("2023-12-22")) == "Thu 2023-12-28 17:00 +01:00")
    }

    /// A deadline form with no R (only `due:` absolute) resolves; the relative ones are
    /// refused at load (see the config error fixtures).
    @Test func absoluteDeadlineNeedsNoReferenceDate() throws {
        let c = try TestConfig.make(items: """
          - id: x
            title: No meeting, no agreed date
            owner: SJenV
            due: 2023-10-02
        """)
        #expect(c.item("x")?.referenceDate == nil)
        #expect(c.deadline("x") == "Mon 2023-10-02 17:00 +02:00")
        // With no R nothing is dropped: before-7d stays.
        #expect(c.plan().first?.label == "before-7d")
    }
}
