import Dispatch

/// The patterns the rules match with are parsed from their source text the first time
/// each is used (Swift's `Regex(String)` parses at run time), and lowered to the program
/// that matches on their first match: a few milliseconds for the set, most of them spent
/// in the walk over the candidates. `prepare()` does both on another core while the text
/// is cut into lines and units, so that the walk finds them ready. Each is a `static let`,
/// whose one-time initialisation is thread-safe (a rule that needs a pattern still being
/// parsed waits for it), and a Regex's lowered program is kept once however many threads
/// match. The result of an import does not depend on it.
enum Patterns {
    static func prepare() {
        DispatchQueue.global(qos: .userInitiated).async { compileAll() }
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
            DeadlinePhrases.nextMeetingRx, DeadlinePhrases.afterEventRx, DeadlinePhrases.weekdayRx,
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
