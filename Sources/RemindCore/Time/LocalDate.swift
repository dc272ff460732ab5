import Foundation

/// A calendar day with no zone attached. Deadlines, holidays and meeting dates are days
/// in the configured zone; keeping them zone-free until the last step avoids the classic
/// "midnight UTC is the previous day in Amsterdam" bugs.
///
/// Stored packed (6 bytes instead of 24): an item holds several dates and a config holds
/// 100,000 items. Years must fit `Int32` and months and days `0...255`; every date the
/// config grammar or date arithmetic produces does.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    private var packedYear: Int32
    private var packedMonth: UInt8
    private var packedDay: UInt8

    public var year: Int {
        get { Int(packedYear) }
        set { packedYear = Int32(newValue) }
    }
    public var month: Int {
        get { Int(packedMonth) }
        set { packedMonth = UInt8(newValue) }
    }
    public var day: Int {
        get { Int(packedDay) }
        set { packedDay = UInt8(newValue) }
    }

    public init(year: Int, month: Int, day: Int) {
        packedYear = Int32(year)
        packedMonth = UInt8(month)
        packedDay = UInt8(day)
    }

    /// Parses `YYYY-MM-DD` and checks that the day exists.
    public init?(_ text: String) {
        // The usual form read on its bytes; anything else takes the general path below.
        if let date = Self.plain(text.utf8) {
            self = date
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(year: y, month: m)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD` of ASCII digits, an existing day; nil for anything else.
    private static func plain(_ bytes: String.UTF8View) -> LocalDate? {
        guard bytes.count == 10 else { return nil }
        var numbers = (0, 0, 0)
        var index = 0
        for byte in bytes {
            switch index {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { return nil }
            default:
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if index < 4 { numbers.0 = numbers.0 * 10 + digit }
                else if index < 7 { numbers.1 = numbers.1 * 10 + digit }
                else { numbers.2 = numbers.2 * 10 + digit }
            }
            index += 1
        }
        let (y, m, d) = numbers
        guard (1...12).contains(m), d >= 1, d <= daysIn(year: y, month: m) else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian); exact integer arithmetic, no Calendar.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Adds calendar months; a day the target month lacks becomes its last day.
    public func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let y = Int((Double(total) / 12).rounded(.down))
        let m = total - y * 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(year: y, month: m)))
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let w = (dayNumber + 3) % 7 // 1970-01-01 was a Thursday (index 3 from Monday)
        return (w < 0 ? w + 7 : w) + 1
    }

    public var lastDayOfMonth: LocalDate {
        LocalDate(year: year, month: month, day: LocalDate.daysIn(year: year, month: month))
    }

    public var description: String {
        var out = ""
        Digits.append(year, width: 4, to: &out)
        out += "-"
        Digits.append(month, width: 2, to: &out)
        out += "-"
        Digits.append(day, width: 2, to: &out)
        return out
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDate(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(s)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A wall-clock time of day. Stored packed (3 bytes); each part must fit `0...255`.
public struct LocalTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    private var packedHour: UInt8
    private var packedMinute: UInt8
    private var packedSecond: UInt8

    public var hour: Int {
        get { Int(packedHour) }
        set { packedHour = UInt8(newValue) }
    }
    public var minute: Int {
        get { Int(packedMinute) }
        set { packedMinute = UInt8(newValue) }
    }
    public var second: Int {
        get { Int(packedSecond) }
        set { packedSecond = UInt8(newValue) }
    }

    public init(hour: Int, minute: Int, second: Int = 0) {
        packedHour = UInt8(hour)
        packedMinute = UInt8(minute)
        packedSecond = UInt8(second)
    }

    /// Parses `HH:MM` or `HH:MM:SS` (24-hour clock).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let h = Int(parts[0]), let m = Int(parts[1]),
              (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) : 0
        guard let sec = s, (0...59).contains(sec) else { return nil }
        self.init(hour: h, minute: m, second: sec)
    }

    public var secondsOfDay: Int { hour * 3600 + minute * 60 + second }

    public var description: String {
        var out = ""
        Digits.append(hour, width: 2, to: &out)
        out += ":"
        Digits.append(minute, width: 2, to: &out)
        if second != 0 {
            out += ":"
            Digits.append(second, width: 2, to: &out)
        }
        return out
    }

    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.secondsOfDay < b.secondsOfDay }
}
