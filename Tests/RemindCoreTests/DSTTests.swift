import Foundation
import Testing
@testable import RemindCore

/// DESIGN: "A local time that does not exist (spring forward) means the first instant after
/// the gap (02:30 → 03:00); one that exists twice (fall back) means the first of the two."
/// Both directions in northern and southern zones, a 30-minute shift and a change at
/// midnight. Expected instants were taken from the tz database independently of the code.
@Suite struct DSTTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var zone: String
        var day: String
        var time: String
        var utc: String
        var testDescription: String { "\(zone) \(day) \(time)" }
    }

    static let gaps: [Case] = [
        Case(zone: "Europe/Amsterdam", day: "2024-03-31", time: "02:30", utc: "2024-03-31T01:00:00Z"),
        Case(zone: "Europe/Amsterdam", day: "2024-03-31", time: "02:00", utc: "2024-03-31T01:00:00Z"),
        Case(zone: "Europe/Amsterdam", day: "2024-03-31", time: "02:59:59", utc: "2024-03-31T01:00:00Z"),
        Case(zone: "America/New_York", day: "2024-03-10", time: "02:30", utc: "2024-03-10T07:00:00Z"),
        Case(zone: "Australia/Sydney", day: "2023-10-01", time: "02:30", utc: "2023-09-30T16:00:00Z"),
        Case(zone: "Pacific/Auckland", day: "2023-09-24", time: "02:30", utc: "2023-09-23T14:00:00Z"),
        Case(zone: "Australia/Lord_Howe", day: "2023-10-01", time: "02:15", utc: "2023-09-30T15:30:00Z"),
        Case(zone: "America/Santiago", day: "2023-09-03", time: "00:30", utc: "2023-09-03T04:00:00Z"),
        // Samoa skipped all of 2011-12-30: its 09:00 is the first instant of the 31st.
        Case(zone: "Pacific/Apia", day: "2011-12-30", time: "09:00", utc: "2011-12-30T10:00:00Z"),
    ]

    static let folds: [Case] = [
        Case(zone: "Europe/Amsterdam", day: "2023-10-29", time: "02:30", utc: "2023-10-29T00:30:00Z"),
        Case(zone: "Europe/Amsterdam", day: "2023-10-29", time: "02:00", utc: "2023-10-29T00:00:00Z"),
        Case(zone: "America/New_York", day: "2023-11-05", time: "01:30", utc: "2023-11-05T05:30:00Z"),
        Case(zone: "Australia/Sydney", day: "2024-04-07", time: "02:30", utc: "2024-04-06T15:30:00Z"),
        Case(zone: "Pacific/Auckland", day: "2024-04-07", time: "02:30", utc: "2024-04-06T13:30:00Z"),
        Case(zone: "Australia/Lord_Howe", day: "2024-04-07", time: "01:45", utc: "2024-04-06T14:45:00Z"),
        Case(zone: "America/Santiago", day: "2024-04-06", time: "23:30", utc: "2024-04-07T02:30:00Z"),
    ]

    /// Just outside the transitions nothing is adjusted.
    static let ordinary: [Case] = [
        Case(zone: "Europe/Amsterdam", day: "2024-03-31", time: "01:59:59", utc: "2024-03-31T00:59:59Z"),
        Case(zone: "Europe/Amsterdam", day: "2024-03-31", time: "03:00", utc: "2024-03-31T01:00:00Z"),
        Case(zone: "Europe/Amsterdam", day: "2023-10-29", time: "03:00", utc: "2023-10-29T02:00:00Z"),
        Case(zone: "Europe/Amsterdam", day: "2023-10-29", time: "01:59", utc: "2023-10-28T23:59:00Z"),
        Case(zone: "Australia/Sydney", day: "2023-10-01", time: "09:00", utc: "2023-09-30T22:00:00Z"),
        Case(zone: "Australia/Sydney", day: "2023-09-30", time: "09:00", utc: "2023-09-29T23:00:00Z"),
        Case(zone: "Asia/Kolkata", day: "2023-10-02", time: "09:00", utc: "2023-10-02T03:30:00Z"),
        Case(zone: "UTC", day: "2024-02-29", time: "23:59:59", utc: "2024-02-29T23:59:59Z"),
    ]

    static func calendar(_ zone: String) -> WorkCalendar {
        WorkCalendar(timeZone: TimeZone(identifier: zone)!)
    }

    @Test(arguments: gaps) func springForwardMeansTheFirstInstantAfterTheGap(_ c: Case) {
        let at = Self.calendar(c.zone).instant(LocalDate(c.day)!, LocalTime(c.time)!)
        #expect(Stamp.iso(at) == c.utc)
    }

    @Test(arguments: folds) func fallBackMeansTheFirstOfTheTwo(_ c: Case) {
        let at = Self.calendar(c.zone).instant(LocalDate(c.day)!, LocalTime(c.time)!)
        #expect(Stamp.iso(at) == c.utc)
    }

    @Test(arguments: ordinary) func ordinaryTimesAreExact(_ c: Case) {
        let cal = Self.calendar(c.zone)
        let at = cal.instant(LocalDate(c.day)!, LocalTime(c.time)!)
        #expect(Stamp.iso(at) == c.utc)
        // And back: the instant is that local day and time.
        #expect(cal.localDate(of: at) == LocalDate(c.day))
        #expect(cal.localTime(of: at) == LocalTime(c.time))
    }

    /// Local day and time of instants around a change, against Foundation's own calendar.
    @Test(arguments: ["Europe/Amsterdam", "America/New_York", "Australia/Sydney", "America/Santiago", "Australia/Lord_Howe"])
    func localOfAnInstantAgreesWithFoundation(_ zone: String) {
        let cal = Self.calendar(zone)
        var greg = Calendar(identifier: .gregorian)
        greg.timeZone = TimeZone(identifier: zone)!
        // Every 15 minutes over two days around both 2023/2024 changes of each hemisphere.
        let starts = ["2023-03-25T00:00:00Z", "2023-09-02T00:00:00Z", "2023-09-30T00:00:00Z", "2023-10-28T00:00:00Z",
                      "2023-11-04T00:00:00Z", "2024-03-09T00:00:00Z", "2024-03-30T00:00:00Z", "2024-04-06T00:00:00Z"]
        for s in starts {
            for step in 0..<(2 * 96) {
                let t = Stamp.utc(s).addingTimeInterval(Double(step) * 900)
                let c = greg.dateComponents([.year, .month, .day, .hour, .minute], from: t)
                let (d, secs) = cal.local(t)
                #expect(d == LocalDate(year: c.year!, month: c.month!, day: c.day!), "\(zone) \(Stamp.iso(t))")
                #expect(secs == c.hour! * 3600 + c.minute! * 60, "\(zone) \(Stamp.iso(t))")
            }
        }
    }

    /// Reminders at workday start keep their local time across a change, in both
    /// directions, in both hemispheres: "1d" is a calendar day, not 86,400 s.
    @Test func remindersKeepLocalTimeAcrossChanges() throws {
        func plan(_ zone: String, due: String) throws -> [String] {
            let c = try TestConfig.make(timezone: zone, holidays: [], policy: """
                before: [1d]
                on_due: true
                overdue: { every: 1d, times: 1 }
            """, items: TestConfig.item(due, r: "2023-01-02"))
            return c.golden("x")
        }
        #expect(try plan("America/New_York", due: "2023-11-06") == [
            "before-1d Fri 2023-11-03 09:00 -04:00 (2023-11-03T13:00:00Z) SJenV",
            "on-due Mon 2023-11-06 09:00 -05:00 (2023-11-06T14:00:00Z) SJenV",
            "overdue#1 Tue 2023-11-07 09:00 -05:00 (2023-11-07T14:00:00Z) SJenV",
        ])
        #expect(try plan("America/New_York", due: "2024-03-11") == [
            "before-1d Fri 2024-03-08 09:00 -05:00 (2024-03-08T14:00:00Z) SJenV",
            "on-due Mon 2024-03-11 09:00 -04:00 (2024-03-11T13:00:00Z) SJenV",
            "overdue#1 Tue 2024-03-12 09:00 -04:00 (2024-03-12T13:00:00Z) SJenV",
        ])
        #expect(try plan("Australia/Sydney", due: "2023-10-02") == [
            "before-1d Fri 2023-09-29 09:00 +10:00 (2023-09-28T23:00:00Z) SJenV",
            "on-due Mon 2023-10-02 09:00 +11:00 (2023-10-01T22:00:00Z) SJenV",
            "overdue#1 Tue 2023-10-03 09:00 +11:00 (2023-10-02T22:00:00Z) SJenV",
        ])
        #expect(try plan("Australia/Sydney", due: "2024-04-08") == [
            "before-1d Fri 2024-04-05 09:00 +11:00 (2024-04-04T22:00:00Z) SJenV",
            "on-due Mon 2024-04-08 09:00 +10:00 (2024-04-07T23:00:00Z) SJenV",
            "overdue#1 Tue 2024-04-09 09:00 +10:00 (2024-04-08T23:00:00Z) SJenV",
        ])
        #expect(try plan("Europe/Amsterdam", due: "2024-04-02") == [
            "before-1d Mon 2024-04-01 09:00 +02:00 (2024-04-01T07:00:00Z) SJenV",
            "on-due Tue 2024-04-02 09:00 +02:00 (2024-04-02T07:00:00Z) SJenV",
            "overdue#1 Wed 2024-04-03 09:00 +02:00 (2024-04-03T07:00:00Z) SJenV",
        ])
        #expect(try plan("Europe/Amsterdam", due: "2024-03-29")[0] == "before-1d Thu 2024-03-28 09:00 +01:00 (2024-03-28T08:00:00Z) SJenV")
    }

    /// A workday that starts inside the gap or the fold, on days that are working days:
    /// every reminder at workday start follows the rule.
    @Test func workdayStartInsideAGapOrAFold() throws {
        func config(_ zone: String, _ workday: String, due: String) throws -> Config {
            try TestConfig.make(timezone: zone, workweek: "mon-sun", workday: workday, holidays: [], policy: """
                before: []
                on_due: true
                overdue: { times: 0 }
            """, items: TestConfig.item(due, r: "2023-01-02"))
        }
        #expect(try config("Europe/Amsterdam", "02:30-17:00", due: "2024-03-31").golden("x")
            == ["on-due Sun 2024-03-31 03:00 +02:00 (2024-03-31T01:00:00Z) SJenV"])
        #expect(try config("Europe/Amsterdam", "02:30-17:00", due: "2023-10-29").golden("x")
            == ["on-due Sun 2023-10-29 02:30 +02:00 (2023-10-29T00:30:00Z) SJenV"])
        #expect(try config("Australia/Sydney", "02:30-17:00", due: "2023-10-01").golden("x")
            == ["on-due Sun 2023-10-01 03:00 +11:00 (2023-09-30T16:00:00Z) SJenV"])
        #expect(try config("Australia/Sydney", "02:30-17:00", due: "2024-04-07").golden("x")
            == ["on-due Sun 2024-04-07 02:30 +11:00 (2024-04-06T15:30:00Z) SJenV"])
        #expect(try config("America/Santiago", "00:30-17:00", due: "2023-09-03").golden("x")
            == ["on-due Sun 2023-09-03 01:00 -03:00 (2023-09-03T04:00:00Z) SJenV"])
    }

    /// Timed values in the config go through the same rule: a `due:` or `remind_at:` in the
    /// gap is the first instant after it; in the fold, the first of the two.
    @Test func timedConfigValuesInGapAndFold() throws {
        let c = try TestConfig.make(policy: "    before: []\n    on_due: false\n    overdue: { times: 0 }", items: """
          - id: gap
            title: Due in the spring gap
            owner: SJenV
            due: 2024-03-31 02:30
            remind_at: [2024-03-31 02:15]
          - id: fold
            title: Due in the autumn fold
            owner: SJenV
            due: 2023-10-29 02:30
            remind_at: [2023-10-29 02:45]
        """)
        #expect(c.deadline("gap") == "Sun 2024-03-31 03:00 +02:00")
        #expect(c.deadline("fold") == "Sun 2023-10-29 02:30 +02:00")
        #expect(c.golden("gap") == ["at Sun 2024-03-31 03:00 +02:00 (2024-03-31T01:00:00Z) SJenV"])
        #expect(c.golden("fold") == ["at Sun 2023-10-29 02:45 +02:00 (2023-10-29T00:45:00Z) SJenV"])
    }

    /// Exact leads count clock time: 24h before a deadline the day after the change is a
    /// different wall-clock hour, and a weekend is not skipped.
    @Test func exactLeadsCountClockTimeAcrossAChange() throws {
        let c = try TestConfig.make(policy: "    before: [24h, 90m]\n    on_due: false\n    overdue: { times: 0 }",
                                    items: TestConfig.item("2023-10-29 12:00"))
        #expect(c.golden("x") == [
            "before-24h Sat 2023-10-28 13:00 +02:00 (2023-10-28T11:00:00Z) SJenV",
            "before-90m Sun 2023-10-29 10:30 +01:00 (2023-10-29T09:30:00Z) SJenV",
        ])
    }
}
