import Foundation
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

    /// `YYYY-MM-DD` is read on its bytes; what is not quite that takes the general path, and
    /// both answer as they did.
    @Test func datesParseOnTheirBytesAndOtherwise() {
        #expect(LocalDate("2024-02-29") == LocalDate(year: 2024, month: 2, day: 29))
        #expect(LocalDate("0001-01-01") == LocalDate(year: 1, month: 1, day: 1))
        for text in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-04-00", "2024-1-05",
                     "2024/01/05", "20240105", "2024-01-05 ", "２０２４-01-05", "2024-01-0x", "", "2024--01-5"] {
            #expect(LocalDate(text) == nil, "\(text)")
        }
        // A sign is what `Int` reads, and the general path has always let it through.
        #expect(LocalDate("+123-01-05") == LocalDate(year: 123, month: 1, day: 5))
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

    @Test func packedDatesKeepEveryYearMonthAndDay() {
        for (y, m, d) in [(1, 1, 1), (1, 12, 31), (9999, 12, 31), (9999, 1, 1), (2024, 2, 29), (1970, 1, 1)] {
            let date = LocalDate(year: y, month: m, day: d)
            #expect(date.year == y && date.month == m && date.day == d)
            #expect(LocalDate(date.description) == date)
            #expect(LocalDate(dayNumber: date.dayNumber) == date)
        }
        #expect(LocalDate(year: 1, month: 1, day: 1).description == "0001-01-01")
        #expect(LocalDate(year: 9999, month: 12, day: 31).description == "9999-12-31")
        // Years outside four digits still count (date arithmetic can reach them).
        #expect(LocalDate(dayNumber: LocalDate(year: 0, month: 3, day: 1).dayNumber).year == 0)
        #expect(LocalDate(year: -44, month: 3, day: 15).adding(days: 1) == LocalDate(year: -44, month: 3, day: 16))
        #expect(LocalDate(year: 9999, month: 12, day: 31).adding(days: 1) == LocalDate(year: 10_000, month: 1, day: 1))
        var changed = LocalDate(year: 2023, month: 9, day: 25)
        changed.year = 9999
        changed.month = 12
        changed.day = 31
        #expect(changed == LocalDate("9999-12-31"))
    }

    @Test func packedDatesCompareAndHashByValue() {
        let days = [LocalDate(year: 1, month: 1, day: 1), LocalDate(year: 1, month: 1, day: 2),
                    LocalDate(year: 1, month: 2, day: 1), LocalDate(year: 2, month: 1, day: 1),
                    LocalDate(year: 2023, month: 12, day: 31), LocalDate(year: 2024, month: 1, day: 1),
                    LocalDate(year: 9999, month: 12, day: 30), LocalDate(year: 9999, month: 12, day: 31)]
        for (i, a) in days.enumerated() {
            for (j, b) in days.enumerated() {
                #expect((a < b) == (i < j))
                #expect((a == b) == (i == j))
            }
        }
        let a = LocalDate(year: 2023, month: 10, day: 2), b = LocalDate("2023-10-02")!
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(Set([a, b, LocalDate(dayNumber: a.dayNumber)]).count == 1)
        #expect([a: 1][b] == 1)
        let t1 = LocalTime(hour: 23, minute: 59, second: 59), t2 = LocalTime("23:59:59")!
        #expect(t1 == t2 && t1.hashValue == t2.hashValue && t1.secondsOfDay == 86_399)
        #expect(LocalTime(hour: 9, minute: 0) < LocalTime(hour: 9, minute: 0, second: 1))
        #expect(DurationSpec(-999_999_999, .days).amount == -999_999_999)
        #expect(DurationSpec("999999999wd") == DurationSpec(999_999_999, .workdays))
    }

    @Test func packedDatesEncodeAsBefore() throws {
        let d = LocalDate(year: 2023, month: 9, day: 5)
        let data = try JSONEncoder().encode([d])
        #expect(String(decoding: data, as: UTF8.self) == #"["2023-09-05"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [d])
    }
}
