import RemindCore

/// Walks the units of the minutes and collects candidate actions from markers, tables,
/// checkboxes, lists under an actions heading, and commitments in prose.
enum CandidateFinder {
    /// What the finder knows about the whole document.
    struct Context {
        var roster = Roster.empty
        /// The meeting date, so a deadline without a year counts as a deadline.
        var reference: LocalDate?
        /// Words the document also writes in lower case: a capitalised one of them opening
        /// a sentence ("Examples to follow …", "Small files …") is a word, not a name.
        var lowercaseWords: Set<String> = []
        /// Where the sentences that looked like actions, and were not taken, are written
        /// down with why not (`--explain`).
        var rejected = Rejections()
        /// Sentences read as prose ahead of the walk (`ProseRules.analyze` without a marker),
        /// by their index in the document, with the text read.
        var proseAnalyses: [Int: (text: String, analysis: Analysis)] = [:]

        /// How sentence `index`, `text`, reads as prose: as read ahead, or read now (a
        /// table cell's sentences carry their row's index and other text).
        func prose(_ text: String, index: Int) -> Analysis {
            if let ahead = proseAnalyses[index], ahead.text == text { return ahead.analysis }
            return ProseRules.analyze(text, roster: roster)
        }

        static func lowercaseWords(in lines: [String]) -> Set<String> {
            var out = Set<String>()
            for l in lines {
                // A plain ASCII line is read on its bytes, and only the words asked for are
                // made into strings.
                var line = l
                let done = line.withUTF8 { b -> Bool in
                    guard Tokenizer.isPlainASCII(b) else { return false }
                    Tokenizer.asciiSpans(b) { i, j in
                        guard b[i] >= 0x61 && b[i] <= 0x7A, j - i >= 3, i == 0 || (b[i - 1] != 0x28 && b[i - 1] != 0x40) else { return }
                        out.insert(Tokenizer.foldedASCII(UnsafeBufferPointer(rebasing: b[i..<j])))
                    }
                    return true
                }
                if done { continue }
                let chars = Array(l)
                for t in Tokenizer.tokens(l) where t.text.first?.isLowercase == true && t.text.count >= 3 {
                    let before: Character = t.start > 0 ? chars[t.start - 1] : " "
                    if before != "(" && before != "@" { out.insert(t.folded) }
                }
            }
            return out
        }

        /// A one-word owner that is a common word of this document and nobody on the roster.
        func isCommonWord(_ name: String) -> Bool {
            guard !name.contains(" "), let f = name.first, f.isUppercase,
                  name.filter(\.isUppercase).count < 2, !roster.knows(name) else { return false }
            return lowercaseWords.contains(Fold.string(name))
        }
    }

    /// Where one walk writes down what it turned away; a class so the rules can add to it
    /// where they decide. Each walk over part of the units starts one of its own.
    final class Rejections {
        var list: [Rejection] = []
        func add(_ line: Int, _ quote: String, _ reason: String) {
            list.append(Rejection(line: line, quote: quote.collapsedWhitespace, reason: reason))
        }
    }

    struct Found {
        var candidates: [Candidate]
        /// Every sentence of the document in order, for looking back (events).
        var sentences: [String]
        /// Sentences that looked like actions and were not taken, in the order of the text.
        var rejected: [Rejection] = []
    }

    static let actionSectionWords: Set<String> = [
        "actiepunten", "acties", "actielijst", "actiepuntenlijst", "afspraken", "toezeggingen", "vervolgacties", "actions",
        "todo", "todos", "to-do", "to-dos", "follow-ups", "follow-up", "afsprakenlijst", "takenlijst", "taken", "tasks",
        "actiehouders",
    ]
    static let actionSectionHints = PhraseSet(["actie", "action", "afspraken", "toezeggingen", "todo", "to-do", "follow-up",
                                               "taken", "tasks", "next steps", "to do", "vervolgstappen"])

    static func isActionSection(_ s: String?) -> Bool {
        guard let s else { return false }
        let f = Fold.string(s)
        // Every word and phrase below holds one of these: most titles and lines hold none.
        guard actionSectionHints.occurs(in: f) else { return false }
        let words = f.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
        return words.contains(where: actionSectionWords.contains)
            || f.contains("action item") || f.contains("action point") || f.contains("next steps") || f.contains("to do")
            || f.contains("action log") || f.contains("action list") || f.contains("action register") || f.contains("action tracker")
            || f.contains("vervolgstappen") || f.contains("actie-") || f.hasPrefix("actie")
    }

    static func isDecisionSection(_ s: String?) -> Bool {
        guard let s else { return false }
        let f = Fold.string(s)
        return ["besluit", "decision", "besloten", "decided", "mededeling", "informatie", "announcement", "ter kennisname"]
            .contains { f.contains($0) } && !isActionSection(s)
    }

    /// The units with their sentences, numbered through the document.
    static func document(_ units: [Unit]) -> Document {
        var sentences: [String] = []
        var perUnit: [[(Sentence, Int)]] = []
        for u in units {
            var list: [(Sentence, Int)] = []
            for s in Sentences.split(u) { list.append((s, sentences.count)); sentences.append(s.text) }
            perUnit.append(list)
        }
        let marked = units.contains { u in
            (u.kind != .heading && (MarkerScan.scan(u.text) ?? MarkerScan.trailingTag(u.text))?.kind == .action)
                || u.kind == .listItem(checkbox: false)
        } || units.contains { $0.kind == .tableRow && ActionTable.header($0.cells) != nil }
        return Document(units: units, perUnit: perUnit, sentences: sentences, marked: marked)
    }

    /// Where a long document's walk is cut in two. The walk carries nothing from one unit
    /// to the next but an open table, and a table ends at the first unit that is no row of
    /// it: from such a unit on, the rest of the document walks the same on its own. Long
    /// minutes are walked in two halves, one on each core, split at the first such unit
    /// past half of the sentences; `units.count` for one walk.
    static func splitPoint(_ doc: Document) -> Int {
        guard doc.sentences.count >= 256 else { return doc.units.count }
        var seen = 0
        for (ui, list) in doc.perUnit.enumerated() {
            if seen >= doc.sentences.count / 2, doc.units[ui].kind != .tableRow { return ui }
            seen += list.count
        }
        return doc.units.count
    }

    static func find(_ units: [Unit], context: Context = Context()) -> Found {
        let doc = document(units)
        let split = splitPoint(doc)
        let (first, second) = split == units.count
            ? (walk(doc, 0..<units.count, context), Walk())
            : inParallel({ walk(doc, 0..<split, context) }, { walk(doc, split..<units.count, context) })
        let sentences = doc.sentences
        var out = first.candidates
        var rejections = first.rejected
        var rest = second.candidates[...]
        // The walk keeps one candidate for a marked sentence drafted twice in a row (see
        // `walk`): the second half's first one may repeat the first half's last one.
        if second.opensWithMarker, let last = out.last, let c = rest.first, c.quote == last.quote {
            out[out.count - 1] = c
            rest = rest.dropFirst()
        }
        out += rest
        rejections += second.rejected
        // A sentence both rejected by one rule and taken by another (a marker after it) was taken.
        let taken = Set(out.map(\.line))
        let rejected = rejections.filter { !taken.contains($0.line) }.sorted { $0.line < $1.line }
        return Found(candidates: out, sentences: sentences, rejected: rejected)
    }

    /// The units and sentences of a document, as every part of the walk reads them.
    struct Document {
        var units: [Unit]
        /// Each unit's sentences with their index in `sentences`.
        var perUnit: [[(Sentence, Int)]]
        var sentences: [String]
        /// Whether the minutes mark their actions anywhere (an unmarked sentence then counts for less).
        var marked: Bool
    }

    /// What a walk over some of the units found.
    struct Walk {
        var candidates: [Candidate] = []
        var rejected: [Rejection] = []
        /// Whether the first candidate came from a marked unit while none was found before it.
        var opensWithMarker = false
    }

    /// Walks `range` of the document's units.
    static func walk(_ doc: Document, _ range: Range<Int>, _ context: Context) -> Walk {
        let units = doc.units, perUnit = doc.perUnit, sentences = doc.sentences, marked = doc.marked
        // Most sentences of paragraphs and list entries are read as prose, and a reading is
        // a function of the sentence and the roster alone: done before the walk.
        var ctx = context
        ctx.rejected = Rejections()
        var ahead: [(text: String, index: Int)] = []
        for ui in range where units[ui].kind != .tableRow && units[ui].kind != .heading {
            for (s, i) in perUnit[ui] { ahead.append((s.text, i)) }
        }
        let roster = ctx.roster
        ctx.proseAnalyses = Dictionary(ahead.map { ($0.index, ($0.text, ProseRules.analyze($0.text, roster: roster))) },
                                       uniquingKeysWith: { a, _ in a })

        // Every unit asks what its section is; units of one section follow each other.
        var kinds: [String?: (actions: Bool, decisions: Bool)] = [:]
        func sectionKind(_ s: String?) -> (actions: Bool, decisions: Bool) {
            if let k = kinds[s] { return k }
            let k = (isActionSection(s), isDecisionSection(s))
            kinds[s] = k
            return k
        }
        var opensWithMarker = false
        var out: [Candidate] = []
        var table: ActionTable?
        var minutesTable: MinutesTable?
        var tableHeaderSeen = false
        for ui in range {
            let u = units[ui]
            let sents = perUnit[ui]
            guard let firstSentence = sents.first else { continue }
            if u.kind == .tableRow {
                let cells = u.cells
                if !tableHeaderSeen, let h = ActionTable.header(cells) { table = h; tableHeaderSeen = true; continue }
                if !tableHeaderSeen, let m = MinutesTable.header(cells) { minutesTable = m; tableHeaderSeen = true; continue }
                if table == nil, !tableHeaderSeen, sectionKind(u.section).actions { table = ActionTable.guess(cells) }
                tableHeaderSeen = true
                if let t = table {
                    if let c = tableCandidate(t, cells, u, firstSentence.1, ctx) { out.append(c) }
                    else if t.isClosed(cells) { ctx.rejected.add(u.firstLine, u.text, "a row of the actions table that is closed") }
                } else {
                    out += proseRow(cells, u, minutesTable, index: firstSentence.1, marked: marked, ctx)
                }
                continue
            }
            table = nil; tableHeaderSeen = false; minutesTable = nil
            if u.kind == .heading { continue }
            if case .listItem(let box) = u.kind, box == true { continue }
            // "ACTION-41 (Chen): publish the draft -- done", "A23-04 (KB) … Closed."
            if u.kind != .paragraph || MarkerScan.scan(u.text) != nil, ActionStatus.isClosed(u.text) {
                ctx.rejected.add(u.firstLine, u.text, "its status says it is closed (done, completed, afgerond …)")
                continue
            }

            if let m = MarkerScan.scan(u.text) ?? (sents.count == 1 ? MarkerScan.trailingTag(u.text) : nil) {
                if m.kind == .decision {
                    ctx.rejected.add(u.firstLine, u.text, "marked as a decision or information, not an action")
                    continue
                }
                if var c = markerCandidate(m, u, sents, prevSentence: ui > 0 ? perUnit[ui - 1].last : nil, ctx) {
                    if c.source == .marker, c.text.isEmpty { continue }
                    // A tag after the action is no part of it.
                    if m.restOffset == 0, MarkerScan.scan(u.text) == nil, c.sentenceIndex == firstSentence.1 { c.text = m.rest }
                    if let last = out.last, c.quote == last.quote { out[out.count - 1] = c } else {
                        if out.isEmpty { opensWithMarker = true }
                        out.append(c)
                    }
                }
                // Sentences after the marked one are read as prose.
                for s in sents.dropFirst() where s.0.offset > m.restOffset {
                    if let c = proseCandidate(s, marked: marked, decision: false, before: sentences[max(0, s.1 - 1)], ctx) { out.append(c) }
                }
                continue
            }
            // A turn of the discussion under an actions heading is read as prose, sentence by
            // sentence: its speaker may still commit further on ("I will do that").
            if case .listItem(let box) = u.kind, box == false || sectionKind(u.section).actions,
               box == false || !Transcript.isDiscussion(u.text, roster: ctx.roster) {
                let heading = box == false ? "an open checkbox" : "an entry under the heading \"\(u.section ?? "")\""
                if LinkOnly.check(u.text) {
                    ctx.rejected.add(u.firstLine, u.text, "\(heading), but only a link")
                    continue
                }
                let a = ProseRules.analyze(u.text, roster: ctx.roster, afterMarker: true)
                if a.done || a.decision || a.conditional {
                    ctx.rejected.add(u.firstLine, u.text, "\(heading), but " + (a.done ? "already done" : a.decision ? "a decision of the meeting" : "conditional"))
                    continue
                }
                // Under an actions heading, "X vraagt of er bezwaren zijn …" and "Voor de
                // subwerkgroep zijn verder geen aanmeldingen" are the discussion, not entries.
                if box == nil, a.question && a.commitment != .modal
                    || a.commitment == nil && ProseRules.isNegativeStatement(u.text) {
                    ctx.rejected.add(u.firstLine, u.text, "\(heading), but " + (a.question ? "a question put" : "a statement of how things are"))
                    continue
                }
                var c = make(.checkbox, text: u.text, sentence: firstSentence, analysis: a, unitText: u.text, roster: ctx.roster)
                c.why.insert(heading, at: 0)
                if box == nil { c.source = .section; c.confidence = 0.85 }
                out.append(c)
                continue
            }
            if sectionKind(u.section).actions, u.kind == .paragraph, sents.count <= 2, !Transcript.isDiscussion(u.text, roster: ctx.roster) {
                let a = ProseRules.analyze(u.text, roster: ctx.roster, afterMarker: true)
                if !a.done, !a.decision, !a.conditional,
                   a.owner != nil || TrailingOwner.find(u.text) != nil || TrailingOwner.onRoster(u.text, roster: ctx.roster) != nil {
                    var c = make(.section, text: u.text, sentence: firstSentence, analysis: a, unitText: u.text, roster: ctx.roster)
                    c.why.insert("a short paragraph under the heading \"\(u.section ?? "")\" that names who", at: 0)
                    c.confidence = 0.8
                    out.append(c)
                    continue
                }
            }
            if LinkOnly.check(u.text) { continue }
            let turn = Transcript.turn(u.text)
            for (k, s) in sents.enumerated() {
                let before = s.1 > 0 ? sentences[s.1 - 1] : ""
                if k > 0, let m = MarkerScan.scan(s.0.text), m.kind == .action {
                    // The marked sentence read on its own, as a unit of one sentence.
                    let one = Unit(kind: .paragraph, text: s.0.text, lineStarts: [(0, s.0.line)], section: u.section)
                    let sentence = (Sentence(text: s.0.text, offset: 0, line: s.0.line), s.1)
                    if let c = markerCandidate(m, one, [sentence], prevSentence: sents[k - 1], ctx) {
                        // "… by Friday. Action: AK" — a label with only a name owns the sentence before.
                        if c.sentenceIndex == sents[k - 1].1 {
                            out.removeAll { $0.sentenceIndex == c.sentenceIndex && $0.source == .prose }
                            out.append(c)
                            continue
                        }
                        // "… minimum is. AI: Derek will look at …" — a marker inside a paragraph.
                        if !c.text.trimmedSpaces.isEmpty { out.append(c); continue }
                    }
                }
                // A speaker's turn that is discussion is no action; a later sentence of it in
                // the first person ("I will do that") is the speaker's.
                if k == 0, turn != nil, Transcript.isDiscussion(s.0.text, roster: ctx.roster) {
                    ctx.rejected.add(s.0.line, s.0.text, "a turn of the discussion: a question, a view or an explanation, and nobody commits to doing something")
                    continue
                }
                if let c = proseCandidate(s, marked: marked, decision: sectionKind(u.section).decisions, before: before, ctx,
                                          speaker: turn?.speaker) { out.append(c) }
            }
        }
        return Walk(candidates: out, rejected: ctx.rejected.list, opensWithMarker: opensWithMarker)
    }

    static func make(_ source: Candidate.Source, text: String, sentence: (Sentence, Int), analysis a: Analysis,
                     unitText: String, roster: Roster = .empty) -> Candidate {
        var owner = a.owner
        var with = a.with
        var fromRoster = false
        if let labelled = TrailingOwner.labelled(text), let first = labelled.first {
            owner = first
            with = Array(labelled.dropFirst())
        } else if owner == nil || source != .prose, let t = TrailingOwner.find(text), let first = t.first, owner == nil {
            owner = first
            with += t.dropFirst().filter { !with.contains($0) }
        } else if source != .prose, owner.map({ !roster.knows($0) }) ?? true, let t = TrailingOwner.onRoster(text, roster: roster),
                  let first = t.first {
            // An entry of a list ends in who does it; a capitalised first word that nobody
            // on the attendance list is called ("Stukje schrijven … Finn") is the action's, not a name.
            owner = first
            with = Array(t.dropFirst())
            fromRoster = true
        }
        var c = Candidate(source: source, text: text, quote: sentence.0.text, line: sentence.0.line, owner: owner,
                          with: with, involved: a.involved, confidence: 0.9, deadlineText: unitText,
                          sentenceIndex: sentence.1, dueCell: nil)
        c.why.append(owner.map { "owner \($0)" + (fromRoster ? ": on the attendance list, named at the end of the entry"
                                               : a.owner == $0 ? ": the subject of the entry" : ": named after the action") } ?? "no owner named")
        return c
    }
}
