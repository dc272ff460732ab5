import Foundation
import Testing
@testable import RemindCore

/// What `snooze --until` (and the API's snooze) accepts, with `now` fixed: Fri 2023-09-29
/// 10:00 in Amsterdam (08:00Z), mon-fri 09:00-17:00, 2023-10-02 a holiday.
@Suite struct InstantArgumentTests {
    let cal = WorkCalendar(timeZone: TimeZone(identifier: "Europe/Amsterdam")!, holidays: [LocalDate("2023-10-02")!])
    let now = Stamp.utc("2023-09-29T08:00:00Z")

    func end(_ s: String) -> String? {
        InstantArgument.snoozeEnd(s, now: now, calendar: cal).map(Stamp.iso)
    }

    @Test func exactSpansCountFromNow() {
        #expect(end("2h") == "2023-09-29T10:00:00Z")
        #expect(end("90m") == "2023-09-29T09:30:00Z")
    }

    @Test func daySpansLandOnTheStartOfAWorkingDay() {
        // Fri + 3d = Mon 2 Oct, a holiday: the next working day, Tue 09:00 CEST.
        #expect(end("3d") == "2023-10-03T07:00:00Z")
        #expect(end("1w") == "2023-10-06T07:00:00Z")
        // Two working days after Friday, the holiday skipped: Wed 4 Oct.
        #expect(end("2wd") == "2023-10-04T07:00:00Z")
    }

    @Test func datesAndInstants() {
        #expect(end("2023-10-20") == "2023-10-20T07:00:00Z")
        #expect(end("2023-10-30") == "2023-10-30T08:00:00Z")  // after the change to CET
        #expect(end("2023-10-20 14:00") == "2023-10-20T12:00:00Z")
        #expect(end("2023-10-20T14:00:00Z") == "2023-10-20T14:00:00Z")
    }

    @Test func thePastAndNonsenseAreRefused() {
        #expect(end("2023-09-28") == nil)
        #expect(end("2023-09-29T07:59:59Z") == nil)
        #expect(end("0d") == nil)
        #expect(end("soon") == nil)
        #expect(end("") == nil)
    }
}
