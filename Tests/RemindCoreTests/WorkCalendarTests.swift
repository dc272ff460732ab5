import Foundation
import Testing
@testable import RemindCore

/// Working days are the `workweek` days that are not `holidays`; workday start and end are
/// the ends of `workday`.
@Suite struct WorkCalendarTests {
    static let amsterdam = TimeZone(identifier: "Europe/Amsterdam")!
    static let christmas: Set<LocalDate> = [LocalDate("2023-12-25")!, LocalDate("2023-12-26")!]

    @Test func weekendsAndHolidaysAreNotWorkingDays() {
        let cal = WorkCalendar(timeZone: Self.amsterdam, holidays: Self.christmas)
        #expect(cal.isWorkingDay(LocalDate("2023-12-22")!))
        #expect(!cal.isWorkingDay(LocalDate("2023-12-23")!))
        #expect(!cal.isWorkingDay(LocalDate("2023-12-24")!))
        #expect(!cal.isWorkingDay(LocalDate("2023-12-25")!))
        #expect(!cal.isWorkingDay(LocalDate("2023-12-26")!))
        #expect(cal.isWorkingDay(LocalDate("2023-12-27")!))
        #expect(cal.workingDay(onOrAfter: LocalDate("2023-12-23")!) == LocalDate("2023-12-27"))
        #expect(cal.workingDay(onOrBefore: LocalDate("2023-12-26")!) == LocalDate("2023-12-22"))
        #expect(cal.workingDay(onOrAfter: LocalDate("2023-12-27")!) == LocalDate("2023-12-27"))
    }

    @Test func countingWorkingDays() {
        let cal = WorkCalendar(timeZone: Self.amsterdam, holidays: Self.christmas)
        let fri = LocalDate("2023-12-22")!
        #expect(cal.adding(workdays: 1, to: fri) == LocalDate("2023-12-27"))
        #expect(cal.adding(workdays: 3, to: fri) == LocalDate("2023-12-29"))
        #expect(cal.adding(workdays: -1, to: LocalDate("2023-12-27")!) == fri)
        #expect(cal.adding(workdays: 0, to: LocalDate("2023-12-24")!) == LocalDate("2023-12-24"))
        // From a non-working day the count starts with the next working day.
        #expect(cal.adding(workdays: 1, to: LocalDate("2023-12-24")!) == LocalDate("2023-12-27"))
        #expect(cal.adding(DurationSpec(2, .weeks), to: fri) == LocalDate("2024-01-05"))
        #expect(cal.adding(DurationSpec(1, .months), to: LocalDate("2024-01-31")!) == LocalDate("2024-02-29"))
    }

    /// The workweek as written in the config: ranges (also across Sunday), lists, Dutch day
    /// names.
    @Test func workweekForms() throws {
        func days(_ workweek: String) throws -> Set<Int> {
            try TestConfig.make(workweek: workweek, items: TestConfig.item("2023-10-02")).calendar.workdays
        }
        #expect(try days("mon-fri") == [1, 2, 3, 4, 5])
        #expect(try days("mon-thu") == [1, 2, 3, 4])
        #expect(try days("sun-thu") == [7, 1, 2, 3, 4])
        #expect(try days("[mon, wed, fri]") == [1, 3, 5])
        #expect(try days("ma-vr") == [1, 2, 3, 4, 5])
        #expect(try days("mon-wed, fri") == [1, 2, 3, 5])
    }

    /// A four-day week and a different workday move every reminder with them.
    @Test func workweekAndWorkdayShapeTheSchedule() throws {
        let c = try TestConfig.make(workweek: "mon-thu", workday: "08:30-16:00", items: TestConfig.item("2023-10-06"))
        // Fri 10-06 is no working day: leads and on_due go back to Thursday (before-1d and
        // on_due then coincide and merge), overdue reminders go forward.
        #expect(c.golden("x") == [
            "before-7d Thu 2023-09-28 08:30 +02:00 (2023-09-28T06:30:00Z) SJenV",
            "on-due+before Thu 2023-10-05 08:30 +02:00 (2023-10-05T06:30:00Z) SJenV",
            "overdue#1 Mon 2023-10-09 08:30 +02:00 (2023-10-09T06:30:00Z) SJenV",
            "overdue#2 Wed 2023-10-11 08:30 +02:00 (2023-10-11T06:30:00Z) SJenV +chair",
            "overdue#3 Mon 2023-10-16 08:30 +02:00 (2023-10-16T06:30:00Z) SJenV +chair",
        ])
    }

    /// The bit lookup answers as the sets it is made from, for any workweek and holidays,
    /// before, between and after the holidays, and after either set changes.
    @Test func workingDaysAsBitsMatchTheSets() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        var rng = SystemRandomNumberGenerator()
        for round in 0..<40 {
            let workdays = Set((1...7).filter { _ in Bool.random(using: &rng) })
            let base = LocalDate(year: 1990 + round, month: 1, day: 1).dayNumber
            let holidays = Set((0..<(round % 7) * 5).map { _ in LocalDate(dayNumber: base + Int.random(in: 0..<900, using: &rng)) })
            var cal = WorkCalendar(timeZone: zone, workdays: workdays, holidays: holidays)
            func check() {
                for n in (base - 400)..<(base + 1_300) {
                    let d = LocalDate(dayNumber: n)
                    let expected = cal.workdays.contains(d.isoWeekday) && !cal.holidays.contains(d)
                    #expect(cal.isWorkingDay(d) == expected, "\(d) workdays \(cal.workdays.sorted())")
                    if cal.isWorkingDay(d) != expected { return }
                }
            }
            check()
            cal.holidays.insert(LocalDate(dayNumber: base + 1_000))
            cal.workdays.insert(6)
            check()
        }
    }
}
