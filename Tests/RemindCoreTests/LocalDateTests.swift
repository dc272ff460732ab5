import Testing
@testable import RemindCore

@Suite struct LocalDateTests {
    @Test func dayNumberRoundTrips() {
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
        #expect(LocalDate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(LocalDate(year: 2023, month: 9, day: 25).isoWeekday == 1)
        #expect(LocalDate(year: 2023, month: 10, day: 29).isoWeekday == 7)
    }

    @Test func monthArithmeticClampsToMonthEnd() {
        #expect(LocalDate("2024-01-31")!.adding(months: 1) == LocalDate("2024-02-29"))
        #expect(LocalDate("2023-01-31")!.adding(months: 1) == LocalDate("2023-02-28"))
        #expect(LocalDate("2023-12-15")!.adding(months: 1) == LocalDate("2024-01-15"))
        #expect(LocalDate("2024-03-31")!.adding(months: -1) == LocalDate("2024-02-29"))
        #expect(LocalDate("2100-02-29") == nil)
        #expect(LocalDate("2000-02-29") != nil)
    }

    @Test func durationsParse() {
        #expect(DurationSpec("7d") == DurationSpec(7, .days))
        #expect(DurationSpec("+5wd") == DurationSpec(5, .workdays))
        #expect(DurationSpec("-2wd") == DurationSpec(-2, .workdays))
        #expect(DurationSpec("1mo") == DurationSpec(1, .months))
        #expect(DurationSpec("15m") == DurationSpec(15, .minutes))
        #expect(DurationSpec("2 weeks") == DurationSpec(2, .weeks))
        #expect(DurationSpec("7x") == nil)
        #expect(DurationSpec("d") == nil)
    }
}
