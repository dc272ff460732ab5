import Foundation
import RemindCore

/// Drafts action items from meeting minutes. A pure function of the text and the options:
/// no network, no model, only rules and word lists that can be read and tested. The
/// command prints what this returns; tests call it directly.
public enum MinutesImporter {
    public static func extract(_ text: String, options: ImportOptions = ImportOptions()) -> ImportResult {
        Patterns.prepare()
        // Most files have no CR at all: two passes through NSString over the whole text for nothing.
        let unixText = text.utf8.contains(0x0D)
            ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        // Split on the LF byte: without CR, LF is a character of its own, and splitting
        // on bytes spares breaking the whole text into characters.
        let rawLines = unixText.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let noise = PageNoise(lines: rawLines)
        var notes: [String] = []
        // Cutting the text into units and reading the document as a whole (its date,
        // series, people and words) do not depend on each other: on two cores at once.
        let (units, whole) = inParallel({ Segmenter.units(lines: noise.lines) }) {
            (date: options.meetingDate == nil
                ? MeetingDateFinder.find(rawLines: rawLines, cleanLines: noise.lines, sidebar: noise.sidebar) : nil,
             series: options.series ?? MeetingDateFinder.series(in: noise.lines.joined(separator: "\n")),
             numbered: NumberedMeeting.find(noise.lines),
             roster: Roster(lines: noise.lines),
             lowercaseWords: CandidateFinder.Context.lowercaseWords(in: noise.lines))
        }
        var meetingDate = options.meetingDate
        var source: String? = meetingDate == nil ? nil : "option"
        if meetingDate == nil, let d = whole.date {
            meetingDate = d; source = "text"
        }
        if meetingDate == nil {
            notes.append("no meeting date found in the text: pass --meeting-date YYYY-MM-DD to resolve relative deadlines")
        }
        let nextMeeting = meetingDate.flatMap { NextMeetingFinder.find(lines: noise.lines, after: $0) }
        let series = whole.series
        let numbered = whole.numbered
        let roster = whole.roster
        let found = CandidateFinder.find(units, context: .init(roster: roster, reference: meetingDate,
                                                               lowercaseWords: whole.lowercaseWords))

        var items: [DraftItem] = []
        var events: [DraftEvent] = []
        let sentences = EventFinder.Sentences(found.sentences)
        // A candidate's title and deadline phrase are functions of its own text and the
        // document's date, series and numbering: each is a dozen pattern matches, so they are
        // read on both cores; which events they name is settled below, in order.
        let titlesAndGuesses = found.candidates.parallelMap(minimumCount: 8) { c in
            let guess = c.dueCell.flatMap {
                DeadlinePhrases.guess(in: $0, reference: meetingDate, series: series, calendar: options.calendar, allowBareDate: true,
                                      numbered: numbered)
            } ?? DeadlinePhrases.guess(in: c.deadlineText, reference: meetingDate, series: series,
                                       calendar: options.calendar, allowBareDate: c.source != .prose, numbered: numbered)
            return (Titles.clean(c.text), guess)
        }
        for (c, (title, guess)) in zip(found.candidates, titlesAndGuesses) {
            var item = DraftItem(title: title, owner: c.owner, with: c.with, involved: c.involved,
                                 line: c.line, quote: c.quote.collapsedWhitespace, confidence: c.confidence)
            item.rank = c.rank
            item.fromTable = c.source == .table
            item.why = c.why
            item.context = c.context
            item.anaphoric = c.anaphoric
            if let g = guess {
                item.duePhrase = g.phrase
                item.why.append(g.vague ? "\"\(g.phrase)\" says when, but sets no date" : "deadline from \"\(g.phrase)\"")
                if let mention = g.event {
                    var ev = EventFinder.resolve(mention, sentences: sentences, at: c.sentenceIndex, reference: meetingDate)
                    if let existing = events.first(where: { $0.id == ev.id }) { ev = existing } else { events.append(ev) }
                    item.afterEvent = ev.id
                    item.expected = ev.expected
                    item.due = Due.afterEvent(ev.id, offset: mention.offset).text
                } else if let due = g.due {
                    item.due = due.text
                    item.deadline = due.resolve(reference: meetingDate, calendar: options.calendar)
                    if case .nextMeeting(let offset) = due, let n = nextMeeting {
                        item.deadline = offset.map { options.calendar.adding($0, to: n) } ?? n
                        item.why.append("the next meeting is on \(n), as the minutes say")
                    }
                }
                if !g.vague {
                    item.confidence = min(0.98, item.confidence + 0.05)
                    item.why.append("+0.05 has a deadline")
                }
            }
            items.append(item)
        }
        // Settle duplicates among the confident items; a doubtful one that restates a kept
        // action is that action, not a further possibility.
        let words = Dedup.WordCache()
        words.prefill(items)
        let kept = Dedup.merge(items.filter { $0.confidence >= options.minimumConfidence }, roster: roster, cache: words)
        let keptWords = kept.map { Dedup.words(of: $0, cache: words) }
        let doubtful = Dedup.merge(items.filter { $0.confidence < options.minimumConfidence }, roster: roster, cache: words)
            .filter { low in
                let lowWords = Dedup.words(of: low, cache: words)
                return !kept.indices.contains { Dedup.same(kept[$0], keptWords[$0], low, lowWords, roster: roster, cache: words) }
            }
        if !doubtful.isEmpty {
            let n = doubtful.count
            notes.append("\(n) possible action\(n == 1 ? "" : "s") scored below \(options.minimumConfidence): commented out in the YAML with \(n == 1 ? "its" : "their") quote (--explain says why; lower --min-confidence to take \(n == 1 ? "it" : "them"))")
        }
        var used = Set<String>()
        // The next suffix to try per id: the ids taken only grow, so counting on from the
        // last one taken finds the same id as counting from 2, without the square.
        var nextSuffix: [String: Int] = [:]
        func withIDs(_ list: [DraftItem]) -> [DraftItem] {
            var out: [DraftItem] = []
            for var item in list {
                var id = Slug.itemID(title: item.title, owner: item.owner)
                if used.contains(id) {
                    var k = nextSuffix[id] ?? 2
                    while used.contains("\(id)-\(k)") { k += 1 }
                    nextSuffix[id] = k + 1
                    id = "\(id)-\(k)"
                }
                used.insert(id)
                item.id = id
                out.append(item)
            }
            return out
        }
        let final = withIDs(kept)
        // The doubtful ones get ids that differ from every kept one, so switching one on
        // in the YAML gives a config that still loads.
        let possible = withIDs(doubtful.map { d in
            var d = d
            d.why.append(String(format: "scored %.2f, below --min-confidence %.2f", d.confidence, options.minimumConfidence))
            return d
        })
        let neededEvents = Set((final + possible).compactMap(\.afterEvent))
        if final.isEmpty { notes.append("no action items found in the text") }
        var result = ImportResult(meetingDate: meetingDate, meetingDateSource: source, series: series, items: final,
                                  events: events.filter { neededEvents.contains($0.id) }, notes: notes)
        result.doubtful = possible
        result.nextMeetingDate = nextMeeting
        result.rejected = found.rejected
        for i in final + possible {
            for name in [i.owner].compactMap({ $0 }) + i.with { result.fullNames[name] = roster.fullName(of: name) }
        }
        return result
    }
}
