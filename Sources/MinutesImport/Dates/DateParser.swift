import RemindCore

/// Dates as minutes write them: "25 september 2023", "1 nov.", "November 1, 2023",
/// "2023-11-01", "1-11-2023", "vrijdag 6 oktober". A date without a year is the first one
/// on or after the reference date, because minutes set deadlines in the future.
enum DateParser {
    struct Found {
        var date: LocalDate
        var range: Range<Int>
        var hasYear: Bool
    }

    static let monthNames: [(String, Int)] = [
        ("januari", 1), ("january", 1), ("jan", 1), ("februari", 2), ("february", 2), ("feb", 2),
        ("maart", 3), ("march", 3), ("mrt", 3), ("mar", 3), ("april", 4), ("apr", 4),
        ("mei", 5), ("may", 5), ("juni", 6), ("june", 6), ("jun", 6), ("juli", 7), ("july", 7),
        ("jul", 7), ("augustus", 8), ("august", 8), ("aug", 8), ("september", 9), ("sept", 9),
        ("sep", 9), ("oktober", 10), ("october", 10), ("okt", 10), ("oct", 10),
        ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
    ]
    static let monthNameSet = PhraseSet(monthNames.map(\.0))
    static let monthByName: [String: Int] = Dictionary(monthNames, uniquingKeysWith: { a, _ in a })
    static let monthAlternation = monthNames.map(\.0).sorted { $0.count > $1.count }.joined(separator: "|")
    /// Full month names only, for "in oktober", "begin december" (no "may", "mar", "dec").
    static let fullMonthAlternation = (monthNames.map(\.0).filter { $0.count >= 4 && $0 != "sept" } + ["mei"])
        .sorted { $0.count > $1.count }.joined(separator: "|")
    /// The same with "may", for places only the month fits: after "in", "by", "end of".
    static let monthAfterPrepositionAlternation = fullMonthAlternation + "|may"

    nonisolated(unsafe) static let iso = Patterns.regex(#"\b([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\b"#)
    nonisolated(unsafe) static let numeric = Patterns.regex(#"\b([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4}|[0-9]{2})\b"#)
    nonisolated(unsafe) static let dayMonth = Patterns.regex(#"\b([0-9]{1,2})(?:e|ste|de|st|nd|rd|th)?\s+(?:of\s+)?("# + monthAlternation + #")\b\.?(?:,?\s+([0-9]{4})\b)?"#)
    nonisolated(unsafe) static let monthDay = Patterns.regex(#"\b("# + monthAlternation + #")\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?\b(?:,?\s+([0-9]{4})\b)?"#)

    /// "15-10", "29/03": day and month without a year. Not a range of counts ("2-3 weken").
    nonisolated(unsafe) static let dayMonthNumeric = Patterns.regex(
        #"(?:^|[^0-9./-])([0-9]{1,2})[-/]([0-9]{1,2})(?![0-9/-]|\.[0-9]|\s*(?:weken|weeks|dagen|days|maanden|months|uur|hours|jaar|years|keer|times|%|x\b))"#)

    /// Every date in `text`, left to right; dates without a year need a reference. With
    /// `numericDayMonth`, "15-10" counts too (only where a deadline is expected).
    static func dates(in text: String, reference: LocalDate?, numericDayMonth: Bool = false) -> [Found] {
        let folded = Fold.string(text)
        // Every pattern below needs an ASCII digit; most sentences have none.
        guard folded.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
        var out: [Found] = []
        func add(_ y: Int?, _ m: Int, _ d: Int, _ r: Range<String.Index>) {
            let range = offsets(r, in: folded)
            if out.contains(where: { $0.range.overlaps(range) }) { return }
            guard (1...12).contains(m), d >= 1 else { return }
            if let y {
                let year = y < 100 ? 2000 + y : y
                guard d <= LocalDate.daysIn(year: year, month: m) else { return }
                out.append(Found(date: LocalDate(year: year, month: m, day: d), range: range, hasYear: true))
            } else if let ref = reference {
                var year = ref.year
                if m < ref.month || (m == ref.month && d < ref.day) { year += 1 }
                guard d <= LocalDate.daysIn(year: year, month: m) else { return }
                out.append(Found(date: LocalDate(year: year, month: m, day: d), range: range, hasYear: false))
            }
        }
        // The patterns need a dash, or a month's name: most sentences with a digit have
        // neither, and each pattern is a pass of Regex over the whole sentence.
        let dash = folded.contains("-")
        let month = monthNameSet.occurs(in: folded)
        for m in dash ? folded.matches(of: iso) : [] {
            guard let y = number(m, 1), let mo = number(m, 2), let d = number(m, 3) else { continue }
            add(y, mo, d, m.range)
        }
        for m in folded.matches(of: numeric) {
            guard let y = number(m, 3), let mo = number(m, 2), let d = number(m, 1) else { continue }
            add(y, mo, d, m.range)
        }
        for m in month ? folded.matches(of: dayMonth) : [] {
            guard let name = m.output[2].substring, let mo = monthByName[String(name)], let d = number(m, 1) else { continue }
            add(number(m, 3), mo, d, m.range)
        }
        for m in month ? folded.matches(of: monthDay) : [] {
            guard let name = m.output[1].substring.map(String.init), let mo = monthByName[name],
                  let d = number(m, 2) else { continue }
            // "may 5" is too often the verb; require a capital M in the original.
            if name == "may" {
                let o = offsets(m.range, in: folded).lowerBound
                if text.characterSlice(o, o + 1) != "M" { continue }
            }
            add(number(m, 3), mo, d, m.range)
        }
        if numericDayMonth {
            for m in folded.matches(of: dayMonthNumeric) {
                guard let mo = number(m, 2), let d = number(m, 1),
                      let lo = m.output[1].range?.lowerBound, let hi = m.output[2].range?.upperBound else { continue }
                add(nil, mo, d, lo..<hi)
            }
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Capture `i` as a number of at most four ASCII digits; nil for anything else. The
    /// patterns ask for `[0-9]` (a Regex `\d` also takes "²" or "᠓", which `Int` refuses),
    /// and this refuses them again, so no pattern change can bring back a crash.
    static func number(_ m: Regex<AnyRegexOutput>.Match, _ i: Int) -> Int? {
        guard let s = m.output[i].substring, !s.isEmpty, s.utf8.count <= 4,
              s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s)
    }

    static func fullDates(in text: String) -> [LocalDate] {
        dates(in: text, reference: nil).filter(\.hasYear).map(\.date)
    }

    static func offsets(_ r: Range<String.Index>, in s: String) -> Range<Int> {
        let lo = s.distance(from: s.startIndex, to: r.lowerBound)
        return lo..<(lo + s.distance(from: r.lowerBound, to: r.upperBound))
    }
}
