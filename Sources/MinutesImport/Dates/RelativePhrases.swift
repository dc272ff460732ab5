import RemindCore

/// Deadlines said relative to the meeting ("de komende week", "over twee weken", "eind
/// oktober", "voor de zomer", "Q4") and the windows in which outside events are expected.
extension DeadlinePhrases {
    nonisolated(unsafe) static let todayRx = Patterns.regex(#"\b(vandaag|vanmiddag|vanavond|today|this afternoon|end of (?:the )?day)\b"#)
    nonisolated(unsafe) static let tomorrowRx = Patterns.regex(#"\b(morgen|tomorrow)\b"#)
    nonisolated(unsafe) static let thisWeekRx = Patterns.regex(#"\b(deze week|this week|eind van (?:de|deze) week|einde van (?:de|deze) week|eind deze week|end of (?:the|this) week|deze werkweek)\b"#)
    nonisolated(unsafe) static let comingWeekRx = Patterns.regex(#"\b((?:de |in de )?komende week|(?:the |in the )?coming week|binnen een week|within (?:a|one) week)\b"#)
    nonisolated(unsafe) static let nextWeekRx = Patterns.regex(#"\b(volgende week|next week)\b"#)
    nonisolated(unsafe) static let spanRx = Patterns.regex(#"\b(over|binnen|within|in|uiterlijk over|na)\s+("# + NumberWords.alternation + #")\s+("# + NumberWords.unitAlternation + #")\b"#)
    nonisolated(unsafe) static let fortnightRx = Patterns.regex(#"\b(within|in) a fortnight\b"#)
    nonisolated(unsafe) static let monthEndRx = Patterns.regex(#"\b(deze maand|this month|eind(?:e)? van (?:de|deze) maand|eind deze maand|einde maand|end of (?:the |this )?month|month[- ]end)\b"#)
    nonisolated(unsafe) static let nextMonthRx = Patterns.regex(#"\b(volgende maand|next month)\b"#)
    nonisolated(unsafe) static let yearEndRx = Patterns.regex(#"\b((?:het )?eind(?:e)? van (?:het|dit) jaar|eind dit jaar|eind(?:e)? v/h jaar|jaareinde|jaarwisseling|year[- ]end|(?:the )?end of (?:the|this) year)\b"#)
    nonisolated(unsafe) static let summerRx = Patterns.regex(#"\b(?:voor|vóór|before|by)\s+(?:de |het |the )?(zomer|zomerreces|zomervakantie|summer|summer break|summer recess|summer holidays)\b"#)
    nonisolated(unsafe) static let afterSummerRx = Patterns.regex(#"\b(?:na|after)\s+(?:de |het |the )?(zomer|zomervakantie|summer|summer break|summer holidays)\b"#)
    nonisolated(unsafe) static let christmasRx = Patterns.regex(#"\b(?:voor|vóór|before|by|uiterlijk|ahead of)\s+(?:de |het |the )?(kerst|kerstmis|kerstvakantie|kerstreces|christmas|xmas|christmas break|christmas holidays|christmas recess)\b"#)
    /// "in de vergadering van november", "at the November meeting" (a month's meeting).
    nonisolated(unsafe) static let monthMeetingRx = Patterns.regex(#"\b(?:vergadering|overleg|bijeenkomst|meeting|sessie|session)\s+(?:van|of|in)\s+("# + DateParser.monthAfterPrepositionAlternation + #")\b(?:\s+([0-9]{4}))?|\b(?:the|de|het)\s+("# + DateParser.monthAfterPrepositionAlternation + #")\s+(?:meeting|vergadering|board|session)\b"#)
    /// A table's "when" cell holding only a month: "november", "juni 2024".
    nonisolated(unsafe) static let bareMonthRx = Patterns.regex(#"^\s*("# + DateParser.fullMonthAlternation + #")\.?(?:\s+([0-9]{4}))?\s*$"#)
    nonisolated(unsafe) static let quarterRx = Patterns.regex(#"\b(?:in|voor|vóór|by|before|uiterlijk|tijdens|during|end of|eind|einde)\s+(?:het\s+|the\s+)?(?:q([1-4])|(eerste|tweede|derde|vierde|1e|2e|3e|4e|first|second|third|fourth) (?:kwartaal|quarter))(?:\s+(?:van\s+|of\s+)?([0-9]{4}))?\b"#)
    /// "eind dit kwartaal", "by the end of this quarter", "voor het einde van het kwartaal".
    nonisolated(unsafe) static let thisQuarterRx = Patterns.regex(#"\b(?:in|voor|vóór|by|before|uiterlijk|binnen|within|(?:the\s+)?end\s+of|(?:het\s+)?eind(?:e)?(?:\s+van)?)\s+(?:het\s+|the\s+)?(?:dit|deze|this|huidige|current)\s+(?:kwartaal|quarter)\b|\b(?:eind(?:e)?\s+van\s+het|(?:the\s+)?end\s+of\s+the)\s+(?:kwartaal|quarter)\b"#)
    nonisolated(unsafe) static let weekNumberRx = Patterns.regex(#"\b(?:in|voor|by|uiterlijk|before)\s+week\s+([0-9]{1,2})\b"#)
    nonisolated(unsafe) static let monthPartRx = Patterns.regex(#"\b(begin|start|early|beginning of|start of|half|medio|midden|mid|eind|einde|end of|late|the end of|eind van|einde van)\s*-?\s*("# + DateParser.monthAfterPrepositionAlternation + #")\b(?:\s+([0-9]{4}))?(?!\s*[0-9])"#)
    nonisolated(unsafe) static let monthRx = Patterns.regex(#"\b(in|in de loop van|in the course of|voor|vóór|before|by|during|tijdens|uiterlijk in|gedurende|per|na|after|op)\s+("# + DateParser.monthAfterPrepositionAlternation + #")\b(?:\s+([0-9]{4}))?(?!\s*[0-9])"#)

    static func relative(_ f: String, reference r: LocalDate?, calendar cal: WorkCalendar) -> DeadlineGuess? {
        if let m = f.firstMatch(of: thisWeekRx, ifHolding: ["week"]) { return DeadlineGuess(due: .thisWeek, phrase: String(m.output[0].substring!)) }
        if let m = f.firstMatch(of: comingWeekRx, ifHolding: ["week"]) { return DeadlineGuess(due: .relative(1, .weeks), phrase: String(m.output[0].substring!)) }
        if let m = f.firstMatch(of: nextWeekRx, ifHolding: ["week"]) { return DeadlineGuess(due: .nextWeek, phrase: String(m.output[0].substring!)) }
        // Every unit word holds one of these.
        if let m = f.firstMatch(of: spanRx, ifHolding: ["dag", "day", "week", "weken", "maand", "month"]), m.output[1].substring != "na",
           let n = NumberWords.value(m.output[2].substring), let u = NumberWords.unit(m.output[3].substring) {
            return DeadlineGuess(due: .relative(n, u), phrase: String(m.output[0].substring!))
        }
        if let m = f.firstMatch(of: fortnightRx, ifHolding: ["fortnight"]) { return DeadlineGuess(due: .relative(2, .weeks), phrase: String(m.output[0].substring!)) }
        if let m = f.firstMatch(of: monthEndRx, ifHolding: ["maand", "month"]) { return DeadlineGuess(due: .endOfMonth, phrase: String(m.output[0].substring!)) }
        guard let r else { return nil }
        if let m = f.firstMatch(of: todayRx, ifHolding: ["vandaag", "vanmiddag", "vanavond", "today", "this afternoon", "end of"]) { return DeadlineGuess(due: .date(r), phrase: String(m.output[0].substring!)) }
        if let m = f.firstMatch(of: tomorrowRx, ifHolding: ["morgen", "tomorrow"]) {
            return DeadlineGuess(due: .date(cal.workingDay(onOrAfter: r.adding(days: 1))), phrase: String(m.output[0].substring!))
        }
        if let m = f.firstMatch(of: nextMonthRx, ifHolding: ["maand", "month"]) {
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: r.adding(months: 1).lastDayOfMonth)), phrase: String(m.output[0].substring!))
        }
        if let m = f.firstMatch(of: yearEndRx, ifHolding: ["jaar", "year"]) {
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: LocalDate(year: r.year, month: 12, day: 31))), phrase: String(m.output[0].substring!))
        }
        if let m = f.firstMatch(of: christmasRx, ifHolding: ["kerst", "christmas", "xmas"]) {
            // Before Christmas: the last working day up to 24 December.
            let year = r.month == 12 && r.day > 24 ? r.year + 1 : r.year
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: LocalDate(year: year, month: 12, day: 24))), phrase: String(m.output[0].substring!))
        }
        if let m = f.firstMatch(of: afterSummerRx, ifHolding: ["zomer", "summer"]) {
            // "Na de zomer" names no end, but a secretary tracking it looks again once the
            // holidays are over: the middle of September, as "medio september" resolves.
            let year = r.month >= 9 ? r.year + 1 : r.year
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: LocalDate(year: year, month: 9, day: 20))), phrase: String(m.output[0].substring!))
        }
        if let m = f.firstMatch(of: summerRx, ifHolding: ["zomer", "summer"]) {
            let year = r.month >= 7 ? r.year + 1 : r.year
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: LocalDate(year: year, month: 6, day: 30))), phrase: String(m.output[0].substring!))
        }
        if let m = f.firstMatch(of: quarterRx, ifHolding: ["q", "kwartaal", "quarter"]) {
            let names = ["eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "1e": 1, "2e": 2, "3e": 3, "4e": 4,
                         "first": 1, "second": 2, "third": 3, "fourth": 4]
            let q = m.output[1].substring.flatMap { Int($0) } ?? names[String(m.output[2].substring ?? "")] ?? 4
            var year = m.output[3].substring.flatMap { Int($0) } ?? r.year
            if m.output[3].substring == nil, q * 3 < r.month { year += 1 }
            let end = LocalDate(year: year, month: q * 3, day: 1).lastDayOfMonth
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: end)), phrase: String(m.output[0].substring!))
        }
        if let m = f.firstMatch(of: thisQuarterRx, ifHolding: ["kwartaal", "quarter"]) {
            let end = LocalDate(year: r.year, month: ((r.month - 1) / 3 + 1) * 3, day: 1).lastDayOfMonth
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: end)), phrase: String(m.output[0].substring!))
        }
        if let m = f.firstMatch(of: weekNumberRx, ifHolding: ["week"]), let n = Int(m.output[1].substring!), (1...53).contains(n) {
            var year = r.year
            if n < isoWeek(of: r) { year += 1 }
            let sunday = isoWeekMonday(year: year, week: n).adding(days: 6)
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: sunday)), phrase: String(m.output[0].substring!))
        }
        return nil
    }

    static func monthPhrase(_ f: String, reference r: LocalDate?, calendar cal: WorkCalendar, bare: Bool = false) -> DeadlineGuess? {
        // Every pattern here holds a month's name.
        guard let r, DateParser.monthNameSet.occurs(in: f) else { return nil }
        // A month's meeting names the meeting: most sentences with a month name do not.
        let meetingWords = ["vergadering", "overleg", "bijeenkomst", "meeting", "sessie", "session", "board"]
        for (rx, words) in [(monthMeetingRx, meetingWords)] + (bare ? [(bareMonthRx, nil)] : []) {
            guard let m = words.map({ f.firstMatch(of: rx, ifHolding: $0) }) ?? f.firstMatch(of: rx) else { continue }
            let name = m.output[1].substring ?? m.output[3].substring
            guard let n = name, let month = DateParser.monthByName[String(n)] else { continue }
            let year = m.output[2].substring.flatMap { Int($0) } ?? (month < r.month ? r.year + 1 : r.year)
            let last = LocalDate(year: year, month: month, day: 1).lastDayOfMonth
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: last)), phrase: String(m.output[0].substring!).trimmedSpaces)
        }
        if let (w, phrase, _) = monthWindow(f, reference: r) {
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: w.end)), phrase: phrase)
        }
        if let m = f.firstMatch(of: monthRx), let month = DateParser.monthByName[String(m.output[2].substring!)] {
            let prep = String(m.output[1].substring!)
            if prep == "na" || prep == "after" { return nil }
            let year = m.output[3].substring.flatMap { Int($0) } ?? (month < r.month ? r.year + 1 : r.year)
            let first = LocalDate(year: year, month: month, day: 1)
            let before = ["voor", "vóór", "before", "by", "per"].contains(prep)
            let day = before ? first.adding(days: -1) : first.lastDayOfMonth
            return DeadlineGuess(due: .date(cal.workingDay(onOrBefore: day)), phrase: String(m.output[0].substring!))
        }
        return nil
    }

    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July",
                                "August", "September", "October", "November", "December"]

    /// "begin december" → 2023-12-01/2023-12-10 and DESIGN's "early December 2023".
    static func monthWindow(_ f: String, reference r: LocalDate) -> (DateWindow, String, String)? {
        guard let m = f.firstMatch(of: monthPartRx), let month = DateParser.monthByName[String(m.output[2].substring!)] else { return nil }
        let year = m.output[3].substring.flatMap { Int($0) } ?? (month < r.month ? r.year + 1 : r.year)
        let part = String(m.output[1].substring!)
        let first = LocalDate(year: year, month: month, day: 1)
        let (word, window): (String, DateWindow)
        switch part {
        case "begin", "start", "early", "beginning of", "start of":
            (word, window) = ("early", DateWindow(start: first, end: first.adding(days: 9)))
        case "half", "medio", "midden", "mid":
            (word, window) = ("mid", DateWindow(start: first.adding(days: 10), end: first.adding(days: 19)))
        default:
            (word, window) = ("late", DateWindow(start: first.adding(days: 20), end: first.lastDayOfMonth))
        }
        return (window, String(m.output[0].substring!), "\(word) \(englishMonths[month - 1]) \(year)")
    }

    /// The window an event is expected in: part of a month, a whole month, or a date.
    static func expectedWindow(_ sentence: String, reference r: LocalDate) -> (DateWindow, String)? {
        let f = Fold.string(sentence)
        if let (w, _, text) = monthWindow(f, reference: r) { return (w, text) }
        if let m = f.firstMatch(of: monthRx), let month = DateParser.monthByName[String(m.output[2].substring!)] {
            let year = m.output[3].substring.flatMap { Int($0) } ?? (month < r.month ? r.year + 1 : r.year)
            let first = LocalDate(year: year, month: month, day: 1)
            let w = DateWindow(start: first, end: first.lastDayOfMonth)
            return (w, w.description)
        }
        if let d = DateParser.dates(in: sentence, reference: r).first(where: { $0.date >= r }) {
            let w = DateWindow(start: d.date, end: d.date)
            return (w, w.description)
        }
        if let m = f.firstMatch(of: yearEndRx) {
            _ = m
            let w = DateWindow(start: LocalDate(year: r.year, month: 12, day: 21), end: LocalDate(year: r.year, month: 12, day: 31))
            return (w, "late December \(r.year)")
        }
        return nil
    }

    static func isoWeekMonday(year: Int, week: Int) -> LocalDate {
        let jan4 = LocalDate(year: year, month: 1, day: 4)
        return jan4.adding(days: 1 - jan4.isoWeekday + 7 * (week - 1))
    }

    static func isoWeek(of d: LocalDate) -> Int {
        let thursday = d.adding(days: 4 - d.isoWeekday)
        return (thursday.dayNumber - LocalDate(year: thursday.year, month: 1, day: 1).dayNumber) / 7 + 1
    }
}
