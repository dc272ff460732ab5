import Dispatch
import Synchronization

/// The patterns the rules match with are parsed from their source text the first time
/// each is used (Swift's `Regex(String)` parses at run time), and lowered to the program
/// that matches on their first match. `prepare()` does both on another core while the text
/// is cut into lines and units, so that the walk finds them ready. Each is a `static let`,
/// whose one-time initialisation is thread-safe (a rule that needs a pattern still being
/// parsed waits for it), and a Regex's lowered program is kept once however many threads
/// match. The result of an import does not depend on it.
///
/// Parsing costs about 4 µs per literal character, and most of the rules' source text is
/// literal words ("voor|vóór|uiterlijk|…"): `regex(_:)` hands the parser each run of
/// literal characters as one quoted literal (`\Q…\E`), which it reads ten times faster and
/// which matches the same text.
enum Patterns {
    static func prepare() {
        DispatchQueue.global(qos: .userInitiated).async { compileAll() }
    }

    /// Every source given to `regex(_:)`, for the test that the quoted form matches as the
    /// source does.
    static let sources = Mutex<[String]>([])

    /// `source` parsed with its literal runs quoted. A pattern that does not parse is a
    /// programming error in a rule, as with `try! Regex(source)`.
    static func regex(_ source: String) -> Regex<AnyRegexOutput> {
        sources.withLock { $0.append(source) }
        return try! Regex(quotingLiterals(source))
    }

    /// `source` with each run of two or more literal characters written as `\Q…\E`. A
    /// run's last character stays outside when a quantifier follows, which applies to that
    /// character alone. Character classes, escapes, group openers and counted quantifiers
    /// are copied as they stand. Extended syntax (`(?x)`, where spaces are not literal) is
    /// not used by the rules and not supported.
    static func quotingLiterals(_ source: String) -> String {
        let c = Array(source)
        var out = ""
        out.reserveCapacity(source.utf8.count + 32)
        var run: [Character] = []
        func flush(beforeQuantifier: Bool) {
            var tail: Character?
            if beforeQuantifier, let last = run.popLast() { tail = last }
            if run.count >= 2 { out += "\\Q" + String(run) + "\\E" } else { out += String(run) }
            if let tail { out.append(tail) }
            run.removeAll(keepingCapacity: true)
        }
        var i = 0
        func copy(through end: Character) {
            while i < c.count {
                out.append(c[i])
                i += 1
                if c[i - 1] == end { return }
            }
        }
        while i < c.count {
            let ch = c[i]
            switch ch {
            case "\\":
                flush(beforeQuantifier: false)
                guard i + 1 < c.count else { out.append(ch); i += 1; continue }
                let next = c[i + 1]
                if next == "Q" {
                    // Already quoted: through the closing \E.
                    out += "\\Q"; i += 2
                    while i < c.count, !(c[i] == "\\" && i + 1 < c.count && c[i + 1] == "E") { out.append(c[i]); i += 1 }
                    if i < c.count { out += "\\E"; i += 2 }
                } else if "pPxuNgk".contains(next), i + 2 < c.count, c[i + 2] == "{" || c[i + 2] == "<" {
                    out.append(ch); out.append(next); i += 2
                    copy(through: c[i] == "{" ? "}" : ">")
                } else {
                    out.append(ch); out.append(next); i += 2
                }
            case "[":
                flush(beforeQuantifier: false)
                var depth = 0
                while i < c.count {
                    let x = c[i]
                    out.append(x); i += 1
                    if x == "\\", i < c.count { out.append(c[i]); i += 1; continue }
                    if x == "[" { depth += 1 } else if x == "]" { depth -= 1; if depth == 0 { break } }
                }
            case "(":
                flush(beforeQuantifier: false)
                out.append(ch); i += 1
                guard i < c.count, c[i] == "?" else { continue }
                out.append("?"); i += 1
                guard i < c.count else { continue }
                if c[i] == "<", i + 1 < c.count, c[i + 1] == "=" || c[i + 1] == "!" {
                    out.append(c[i]); out.append(c[i + 1]); i += 2
                } else if c[i] == "<" || c[i] == "'" {
                    copy(through: c[i] == "<" ? ">" : "'")
                } else if ":!=>|".contains(c[i]) {
                    out.append(c[i]); i += 1
                } else {
                    // Options, as in "(?i:" or "(?i)".
                    while i < c.count, c[i] != ":" && c[i] != ")" { out.append(c[i]); i += 1 }
                    if i < c.count { out.append(c[i]); i += 1 }
                }
            case "{":
                flush(beforeQuantifier: true)
                copy(through: "}")
            case "?", "*", "+":
                flush(beforeQuantifier: true)
                out.append(ch); i += 1
            case "^", "$", ".", "|", ")", "}", "#":
                flush(beforeQuantifier: false)
                out.append(ch); i += 1
            default:
                run.append(ch); i += 1
            }
        }
        flush(beforeQuantifier: false)
        return out
    }

    /// Parses `rx` (by touching it) and lowers it, with a match on an empty string.
    private static func ready(_ rx: Regex<AnyRegexOutput>) { _ = "".firstMatch(of: rx) }
    /// Touches every pattern of the rules, in the order an import first needs them.
    static func compileAll() {
        _ = "".firstMatch(of: PageNoise.romanYearRx)
        for rx in [
            Segmenter.statusTagRx, Segmenter.registerIDRx, Segmenter.speakerRx, Segmenter.ownerLabelRx,
            Segmenter.numberedTitleRx, MeetingDateFinder.labelRx, MeetingDateFinder.seriesRx,
            MeetingDateFinder.titleSeriesRx, DateParser.iso, DateParser.numeric, DateParser.dayMonth,
            DateParser.monthDay, DateParser.dayMonthNumeric, CandidateFinder.inlineActionRx,
            Clauses.dutchParticiple, TrailingOwner.bracketRx, TrailingOwner.dashRx, TrailingOwner.labelRx,
            DeadlinePhrases.nextMeetingRx, DeadlinePhrases.afterEventRx, DeadlinePhrases.weekdayRx, DeadlinePhrases.bareWeekdayRx,
            DeadlinePhrases.vague, DeadlinePhrases.todayRx, DeadlinePhrases.tomorrowRx, DeadlinePhrases.thisWeekRx,
            DeadlinePhrases.comingWeekRx, DeadlinePhrases.nextWeekRx, DeadlinePhrases.spanRx,
            DeadlinePhrases.fortnightRx, DeadlinePhrases.monthEndRx, DeadlinePhrases.nextMonthRx,
            DeadlinePhrases.yearEndRx, DeadlinePhrases.summerRx, DeadlinePhrases.afterSummerRx,
            DeadlinePhrases.christmasRx, DeadlinePhrases.monthMeetingRx, DeadlinePhrases.bareMonthRx,
            DeadlinePhrases.quarterRx, DeadlinePhrases.thisQuarterRx, DeadlinePhrases.weekNumberRx, DeadlinePhrases.monthPartRx,
            DeadlinePhrases.monthRx, Titles.reportedPronoun, Titles.agreementOpener, Titles.leadingOwner
        ] { ready(rx) }
    }
}
