import Dispatch

/// The patterns the rules match with are compiled from their source text the first time
/// each is used (Swift's `Regex(String)` parses at run time): a few milliseconds for the
/// set, most of them spent in the walk over the candidates, which runs on one core.
/// `prepare()` compiles them on another core while the text is cut into lines and units,
/// so that the walk finds them ready. Each is a `static let`, whose one-time
/// initialisation is thread-safe: a rule that needs a pattern still being compiled waits
/// for it, and nothing is compiled twice. The result of an import does not depend on it.
enum Patterns {
    static func prepare() {
        DispatchQueue.global(qos: .userInitiated).async { compileAll() }
    }

    /// Touches every pattern of the rules, in the order an import first needs them.
    static func compileAll() {
        _ = PageNoise.romanYearRx
        _ = (Segmenter.statusTagRx, Segmenter.registerIDRx, Segmenter.speakerRx, Segmenter.ownerLabelRx,
             Segmenter.numberedTitleRx)
        _ = (MeetingDateFinder.labelRx, MeetingDateFinder.seriesRx, MeetingDateFinder.titleSeriesRx)
        _ = (DateParser.iso, DateParser.numeric, DateParser.dayMonth, DateParser.monthDay, DateParser.dayMonthNumeric)
        _ = (CandidateFinder.inlineActionRx, Clauses.dutchParticiple)
        _ = (TrailingOwner.bracketRx, TrailingOwner.dashRx, TrailingOwner.labelRx)
        _ = (DeadlinePhrases.nextMeetingRx, DeadlinePhrases.afterEventRx, DeadlinePhrases.weekdayRx, DeadlinePhrases.vague)
        _ = (DeadlinePhrases.todayRx, DeadlinePhrases.tomorrowRx, DeadlinePhrases.thisWeekRx, DeadlinePhrases.comingWeekRx,
             DeadlinePhrases.nextWeekRx, DeadlinePhrases.spanRx, DeadlinePhrases.fortnightRx, DeadlinePhrases.monthEndRx)
        _ = (DeadlinePhrases.nextMonthRx, DeadlinePhrases.yearEndRx, DeadlinePhrases.summerRx,
             DeadlinePhrases.afterSummerRx, DeadlinePhrases.christmasRx, DeadlinePhrases.monthMeetingRx,
             DeadlinePhrases.bareMonthRx, DeadlinePhrases.quarterRx)
        _ = (DeadlinePhrases.weekNumberRx, DeadlinePhrases.monthPartRx, DeadlinePhrases.monthRx)
        _ = (Titles.reportedPronoun, Titles.agreementOpener, Titles.leadingOwner)
    }
}
