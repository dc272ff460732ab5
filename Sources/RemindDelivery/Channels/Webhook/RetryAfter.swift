import Foundation

/// `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. A server that says when
/// to come back is obeyed, so a rate-limited chat service is not hammered by the backoff.
enum RetryAfter {
    /// Seconds from `now`; never negative. nil when absent or unreadable.
    static func seconds(from headerLines: [String], now: Date) -> Double? {
        for line in headerLines {
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "retry-after" else { continue }
            return parse(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces), now: now)
        }
        return nil
    }

    static func parse(_ value: String, now: Date) -> Double? {
        if !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return Double(value)
        }
        guard let date = httpDate(value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`), as the
    /// RFC asks recipients to accept. Parsed by hand: no locale, no formatter.
    static func httpDate(_ s: String) -> Date? {
        let parts = s.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        var day: Int?, month: Int?, year: Int?, time: String?
        if parts.count == 4, parts[1].contains("-") { // RFC 850
            let dmy = parts[1].split(separator: "-").map(String.init)
            guard dmy.count == 3 else { return nil }
            day = Int(dmy[0]); month = monthIndex(dmy[1]); year = Int(dmy[2]); time = parts[2]
            if let y = year, y < 100 { year = y < 70 ? 2000 + y : 1900 + y }
            guard parts[3] == "GMT" else { return nil }
        } else if parts.count == 6, parts[5] == "GMT" { // IMF-fixdate
            day = Int(parts[1]); month = monthIndex(parts[2]); year = Int(parts[3]); time = parts[4]
        } else if parts.count == 5 { // asctime
            month = monthIndex(parts[1]); day = Int(parts[2]); time = parts[3]; year = Int(parts[4])
        } else {
            return nil
        }
        guard let d = day, let m = month, let y = year, let t = time else { return nil }
        let hms = t.split(separator: ":").compactMap { Int($0) }
        guard hms.count == 3, (1...31).contains(d), (0...23).contains(hms[0]), (0...59).contains(hms[1]),
              (0...60).contains(hms[2]) else { return nil }
        let days = daysFromCivil(y, m, d)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2]))
    }

    private static func monthIndex(_ s: String) -> Int? {
        months.firstIndex(of: s.lowercased()).map { $0 + 1 }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    private static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
