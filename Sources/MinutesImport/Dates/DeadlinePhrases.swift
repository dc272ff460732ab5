import RemindCore

/// "kort na de uitspraak": an outside event an action waits for.
struct EventMention: Hashable {
    /// The head noun, folded ("uitspraak", "ruling").
    var noun: String
    /// The noun phrase as written ("de uitspraak van de RvS").
    var text: String
    var offset: DurationSpec?
    /// Whose event, when the phrase says so before the noun ("the auditor's opinion").
    var qualifier: String?
}

/// What a sentence says about when: a DESIGN deadline, an event to wait for, or only a
/// vague word ("binnenkort") that sets no date.
struct DeadlineGuess {
    var due: Due?
    var event: EventMention?
    var phrase: String
    var vague: Bool = false
}

/// Finds deadline phrases in Dutch and English and turns them into deadlines. The rules
/// are ordered from most to least specific; the first kind that matches wins.
enum DeadlinePhrases {
    static let meetingNouns: Set<String> = [
        "vergadering", "overleg", "bijeenkomst", "meeting", "call", "sessie", "session", "keer",
        "time", "bestuursvergadering", "stuurgroep", "board", "committee", "commissie", "werkgroep",
        "teamoverleg", "sync", "standup", "stand-up", "review", "mt", "mt-overleg", "regietafel",
    ]
    static let eventNouns: Set<String> = [
        "uitspraak", "ruling", "judgment", "judgement", "vonnis", "beslissing", "besluit",
        "decision", "publicatie", "publication", "verkiezingen", "verkiezing", "election",
        "elections", "stemming", "vote", "voting", "debat", "debate", "kamerbrief", "rapport",
        "report", "advies", "advice", "evaluatie", "evaluation", "goedkeuring", "approval",
        "vaststelling", "zomerreces", "reces", "recess", "bekendmaking", "announcement",
        "consultatie", "consultation", "inwerkingtreding", "uitslag", "outcome", "results",
        "resultaten", "release", "launch", "audit", "hoorzitting", "hearing", "begroting",
        "budget", "referendum", "top", "summit", "conferentie", "conference", "behandeling",
        "ondertekening", "signing", "aanbesteding", "tender", "gunning", "award", "benoeming",
        "appointment", "prinsjesdag", "formatie", "verhuizing", "migratie", "livegang", "go-live",
        "opinion", "oordeel", "accountantsverklaring", "verklaring", "besluitvorming", "hearing", "inspection",
        "inspectie", "visitatie", "review", "certification", "certificering", "vergunning", "permit", "verdict",
        "ratification", "bekrachtiging", "instemming", "consent", "toekenning",
    ]

    static func guess(in sentence: String, reference r: LocalDate?, series: String?,
                      calendar cal: WorkCalendar, allowBareDate: Bool, numbered: NumberedMeeting? = nil) -> DeadlineGuess? {
        let f = Fold.string(sentence)
        if let g = nextMeeting(f, original: sentence, series: series) { return g }
        if let n = numbered, let g = n.nextByNumber(f) { return g }
        if let g = afterEvent(f, original: sentence) { return g }
        if let g = explicitDate(sentence, reference: r, allowBare: false) { return g }
        if let g = weekday(f, reference: r, calendar: cal) { return g }
        if let g = relative(f, reference: r, calendar: cal) { return g }
        if let g = monthPhrase(f, reference: r, calendar: cal, bare: allowBareDate) { return g }
        if allowBareDate, let g = explicitDate(sentence, reference: r, allowBare: true) { return g }
        if let g = bareWeekday(f, reference: r) { return g }
        if let m = f.firstMatch(of: vague, ifHolding: ["binnenkort", "spoedig", "termijn", "z.s.m", "zsm", "snel", "soon", "asap",
                                "a.s.a.p", "due course", "t.z.t", "zijner", "some point", "when possible", "na de ", "na het ",
                                "after", "vakantie", "in het ", "in the ", "next year", "volgend jaar", "later"]) { return DeadlineGuess(due: nil, phrase: String(m.output[0].substring!), vague: true) }
        return nil
    }

    // MARK: Next meeting

    nonisolated(unsafe) static let nextMeetingRx = Patterns.regex(
        #"(?:\b("# + NumberWords.alternation + #")\s+("# + NumberWords.unitAlternation + #")\s+(?:voor|voorafgaand aan|before|prior to|ahead of)\s+)?"#
        + #"\b(?:de|het|the)?\s*(?:volgende|volgend|eerstvolgende|komende|next|upcoming|following)\s+([a-z][\w-]*)(?:\s+(vergadering|overleg|meeting|group|committee|board|call|sessie|session|groep))?"#)

    static func nextMeeting(_ f: String, original: String, series: String?) -> DeadlineGuess? {
        // "volgend" before a neuter noun: "het volgend TO".
        guard ["volgend", "komende", "next", "upcoming", "following"].contains(where: { f.contains($0) }) else { return nil }
        for m in f.matches(of: nextMeetingRx) {
            let noun = String(m.output[3].substring!)
            let r = DateParser.offsets(m.output[3].range!, in: f)
            let asWritten = original.characterSlice(r.lowerBound, r.upperBound)
            let isSeries = noun == series?.lowercased() || (Token(text: asWritten, folded: noun, start: 0, end: 0).isAbbreviation)
            // "the next steering group", "de volgende DB-vergadering"
            guard meetingNouns.contains(noun) || isSeries || m.output[4].substring != nil || isMeetingWord(noun) else { continue }
            var offset: DurationSpec?
            if let n = NumberWords.value(m.output[1].substring), let u = NumberWords.unit(m.output[2].substring) {
                offset = u == .weeks ? DurationSpec(-7 * n, .days) : DurationSpec(-n, u == .months ? .days : u)
            }
            return DeadlineGuess(due: .nextMeeting(offset: offset), phrase: String(m.output[0].substring!).trimmedSpaces)
        }
        return nil
    }

    // MARK: After an event

    nonisolated(unsafe) static let afterEventRx = Patterns.regex(
        #"(?:\b(kort|direct|meteen|snel|vlak|onmiddellijk|shortly|soon|immediately|right|directly|binnen|within)\s+)?"#
        + #"(?:\b("# + NumberWords.alternation + #")\s+("# + NumberWords.unitAlternation + #")\s+)?(?:of\s+)?"#
        + #"\b(na|after|following|zodra|once|as soon as)\s+(?:de|het|the)\s+((?:[\w'-]+\s+){0,2}?)("# + eventNounAlternation + #")\b"#
        + #"((?:\s+(?:van|of|door|by|in)\s+(?:de|het|the)?\s*[\w-]+(?:\s+(?:van\s+)?[\w-]+)?)?)"#)
    static let eventNounSet = PhraseSet(Array(eventNouns))
    static let triggers: [[UInt8]] = ["na", "after", "following", "zodra", "once", "as soon as"].map { Array($0.utf8) }

    /// Whether `f` may hold a match of `afterEventRx`: every match has one of its trigger
    /// words followed by white space. ASCII text is asked on its bytes; in other text `\s`
    /// also takes other spaces, and the regex decides.
    static func mayHoldTrigger(_ f: String) -> Bool {
        var s = f
        return s.withUTF8 { b in
            for x in b where x >= 0x80 { return true }
            for i in b.indices where b[i] == 0x20 || (b[i] >= 0x09 && b[i] <= 0x0D) {
                for t in triggers where t.count <= i {
                    var j = 0
                    while j < t.count, b[i - t.count + j] == t[j] { j += 1 }
                    if j == t.count { return true }
                }
            }
            return false
        }
    }
    static let eventNounAlternation = eventNouns.sorted { $0.count > $1.count }.joined(separator: "|")

    static func afterEvent(_ f: String, original: String) -> DeadlineGuess? {
        guard eventNounSet.occurs(in: f), mayHoldTrigger(f) else { return nil }
        for m in f.matches(of: afterEventRx) {
            let noun = String(m.output[6].substring!)
            guard eventNouns.contains(noun) else { continue }
            var offset: DurationSpec?
            if let u = NumberWords.unit(m.output[3].substring), let n = NumberWords.value(m.output[2].substring) {
                offset = DurationSpec(n, u)
            } else if let lead = m.output[1].substring {
                switch lead {
                case "kort", "snel", "shortly", "soon": offset = DurationSpec(5, .workdays)
                case "direct", "meteen", "vlak", "onmiddellijk", "immediately", "right", "directly": offset = DurationSpec(1, .workdays)
                default: break
                }
            }
            let modifiers = m.output[5].range.map { DateParser.offsets($0, in: f) }
            let npStart = modifiers.flatMap { $0.isEmpty ? nil : $0.lowerBound } ?? DateParser.offsets(m.output[6].range!, in: f).lowerBound
            var npEnd = DateParser.offsets(m.output[6].range!, in: f).upperBound
            if let q = m.output[7].range, !q.isEmpty { npEnd = DateParser.offsets(q, in: f).upperBound }
            let np = original.characterSlice(npStart, npEnd)
            // "the auditor's opinion": the owner of the event qualifies it.
            let owner = modifiers.map { f.characterSlice($0.lowerBound, $0.upperBound) }
                .flatMap { $0.split(separator: " ").last.map(String.init) }.flatMap { $0.hasSuffix("'s") ? String($0.dropLast(2)) : nil }
            return DeadlineGuess(due: nil, event: EventMention(noun: noun, text: np, offset: offset, qualifier: owner),
                                 phrase: String(m.output[0].substring!).trimmedSpaces)
        }
        return nil
    }

    // MARK: Dates

    static let prepositions: Set<String> = [
        "voor", "uiterlijk", "op", "per", "by", "before", "on", "due", "deadline", "tegen", "until",
        "tot", "later", "dan", "than", "vanaf", "from", "datum", "date", "streefdatum", "gereed",
    ]

    static func explicitDate(_ s: String, reference r: LocalDate?, allowBare: Bool) -> DeadlineGuess? {
        let found = DateParser.dates(in: s, reference: r, numericDayMonth: true)
        guard !found.isEmpty else { return nil }
        let tokens = Tokenizer.tokens(s)
        for d in found {
            if let r, d.date < r { continue }
            let before = tokens.filter { $0.end <= d.range.lowerBound }.suffix(4)
                .filter { $0.text.contains(where: \.isLetter) && !weekdays.keys.contains($0.folded) }
            var hasPrep = before.last.map { prepositions.contains($0.folded) } ?? false
            // "in het regio-overleg van 4 april", "at the meeting on 4 April": that meeting.
            if let p = before.last, ["van", "of", "on", "op"].contains(p.folded), before.count >= 2,
               isMeetingWord(before[before.index(before.endIndex, offsetBy: -2)].folded) { hasPrep = true }
            // A bare "15-10" only where a deadline is expected (a table cell, brackets).
            let numericDayMonth = !d.hasYear && s.characterSlice(d.range.lowerBound, d.range.upperBound).allSatisfy { $0.isNumber || "-/".contains($0) }
            if numericDayMonth && !hasPrep && !allowBare && !inBrackets(s, d.range) { continue }
            if hasPrep || allowBare || (numericDayMonth && inBrackets(s, d.range)) {
                return DeadlineGuess(due: .date(d.date), phrase: s.characterSlice(d.range.lowerBound, d.range.upperBound))
            }
        }
        return nil
    }

    static func isMeetingWord(_ w: String) -> Bool {
        meetingNouns.contains(w) || w.hasSuffix("overleg") || w.hasSuffix("vergadering") || w.hasSuffix("meeting")
            || w.hasSuffix("bijeenkomst") || ["alv", "agm", "ledenvergadering", "raad", "raadsvergadering"].contains(w)
    }

    /// "(15/12)", "(binnen 2 weken)": a note in brackets at the end of an entry.
    static func inBrackets(_ s: String, _ r: Range<Int>) -> Bool {
        let before = s.characterSlice(0, r.lowerBound), after = s.characterSlice(r.upperBound, s.count)
        return (before.lastIndex(of: "(") ?? before.startIndex) > (before.lastIndex(of: ")") ?? before.startIndex)
            && before.contains("(") && after.contains(")")
    }

    static let weekdays: [String: Int] = [
        "maandag": 1, "dinsdag": 2, "woensdag": 3, "donderdag": 4, "vrijdag": 5, "zaterdag": 6, "zondag": 7,
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]
    nonisolated(unsafe) static let weekdayRx = Patterns.regex(#"\b(?:voor|vóór|uiterlijk|op|by|on|before|until|next|volgende|aanstaande|komende|this|a\.s\.|cob|eod)\s+(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!\s*[0-9])"#)

    /// A weekday without a word before it: "Lisa stuurt de cijfers vrijdag rond", "Bob
    /// sends it Friday". Not after a word that makes it a past day, a habit or a name
    /// ("afgelopen vrijdag", "elke maandag", "het verslag van dinsdag", "the Friday meeting").
    nonisolated(unsafe) static let bareWeekdayRx = Patterns.regex(#"\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!\s*[0-9])"#)
    static let notBeforeBareWeekday: Set<String> = [
        "afgelopen", "vorige", "vorig", "jl", "last", "past", "elke", "iedere", "every", "each", "van", "of", "sinds", "since",
        "de", "the", "a", "een", "per", "tot", "and", "en", "or", "from", "vanaf", "starting", "beginning", "start",
        "starts", "begint", "beginnen", "after", "na", "following",
    ]

    static func weekday(_ f: String, reference r: LocalDate?, calendar cal: WorkCalendar) -> DeadlineGuess? {
        guard let r, let m = f.firstMatch(of: weekdayRx, ifHolding: ["dag", "day"]), let wd = weekdays[String(m.output[1].substring!)] else { return nil }
        return DeadlineGuess(due: .date(next(wd, after: r)), phrase: String(m.output[0].substring!))
    }

    /// The weekday after the meeting's own day: a week on when it is the same day.
    static func next(_ weekday: Int, after r: LocalDate) -> LocalDate {
        var delta = (weekday - r.isoWeekday + 7) % 7
        if delta == 0 { delta = 7 }
        return r.adding(days: delta)
    }

    /// A weekday with no word of time before it, when nothing more telling was found.
    static func bareWeekday(_ f: String, reference r: LocalDate?) -> DeadlineGuess? {
        guard let r, f.contains("dag") || f.contains("day") else { return nil }
        for m in f.matches(of: bareWeekdayRx) {
            let before = f[..<m.range.lowerBound].split(whereSeparator: { !$0.isLetter }).last.map(String.init) ?? ""
            guard !notBeforeBareWeekday.contains(before), let wd = weekdays[String(m.output[1].substring!)] else { continue }
            return DeadlineGuess(due: .date(next(wd, after: r)), phrase: String(m.output[0].substring!))
        }
        return nil
    }

    /// Words of time that set no date: "z.s.m.", "ASAP", "na de zomer", "voor de meivakantie"
    /// (school holidays differ by region), "in het najaar".
    nonisolated(unsafe) static let vague = Patterns.regex(#"\b(binnenkort|spoedig|op korte termijn|z\.s\.m\.?|zsm|zo snel mogelijk|zo spoedig mogelijk|soon|asap|a\.s\.a\.p\.?|as soon as possible|in due course|op termijn|t\.z\.t\.?|te zijner tijd|at some point|when possible|na (?:de|het) (?:zomer|zomervakantie|zomerreces|kerst|kerstvakantie|kerstreces|meivakantie|herfstvakantie|voorjaarsvakantie|krokusvakantie)|after (?:the )?(?:summer|summer break|summer holidays|christmas|holidays|break|recess)|(?:voor|vóór) de (?:meivakantie|herfstvakantie|voorjaarsvakantie|krokusvakantie)|in het (?:najaar|voorjaar|nieuwe jaar)|in the (?:autumn|fall|spring|new year)|early next year|begin volgend jaar|later this year|later dit jaar)"#)
}

/// Meetings numbered in a series ("IETF-118 QUIC WG meeting", "TC39 #97", "LRT 12"): the
/// number the minutes give their own meeting, so that "before IETF 119" is the next one.
struct NumberedMeeting {
    var name: String
    var number: Int

    /// The first "NAME NUMBER" of the document's opening lines, NAME in capitals.
    static func find(_ lines: [String]) -> NumberedMeeting? {
        for line in lines.lazy.filter({ !$0.trimmedSpaces.isEmpty }).prefix(5) {
            let words = line.split(whereSeparator: { " #-:,()".contains($0) })
            for (k, w) in words.enumerated() where w.count >= 2 && w.count <= 12 && w.allSatisfy({ $0.isASCII && $0.isUppercase || $0.isNumber })
                && w.first?.isLetter == true && w.contains(where: \.isUppercase) {
                if k + 1 < words.count, let n = number(words[k + 1]) { return NumberedMeeting(name: w.lowercased(), number: n) }
            }
        }
        return nil
    }

    static func number(_ s: Substring) -> Int? {
        guard (1...4).contains(s.count), s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s)
    }

    static let leads = ["before ", "by ", "prior to ", "ahead of ", "voor ", "uiterlijk ", "until ", "tot "]

    /// "before IETF 119", "by IETF-119", "voor LRT 13": the next meeting when the number is
    /// the one after this meeting's.
    func nextByNumber(_ f: String) -> DeadlineGuess? {
        for lead in Self.leads {
            for sep in [" ", "-", " #", "#", ""] {
                let phrase = lead + name + sep + String(number + 1)
                guard let r = f.range(of: phrase) else { continue }
                if r.upperBound < f.endIndex, f[r.upperBound].isNumber { continue }
                return DeadlineGuess(due: .nextMeeting(offset: nil), phrase: phrase)
            }
        }
        return nil
    }
}
