import Foundation

/// Why a `due:` text is not a deadline, phrased for the person who wrote it.
public struct DeadlineParseError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public var description: String { reason }
}

extension DeadlineExpr {
    static let grammarHint = "expected a date (2023-10-02), a date and time (2023-10-02 12:00, 2023-10-02T12:00:30Z), 'this week', 'next week', 'end of month', 'in N days|weeks|months|workdays' (or +Nd, +Nw, +Nmo, +Nwd), 'next meeting', 'next <series> [-2wd]' or 'after <event> [+N d|wd|w]'"

    /// Parses DESIGN's deadline grammar. Case and surrounding spaces do not matter; names
    /// (series, events) keep their case.
    public static func parse(_ raw: String) throws -> DeadlineExpr {
        let text = raw.trimmingSpaces
        let fail = { (why: String) -> DeadlineParseError in
            DeadlineParseError(text: raw, reason: "cannot read deadline '\(raw)': \(why)")
        }
        let lower = text.lowercased()
        if let d = LocalDate(text) { return .date(d) }
        if let t = parseTimed(text) { return t }
        switch lower {
        case "this week": return .thisWeek
        case "next week": return .nextWeek
        case "end of month", "end of the month": return .endOfMonth
        case "next meeting": return .nextMeeting(series: nil, offset: nil)
        default: break
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // Spans past the limit would leave the range of a date (or walk it day by day).
        func span(_ s: String) throws -> DurationSpec? {
            guard let d = DurationSpec(s) else { return nil }
            guard d.isWithinLimit else { throw fail("'\(s.trimmingSpaces)' is too long; an offset is \(DurationSpec.limitHint)") }
            return d
        }
        if lower.hasPrefix("+") {
            guard let d = try span(text), d.amount >= 0 else { throw fail(grammarHint) }
            return try relative(d, fail)
        }
        if words.first?.lowercased() == "in", words.count >= 2 {
            guard let d = try span(words.dropFirst().joined(separator: " ")), d.amount >= 0 else {
                throw fail("'in' needs a number and a unit (days, weeks, months, workdays)")
            }
            return try relative(d, fail)
        }
        if words.first?.lowercased() == "next", words.count >= 2 {
            let name = words[1]
            let series: String? = name.lowercased() == "meeting" ? nil : name
            let rest = words.dropFirst(2).joined(separator: " ")
            if rest.isEmpty { return .nextMeeting(series: series, offset: nil) }
            guard rest.hasPrefix("+") || rest.hasPrefix("-"), let off = try span(rest) else {
                throw fail("the offset after '\(words[0]) \(name)' must look like -2wd, +1d or -2h")
            }
            return .nextMeeting(series: series, offset: off)
        }
        if words.first?.lowercased() == "after" {
            guard words.count >= 2 else { throw fail("'after' needs an event name") }
            let rest = words.dropFirst(2).joined(separator: " ")
            if rest.isEmpty { return .afterEvent(words[1], offset: nil) }
            guard let off = try span(rest), off.amount >= 0, !off.unit.isExact, off.unit != .months else {
                throw fail("the offset after 'after \(words[1])' must look like +5wd, +3d or +1w")
            }
            return .afterEvent(words[1], offset: off)
        }
        throw fail(grammarHint)
    }

    private static func relative(_ d: DurationSpec, _ fail: (String) -> DeadlineParseError) throws -> DeadlineExpr {
        if d.unit.isExact {
            throw fail("a relative deadline counts days, workdays, weeks or months, not \(d.unit == .hours ? "hours" : d.unit == .minutes ? "minutes" : "seconds")")
        }
        return .relative(d)
    }

    /// `2023-10-02 12:00`, `2023-10-02T12:00[:30]`, optionally with `Z` or `±HH:MM`.
    public static func parseTimed(_ text: String) -> DeadlineExpr? {
        guard text.count >= 16 else { return nil }
        let dateEnd = text.index(text.startIndex, offsetBy: 10)
        guard let date = LocalDate(String(text[..<dateEnd])) else { return nil }
        let sep = text[dateEnd]
        guard sep == " " || sep == "T" || sep == "t" else { return nil }
        var rest = Substring(text[text.index(after: dateEnd)...])
        var offset: Int?
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0
            rest = rest.dropLast()
        } else if rest.count > 6 {
            let tail = rest.suffix(6)
            if tail.first == "+" || tail.first == "-", let t = LocalTime(String(tail.dropFirst())) {
                offset = (tail.first == "-" ? -1 : 1) * (t.hour * 3600 + t.minute * 60)
                rest = rest.dropLast(6)
            }
        }
        var fraction = 0.0
        if let dot = rest.firstIndex(where: { $0 == "." || $0 == "," }) {
            guard let f = Double("0." + rest[rest.index(after: dot)...]) else { return nil }
            fraction = f
            rest = rest[..<dot]
        }
        guard let time = LocalTime(String(rest)) else { return nil }
        if let off = offset {
            let secs = Double(date.dayNumber * 86_400 + time.secondsOfDay - off) + fraction
            return .instant(Date(timeIntervalSince1970: secs))
        }
        return .localDateTime(date, time)
    }
}
