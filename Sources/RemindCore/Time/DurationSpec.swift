/// The units durations are written in everywhere in the config.
public enum DurationUnit: String, Sendable, CaseIterable, Codable {
    case seconds = "s", minutes = "m", hours = "h", days = "d", workdays = "wd", weeks = "w", months = "mo"

    /// Exact units are measured on the clock; the others on the calendar.
    public var isExact: Bool { self == .seconds || self == .minutes || self == .hours }
}

/// A duration as written (`7d`, `2wd`, `15m`, `-2wd`): kept symbolic because `1d` across a
/// DST change and `2wd` across a weekend are not fixed numbers of seconds.
///
/// The amount is stored as `Int32` (5 bytes in all, so an optional one fits beside a string
/// in a deadline): the grammar allows at most nine digits. Arithmetic that multiplies
/// amounts works on `Int` (`WorkCalendar.adding(_:_:to:)`).
public struct DurationSpec: Hashable, Sendable, Codable, CustomStringConvertible {
    private var packedAmount: Int32
    public var unit: DurationUnit

    public var amount: Int {
        get { Int(packedAmount) }
        set { packedAmount = Int32(newValue) }
    }

    public init(_ amount: Int, _ unit: DurationUnit) {
        packedAmount = Int32(amount)
        self.unit = unit
    }

    /// Parses `7d`, `2wd`, `1mo`, `30s`, with an optional sign and spaces (`+5 wd`), and the
    /// long forms `7 days`, `2 workdays`, `3 weeks`, `1 month`, `2 hours`, `15 minutes`.
    public init?(_ text: String) {
        var s = Substring(text.trimmingSpaces)
        var sign = 1
        if s.first == "+" { s = s.dropFirst() } else if s.first == "-" { sign = -1; s = s.dropFirst() }
        s = s.drop(while: { $0 == " " })
        let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 9, let n = Int(digits) else { return nil }
        let rest = s.dropFirst(digits.count).trimmingSpaces.lowercased()
        guard let unit = DurationSpec.unitWords[rest] else { return nil }
        self.init(sign * n, unit)
    }

    static let unitWords: [String: DurationUnit] = {
        var m: [String: DurationUnit] = [:]
        for u in DurationUnit.allCases { m[u.rawValue] = u }
        for (w, u) in [("sec", DurationUnit.seconds), ("second", .seconds), ("seconds", .seconds),
                       ("min", .minutes), ("minute", .minutes), ("minutes", .minutes),
                       ("hour", .hours), ("hours", .hours),
                       ("day", .days), ("days", .days),
                       ("workday", .workdays), ("workdays", .workdays),
                       ("working day", .workdays), ("working days", .workdays),
                       ("week", .weeks), ("weeks", .weeks),
                       ("month", .months), ("months", .months)] {
            m[w] = u
        }
        return m
    }()

    /// The longest span the config accepts, in days: 100 years. Calendar arithmetic walks
    /// working days one by one and stamps repeats as multiples of a span, so an amount of
    /// nine digits (`999999999wd`) would stall a load or leave the range of a date.
    public static let longestDays = 36_525

    /// Whether the span is at most `longestDays` long (either sign), in any unit.
    public var isWithinLimit: Bool {
        let a = amount.magnitude
        let days = UInt(Self.longestDays)
        switch unit {
        case .seconds: return a <= days * 86_400
        case .minutes: return a <= days * 1_440
        case .hours: return a <= days * 24
        case .days, .workdays: return a <= days
        case .weeks: return a <= days / 7
        case .months: return a <= 1_200
        }
    }

    /// What a config error says about a span over the limit.
    public static let limitHint = "at most 100 years (36525d, 5217w, 1200mo)"

    /// Seconds for the exact units; nil for calendar units.
    public var seconds: Int? {
        switch unit {
        case .seconds: return amount
        case .minutes: return amount * 60
        case .hours: return amount * 3600
        default: return nil
        }
    }

    /// Seconds for any unit, treating days as 86,400 s and months as 30 days. Only for
    /// settings that are true intervals (retry backoff, catch-up window).
    public var approximateSeconds: Double {
        switch unit {
        case .seconds, .minutes, .hours: return Double(seconds!)
        case .days, .workdays: return Double(amount) * 86_400
        case .weeks: return Double(amount) * 7 * 86_400
        case .months: return Double(amount) * 30 * 86_400
        }
    }

    public var description: String { "\(amount)\(unit.rawValue)" }
}
