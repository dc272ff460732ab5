import Foundation
import Testing
@testable import RemindCore

/// DESIGN's `due:` grammar, read into expressions (their meaning is in
/// DeadlineResolutionTests).
@Suite struct DeadlineGrammarTests {
    static let forms: [(String, DeadlineExpr)] = [
        ("2023-10-02", .date(LocalDate("2023-10-02")!)),
        ("2023-10-02 12:00", .localDateTime(LocalDate("2023-10-02")!, LocalTime(hour: 12, minute: 0))),
        ("2023-10-02T12:00:30", .localDateTime(LocalDate("2023-10-02")!, LocalTime(hour: 12, minute: 0, second: 30))),
        ("2023-10-02T12:00:30Z", .instant(Stamp.utc("2023-10-02T12:00:30Z"))),
        ("2023-10-02T12:00:30+02:00", .instant(Stamp.utc("2023-10-02T10:00:30Z"))),
        ("2023-10-02T12:00:30-05:30", .instant(Stamp.utc("2023-10-02T17:30:30Z"))),
        ("this week", .thisWeek),
        ("This Week", .thisWeek),
        ("next week", .nextWeek),
        ("end of month", .endOfMonth),
        ("in 3 days", .relative(DurationSpec(3, .days))),
        ("in 1 day", .relative(DurationSpec(1, .days))),
        ("in 2 weeks", .relative(DurationSpec(2, .weeks))),
        ("in 1 month", .relative(DurationSpec(1, .months))),
        ("in 6 months", .relative(DurationSpec(6, .months))),
        ("in 5 workdays", .relative(DurationSpec(5, .workdays))),
        ("+3d", .relative(DurationSpec(3, .days))),
        ("+2w", .relative(DurationSpec(2, .weeks))),
        ("+1mo", .relative(DurationSpec(1, .months))),
        ("+5wd", .relative(DurationSpec(5, .workdays))),
        ("next meeting", .nextMeeting(series: nil, offset: nil)),
        ("next lrt", .nextMeeting(series: "lrt", offset: nil)),
        ("next lrt -2wd", .nextMeeting(series: "lrt", offset: DurationSpec(-2, .workdays))),
        ("next meeting -1d", .nextMeeting(series: nil, offset: DurationSpec(-1, .days))),
        ("next lrt -2h", .nextMeeting(series: "lrt", offset: DurationSpec(-2, .hours))),
        ("after rvs-ruling", .afterEvent("rvs-ruling", offset: nil)),
        ("after rvs-ruling +5wd", .afterEvent("rvs-ruling", offset: DurationSpec(5, .workdays))),
        ("after rvs-ruling +3d", .afterEvent("rvs-ruling", offset: DurationSpec(3, .days))),
        ("after rvs-ruling +1w", .afterEvent("rvs-ruling", offset: DurationSpec(1, .weeks))),
    ]

    @Test func everyFormParses() throws {
        for (text, expected) in Self.forms {
            #expect(try DeadlineExpr.parse(text) == expected, "\(text)")
        }
    }

    @Test func fractionalSecondsAreKept() throws {
        let e = try DeadlineExpr.parse("2023-10-02T12:00:30.250Z")
        #expect(e == .instant(Stamp.utc("2023-10-02T12:00:30Z").addingTimeInterval(0.25)))
    }

    @Test func eventNameIsTheEventOfAnAfterDeadline() throws {
        #expect(try DeadlineExpr.parse("after rvs-ruling +5wd").eventName == "rvs-ruling")
        #expect(try DeadlineExpr.parse("next meeting").eventName == nil)
    }

    /// What is not a deadline fails with a reason a secretary can act on.
    @Test func nonsenseIsRejectedWithTheReason() {
        let cases: [(String, String)] = [
            ("by friday", "cannot read deadline 'by friday': " + DeadlineExpr.grammarHint),
            ("2023-02-30", "cannot read deadline '2023-02-30': " + DeadlineExpr.grammarHint),
            ("in 2 hours", "cannot read deadline 'in 2 hours': a relative deadline counts days, workdays, weeks or months, not hours"),
            ("+30m", "cannot read deadline '+30m': a relative deadline counts days, workdays, weeks or months, not minutes"),
            ("in a week", "cannot read deadline 'in a week': 'in' needs a number and a unit (days, weeks, months, workdays)"),
            ("in -3 days", "cannot read deadline 'in -3 days': 'in' needs a number and a unit (days, weeks, months, workdays)"),
            ("next lrt 2wd", "cannot read deadline 'next lrt 2wd': the offset after 'next lrt' must look like -2wd, +1d or -2h"),
            ("after", "cannot read deadline 'after': 'after' needs an event name"),
            ("after rvs-ruling +2h", "cannot read deadline 'after rvs-ruling +2h': the offset after 'after rvs-ruling' must look like +5wd, +3d or +1w"),
            ("after rvs-ruling -1d", "cannot read deadline 'after rvs-ruling -1d': the offset after 'after rvs-ruling' must look like +5wd, +3d or +1w"),
        ]
        for (text, message) in cases {
            #expect(throws: DeadlineParseError.self, "\(text)") { try DeadlineExpr.parse(text) }
            do {
                _ = try DeadlineExpr.parse(text)
            } catch let e as DeadlineParseError {
                #expect(e.reason == message)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
