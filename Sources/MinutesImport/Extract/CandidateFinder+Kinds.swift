import Foundation

extension CandidateFinder {
    /// "Actie: JenV neemt … contact op." — the sentence after the label is the action; a
    /// label with only a name ("Actie: SJenV") assigns the sentence before it.
    static func markerCandidate(_ m: MarkerMatch, _ u: Unit, _ sents: [(Sentence, Int)],
                                prevSentence: (Sentence, Int)?, _ ctx: Context) -> Candidate? {
        let rest = m.rest.trimmedSpaces
        let restNoDot = rest.trimming(" .")
        let labelNames = m.labelOwner.map { ActorParser.names(in: $0) } ?? []
        if restNoDot.isEmpty || ActorParser.looksLikeActorList(restNoDot) {
            let names = labelNames + (restNoDot.isEmpty ? [] : ActorParser.names(in: restNoDot))
            guard let prev = prevSentence, !names.isEmpty else { return nil }
            let a = ctx.prose(prev.0.text, index: prev.1)
            var c = Candidate(source: .marker, text: prev.0.text, quote: prev.0.text, line: prev.0.line,
                              owner: names.first, with: Array(names.dropFirst()), involved: a.involved,
                              confidence: 0.9, deadlineText: prev.0.text, sentenceIndex: prev.1, dueCell: nil)
            c.why = ["a marker with only a name (\"\(m.label)\") after the sentence: that name owns the sentence before it"]
            return c
        }
        guard let first = sents.first(where: { $0.0.offset + $0.0.text.count > m.restOffset }) ?? sents.first else { return nil }
        let cut = max(0, m.restOffset - first.0.offset)
        var actionText = first.0.text.characterSlice(cut, first.0.text.count)
        if actionText.trimmedSpaces.isEmpty { actionText = rest }
        // "ACTION on Lisa to circulate the draft", "Action for Tom: …": the name after the
        // preposition is the subject.
        let opening = actionText.trimmedSpaces
        if let p = ["on ", "for "].first(where: { opening.lowercased().hasPrefix($0) }),
           opening.dropFirst(p.count).first?.isUppercase == true {
            actionText = String(opening.dropFirst(p.count))
        }
        let a = ProseRules.analyze(actionText, roster: ctx.roster, afterMarker: true)
        if a.done && a.commitment == nil || a.decision || a.conditional {
            ctx.rejected.add(first.0.line, first.0.text, "marked as an action, but " + (a.decision ? "a decision of the meeting" : a.conditional ? "conditional" : "already done"))
            return nil
        }
        var owner = labelNames.first ?? a.owner
        var with = Array(labelNames.dropFirst()) + a.with
        if owner == nil, let t = TrailingOwner.find(actionText) {
            owner = t.first
            with += t.dropFirst()
        }
        let restText = u.text.characterSlice(m.restOffset, u.text.count)
        var c = Candidate(source: .marker, text: actionText, quote: first.0.text, line: first.0.line, owner: owner,
                          with: unique(with, excluding: owner), involved: a.involved,
                          confidence: owner == nil ? 0.8 : 0.9, deadlineText: restText,
                          sentenceIndex: first.1, dueCell: nil)
        c.why = ["marked as an action (\"\(m.label)\")",
                 owner.map { o in labelNames.first == o ? "owner \(o): named in the marker" : "owner \(o): the subject after the marker" }
                     ?? "no owner named (confidence 0.80)"]
        return c
    }

    /// "(actie: GGD, VNG)", "(Action Bob)", "(AI: Sam)"; not "(aiosmtpd)".
    /// Wiki markup around the label is allowed: "( **AI: Bill S** to send …)". The bracket
    /// may hold the whole action, and the sentence may end before it closes ("(AI: Kate**
    /// to write up a proposal and mail it out. ''" ends at the full stop).
    nonisolated(unsafe) static let inlineActionRx = Patterns.regex(#"\([\s*_']*(?:(?i:actie|action)|AI|TODO)[*_]*(?:\s*:\s*|\s+)[*_]*([^()]{1,200})(?:\)|$)"#)

    /// A commitment in running text: "X zal …", "X neemt contact op …", "Bob will …",
    /// "Alice to circulate …", "It was agreed that …", passive "wordt geagendeerd".
    static func proseCandidate(_ s: (Sentence, Int), marked: Bool, decision: Bool, before: String, _ ctx: Context,
                               speaker: String? = nil) -> Candidate? {
        let text = s.0.text
        if let m = text.firstMatch(of: inlineActionRx, ifHolding: ["("]) {
            // "Bill S** to send Martin some examples": the names are those before the end of
            // the emphasis, or before "to", not the ones the action mentions.
            let inner = String(m.output[1].substring!)
            var label = inner
            for cut in ["**", "*", " to ", " will ", " zal ", " moet "] {
                if let r = label.range(of: cut) { label = String(label[..<r.lowerBound]); break }
            }
            // "(AI models)", "(action plan)": a marker with neither a colon nor emphasis around
            // a word in lower case is a word of the sentence, not a label ("(AI all**: …" is one).
            let whole = m.output[0].substring!, innerStart = m.output[1].substring!.startIndex
            let marks: (Character) -> Bool = { $0 == ":" || $0 == "*" || $0 == "_" }
            let labelled = inner.first?.isLowercase != true || whole[..<innerStart].contains(where: marks)
                || inner.dropFirst(label.count).first.map(marks) == true
                || Lexicon.roleNouns.contains(Fold.string(label.trimmedSpaces))   // "(actie iedereen)", "(AI all)"
            let names = labelled ? ActorParser.names(in: label) : []
            if let first = names.first {
                let a = ProseRules.analyze(text, roster: ctx.roster)
                // The words around the brackets, or, when those are only markup, the action
                // inside them ("'' (AI: Kim** to announce F2F plans)''").
                var what = text.replacing(inlineActionRx, with: "").collapsedWhitespace
                if what.filter(\.isLetter).count < 8 {
                    what = String(inner.dropFirst(label.count)).trimming(" *_:")
                }
                var c = Candidate(source: .marker, text: what,
                                  quote: text, line: s.0.line, owner: first, with: Array(names.dropFirst()),
                                  involved: a.involved, confidence: 0.9, deadlineText: text, sentenceIndex: s.1, dueCell: nil)
                c.why = ["marked as an action in brackets (\"\(String(m.output[0].substring!.prefix(30)))…\")", "owner \(first): named in the brackets"]
                return c
            }
        }
        var a = ctx.prose(text, index: s.1)
        if a.commitment == nil, let speaker {
            let said = " " + Fold.string(Transcript.turn(text)?.said ?? text) + " "
            if said.hasPrefix(" please ") || said.hasPrefix(" graag ") {
                // "Ted Hardie: Please email the chairs …": asked of everyone listening.
                a.commitment = .obligation; a.owner = nil; a.question = false
            } else if Clauses.turnCommitment(said) {
                a.commitment = .modal; a.owner = speaker; a.question = false
            } else if let turn = Transcript.turn(text), case let words = Tokenizer.tokens(turn.said).map(\.folded),
                      let first = words.first, ["will", "shall", "zal", "to"].contains(first),
                      words.count > 2, !["be", "zijn", "not", "niet", "have", "hebben", "never", "nooit"].contains(words[1]) {
                // "Bob: will update the docs", "Jan: zal de notulen rondsturen": the name is
                // the subject the entry leaves out; nobody speaks like that in a discussion.
                a.commitment = first == "to" ? .minuteStyle : .modal; a.owner = speaker; a.question = false
            }
        }
        guard let commitment = a.commitment else {
            // "Als de begroting klopt, zal Anna …": the condition hides the commitment's subject.
            if a.conditional, Tokenizer.tokens(text).contains(where: { Lexicon.modals.contains($0.folded) }) {
                ctx.rejected.add(s.0.line, text, "conditional: it depends on something not yet known")
            }
            return nil
        }
        // It reads as a commitment; what makes it none is worth telling (`--explain`).
        let notTaken: String? = a.done ? "already done" : a.question ? "a question put, not a step to take"
            : a.conditional ? "conditional: it depends on something not yet known"
            : a.decision ? "a decision or finding of the meeting itself"
            : (commitment == .passive || commitment == .obligation) && ProseRules.isView(Tokenizer.tokens(text))
                ? "a view of what will or must happen (\"… is dat …\"), held by nobody in particular"
            : a.owner.map(ctx.isCommonWord) == true ? "its subject \"\(a.owner!)\" is a common word of the document, not a name" : nil
        if let why = notTaken {
            ctx.rejected.add(s.0.line, text, why)
            return nil
        }
        var why: [String] = []
        var conf: Double
        switch commitment {
        case .modal: conf = 0.7; why.append("a commitment in the future tense (zal, will, gaat) or in the first person")
        case .minuteStyle: conf = 0.75; why.append("minute style: a name and \"to\" and a verb")
        case .reported: conf = 0.7; why.append("a reported commitment (\"zegt toe\", \"agreed to\")")
        case .agreed: conf = 0.75; why.append("an agreement that names who (\"afgesproken wordt dat\", \"it was agreed that\")")
        case .present: conf = 0.65; why.append("a subject and a verb of doing in the present tense")
        case .obligation: conf = 0.75; why.append("something that must be done or is asked for")
        case .passive: conf = 0.55; why.append("a plan in the passive (\"wordt … geagendeerd\", \"will be circulated\")")
        }
        why.append(a.owner.map { "owner \($0): the subject" } ?? "no owner named")
        func adjust(_ by: Double, _ reason: String) {
            conf += by
            why.append(String(format: "%+.2f ", by) + reason)
        }
        let hasWhen = DeadlinePhrases.guess(in: text, reference: ctx.reference, series: nil,
                                            calendar: ImportOptions.defaultCalendar, allowBareDate: false).map { !$0.vague } ?? false
        let f = " " + Fold.string(text) + " "
        if a.narrativeRisk, !hasWhen, !f.contains(" nog "), !f.contains(" verder ") { adjust(-0.25, "a verb minutes also use to report the discussion") }
        // "De PDP controleert dan of je medewerker bent": a sentence that speaks to "you"
        // explains how something works.
        if a.owner != nil, [" je ", " jij ", " you ", " jouw ", " your "].contains(where: { f.contains($0) }), !a.question {
            adjust(-0.25, "speaks to \"you\": an explanation of how it works")
        }
        if a.owner == nil, commitment != .passive, commitment != .obligation { adjust(-0.15, "nobody named") }
        if a.hedged { adjust(-0.3, "hedged (zou, kan, might, possibly …)") }
        if ProseRules.isRecurring(f) { adjust(-0.3, "a standing arrangement (elke week, every month …)") }
        if a.vagueEffort { adjust(-0.25, "a vague effort (meedenken, try to …)") }
        // Where the secretariat marks its actions, unmarked prose is mostly narrative; a
        // passive sentence there ("wordt geagendeerd") is a statement, not a commitment.
        if marked { adjust(a.owner == nil ? -0.25 : -0.1, "unmarked, in minutes that mark their actions") }
        if decision {
            // "Mededelingen: … Sjaak gaat deze workshop volgen": a named person who says what
            // they will do is committing, under whatever heading.
            if a.owner != nil, [.modal, .agreed, .reported].contains(commitment) {
                adjust(-0.15, "under a decisions or announcements heading, but a named person commits")
            } else {
                adjust(-0.4, "under a decisions heading")
            }
        }
        if hasWhen { adjust(0.05, "says when") }
        var c = Candidate(source: .prose, text: text, quote: text, line: s.0.line, owner: a.owner,
                          with: unique(a.with, excluding: a.owner), involved: a.involved,
                          confidence: max(0.05, conf), deadlineText: text, sentenceIndex: s.1, dueCell: nil)
        // The sentence before says what "hier" points to, and often what the action is about.
        c.context = before
        c.anaphoric = Anaphora.refersBack(text)
        if a.informedOnly {
            c.confidence = max(0.05, c.confidence - 0.15)
            why.append("-0.15 the speaker informs; who does it is not said")
        }
        c.why = why
        return c
    }

    /// A row of an actions table; closed rows and rows without an action are skipped.
    static func tableCandidate(_ t: ActionTable, _ cells: [String], _ u: Unit, _ sentenceIndex: Int, _ ctx: Context) -> Candidate? {
        guard let w = t.what, w < cells.count, !t.isClosed(cells) else { return nil }
        let what = cells[w].trimmedSpaces
        guard what.contains(where: \.isLetter) else { return nil }
        let a = ProseRules.analyze(what, roster: ctx.roster, afterMarker: true)
        if a.done && a.commitment == nil { return nil }
        var names: [String] = []
        if let k = t.who, k < cells.count { names = ActorParser.names(in: cells[k]) }
        if names.isEmpty, t.who == nil, let o = a.owner { names = [o] + a.with }
        var due: String?
        if let k = t.when, k < cells.count, !cells[k].trimmedSpaces.isEmpty { due = cells[k] }
        var c = Candidate(source: .table, text: what, quote: u.text, line: u.firstLine, owner: names.first,
                          with: unique(Array(names.dropFirst()) + a.with, excluding: names.first), involved: a.involved,
                          confidence: names.isEmpty ? 0.8 : 0.9, deadlineText: what, sentenceIndex: sentenceIndex, dueCell: due)
        c.why = ["a row of an actions table", names.first.map { "owner \($0): the table's who column" } ?? "no owner in the row (confidence 0.80)"]
        return c
    }

    static func unique(_ names: [String], excluding owner: String?) -> [String] {
        var out: [String] = []
        for n in names where n != owner && !out.contains(n) { out.append(n) }
        return out
    }
}
