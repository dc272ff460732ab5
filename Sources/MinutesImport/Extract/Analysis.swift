/// What one sentence says about an action: who does it, with whom, and how firmly.
struct Analysis {
    enum Commitment { case modal, minuteStyle, present, reported, agreed, obligation, passive }
    var owner: String?
    var coOwners: [String] = []
    var with: [String] = []
    var involved: [String] = []
    var commitment: Commitment?
    /// A present-tense verb minutes also use to report the discussion ("VNG vraagt aandacht").
    var narrativeRisk = false
    var conditional = false
    var hedged = false
    var done = false
    var vagueEffort = false
    var question = false
    /// The meeting itself deciding or noting something ("The board approved …").
    var decision = false
    /// Someone reported that a thing must be done, without saying who does it.
    var informedOnly = false
    /// Index of the verb token (for finding `met X` after it).
    var verbIndex = 0
}

/// The sentence-level rules: subject, verb, the "with"/"involved" split, and the signs that
/// a sentence is not a commitment (a condition, a hedge, a question, something already
/// done, a decision of the meeting).
enum ProseRules {
    static let leadAdverbs: Set<String> = [
        "wel", "ook", "daarnaast", "verder", "tevens", "vervolgens", "daarna", "voorts", "nu", "dan",
        "hierop", "daarop", "also", "additionally", "further", "furthermore", "finally", "then", "next",
        ",", "en", "and", "so", "dus", "tot", "slot", "ten", "slotte", "afgesproken", "is", "agreed",
        "it", "was", "besproken", "wordt", "afgesproken:",
    ]
    static let pronouns: Set<String> = ["hij", "zij", "ze", "he", "she", "they", "it", "zij/hij", "zich", "we", "wij"]

    /// "… zijn verder geen nieuwe aanmeldingen", "there is no update": a copula with a
    /// negation states how things are.
    static func isNegativeStatement(_ text: String) -> Bool {
        let words = Set(Tokenizer.tokens(text).map(\.folded))
        return !words.isDisjoint(with: ["geen", "niet", "no", "not", "nothing", "niets"])
            && !words.isDisjoint(with: Clauses.copulas)
    }

    /// "De verwachting is dat … zullen worden", "Een nadeel is dat … moet worden": a view of
    /// what will or must happen, held by nobody in particular.
    static func isView(_ tokens: [Token]) -> Bool {
        guard let d = tokens.prefix(6).firstIndex(where: { ["dat", "that"].contains($0.folded) }), d > 0 else { return false }
        return Clauses.copulas.contains(tokens[d - 1].folded)
    }

    /// "De werkgroep zal elke twee weken bijeenkomen", "meets every month": a standing
    /// arrangement, not a step to remind anyone of.
    static func isRecurring(_ f: String) -> Bool {
        [" elke ", " iedere ", " every ", " each "].contains { word in
            guard f.contains(word), let r = f.range(of: word) else { return false }
            let next = f[r.upperBound...].split(separator: " ").prefix(3)
            return next.contains { ["week", "weken", "maand", "maanden", "dag", "dagen", "jaar", "week,", "weeks", "month", "months",
                                    "day", "days", "year", "years", "vergadering", "meeting", "keer", "time"].contains(String($0)) }
        } || [" wekelijks ", " maandelijks ", " tweewekelijks ", " weekly ", " monthly ", " biweekly ", " fortnightly "].contains { f.contains($0) }
            // A duty that never ends: "moeten altijd up to date gehouden worden"; not "waarom
            // de mail niet altijd aankomt".
            || [" altijd ", " always ", " telkens ", " doorlopend ", " continuously "].contains { w in
                f.contains(w) && !f.contains(" niet" + w) && !f.contains(" not" + w)
            }
    }

    /// The phrase lists as looked for, after a space: made once, not for every sentence.
    static let donePhraseSet = PhraseSet(Lexicon.donePhrases.map { " " + $0 })
    static let vagueEffortSet = PhraseSet(Lexicon.vagueEffort.map { " " + $0 })
    static let hedgeSet = PhraseSet(Lexicon.hedges)

    static func analyze(_ sentence: String, roster: Roster = .empty, afterMarker: Bool = false) -> Analysis {
        var a = Analysis()
        let f = " " + Fold.string(sentence) + " "
        let tokens = Tokenizer.tokens(sentence).filter { !["*", "_", "\"", "'"].contains($0.text) }
        guard !tokens.isEmpty else { return a }
        // "Moeten wachtwoorden gebruikt worden? => Best geen": a question and its answer.
        a.question = sentence.trimmedSpaces.hasSuffix("?") || ["? =>", "? ->", "?=>", "? →"].contains { sentence.contains($0) }
        // "De vraag is of …", "The question was how …": the matter put, not a step.
        if tokens.count > 3, ["de", "het", "the", "een", "a"].contains(tokens[0].folded),
           ["vraag", "question", "open vraag"].contains(tokens[1].folded), Clauses.copulas.contains(tokens[2].folded),
           ["of", "hoe", "wat", "wie", "waarom", "wanneer", "welke", "whether", "how", "what", "who", "why", "when", "which", "if"]
            .contains(tokens[3].folded) { a.question = true }
        a.done = donePhraseSet.occurs(in: f)
        // "… afstemmen om dit aan te bieden zodat het daar kan worden opgenomen": a hedge in
        // a clause of purpose or result does not hedge the commitment itself.
        var main = [" zodat ", " opdat ", " so that ", " waardoor ", " such that "].filter { f.contains($0) }
            .compactMap { f.range(of: $0)?.lowerBound }
            .min().map { " " + String(f[..<$0]) + " " } ?? f
        a.hedged = hedgeSet.occurs(in: main)
        if a.hedged {
            // "… gaat met hem overleggen of hij in januari kan komen": a hedge in the question
            // to be looked into does not hedge the looking.
            if let q = whetherClause(main) { main = " " + String(main[..<q]) + " " }
            // "zo snel mogelijk" says when, not whether.
            for phrase in [" zo snel mogelijk", " zo spoedig mogelijk", " zo veel mogelijk", " zoveel mogelijk", " zo goed mogelijk"]
                where main.contains(phrase) { main = main.replacingOccurrences(of: phrase, with: " ") }
            a.hedged = hedgeSet.occurs(in: main)
        }
        a.vagueEffort = vagueEffortSet.occurs(in: f)
        a.conditional = Lexicon.conditionalOpeners.contains(tokens[0].folded)
            || f.contains(", dan ") || f.contains(" dan zal ") || f.contains(" dan zullen ")

        // "The next meeting will be held on 4 April": no one's step.
        if Clauses.isMeetingArrangement(tokens) { return a }
        var subject: [String] = []
        if let agreed = Clauses.agreement(tokens, f) {
            // "Afgesproken wordt dat de concernstaf …", "It was agreed that the secretariat would …"
            subject = agreed.names; a.commitment = agreed.kind; a.verbIndex = agreed.verb
            a.hedged = Lexicon.hedges.filter { ![" would ", " zou ", " zouden "].contains($0) }.contains { f.contains($0) }
        } else {
            subject = mainClause(tokens, f, sentence, afterMarker: afterMarker, &a)
            // "Lisa said she would update the page", "Jan zei dat hij het zou uitzoeken":
            // reported speech puts "will" in the past; it hedges nothing.
            if a.commitment == .reported, a.hedged,
               ![" would rather ", " would not ", " wouldn't ", " would never ", " would like ", " would prefer ", " would be ",
                 " zou niet ", " zou liever ", " zou graag ", " zouden niet ", " zouden liever ", " zouden graag "].contains(where: { f.contains($0) }) {
                var unhedged = main
                for p in [" he would ", " she would ", " they would ", " hij zou ", " zij zou ", " ze zou ", " zij zouden ", " ze zouden "] {
                    unhedged = unhedged.replacingOccurrences(of: p, with: " ")
                }
                a.hedged = hedgeSet.occurs(in: unhedged)
            }
        }
        if a.commitment == nil, let (names, v) = Clauses.request(tokens) {
            // "Aan iedereen het verzoek … door te geven", "Hierbij het verzoek of iedereen …".
            a.commitment = .obligation; a.verbIndex = v
            subject = names
            a.hedged = false   // "het verzoek of iedereen zich kan aanmelden" asks politely
        }
        if a.commitment == nil, let p = Clauses.passive(f) {
            a.commitment = p
            subject = []
        }
        if a.commitment == nil, subject.isEmpty, !a.decision, !a.question {
            if let (names, v) = Clauses.inverted(tokens) {
                // "Deze stuurt Sjaak rond", "Voor de bedanking gaat Timo kijken …": the
                // finite verb second, its subject after it.
                var b = Analysis(); classifyVerb(tokens, v, &b)
                if let c = b.commitment, c == .modal || c == .present {
                    subject = names; a.commitment = c; a.verbIndex = v
                    a.narrativeRisk = b.narrativeRisk || names.isEmpty && c == .present
                }
            } else if let v = Clauses.weSubject(tokens) {
                // "We gaan het domein kopen": the group's own plan, nobody named. A present
                // tense ("we zoeken naar de chips") mostly tells what is going on.
                var b = Analysis(); classifyVerb(tokens, v, &b)
                if let c = b.commitment, c == .modal || c == .present {
                    a.commitment = c; a.verbIndex = v
                    a.narrativeRisk = b.narrativeRisk || c == .present
                }
            }
        }
        if a.commitment == nil, !a.decision, var tail = commaClause(tokens, sentence, roster: roster) {
            // "Dit punt blijft staan, Coretta pakt dit met Evert en Sjaak op": the clause
            // after the comma is the commitment; "If the grant is approved, Chris will …"
            // is still a condition.
            tail.conditional = tail.conditional || a.conditional
            tail.question = tail.question || a.question
            return tail
        }
        // "Jeanne zal het eerste deel niet aanwezig zijn": an absence, not a step.
        if a.commitment == .modal, [" niet aanwezig", " afwezig", " verhinderd", " not attend", " not be present", " unable to attend",
                                     " be absent", " not be able to attend"].contains(where: { f.contains($0) }) {
            a.commitment = nil
        }
        if (a.commitment == .passive || a.commitment == .obligation) && subject.isEmpty {
            // The agent of a passive: "door het secretariaat", "by the chairs".
            if let b = tokens.firstIndex(where: { ["door", "by"].contains($0.folded) }),
               let (names, _) = ActorParser.parseList(tokens, b + 1) {
                subject = names
            } else if let b = tokens.firstIndex(where: { ["door", "by"].contains($0.folded) }), let np = agentPhrase(tokens, b + 1, sentence) {
                subject = [np]
            }
        }
        if let first = subject.first {
            a.owner = first
            a.coOwners = Array(subject.dropFirst())
        }
        // "… en vraagt of er een koppeling moet worden gemaakt": the question is asked
        // anywhere in the sentence, not only by its subject.
        if tokens.indices.dropLast().contains(where: { Clauses.askVerbs.contains(tokens[$0].folded)
            && ["of", "whether", "if"].contains(tokens[$0 + 1].folded) }) { a.question = true }
        collectParties(tokens, f, roster, &a)
        return a
    }

    /// Whether a name, a handle or a role can start at this token: a capital, "@", or an
    /// article before a role ("de voorzitter"). Asked before the parser, which costs more.
    static func mayOpenActor(_ t: Token) -> Bool {
        guard let c = t.text.first else { return false }
        return c.isUppercase || c == "@" || ActorParser.determiners.contains(t.folded) || Lexicon.roleNouns.contains(t.folded)
    }

    /// Where an indirect question starts: "kijken of het kan", "bekijkt of er …", "check
    /// whether …": "of"/"whether" after a verb and before a subject.
    static func whetherClause(_ f: String) -> String.Index? {
        if let r = f.range(of: " whether ") { return r.lowerBound }
        var from = f.startIndex
        while let r = f.range(of: " of ", range: from..<f.endIndex) {
            // The words on either side, read outwards from the "of".
            var b = r.lowerBound
            while b > f.startIndex, f[f.index(before: b)] != " " { b = f.index(before: b) }
            var e = r.upperBound
            while e < f.endIndex, f[e] != " " { e = f.index(after: e) }
            let before = f[b..<r.lowerBound], after = String(f[r.upperBound..<e])
            if (before.hasSuffix("en") || before.hasSuffix("t")) && before.count > 3,
               ["hij", "zij", "ze", "het", "er", "dit", "dat", "de", "we", "wij", "je", "u", "men", "deze", "die", "een"].contains(after) {
                return r.lowerBound
            }
            from = r.upperBound
        }
        return nil
    }

    /// A main clause after a comma (or after a short topic and a colon) that opens with a
    /// name and a verb of commitment: its analysis, with token positions counted in the
    /// whole sentence.
    static func commaClause(_ tokens: [Token], _ sentence: String, roster: Roster) -> Analysis? {
        // "Geen, Moniek houdt …": one word before the comma is enough when it is no name.
        // "Muzikale avond: Annelieke en Barbara gaan dit oppakken": a topic before a colon;
        // a speaker's label ("KR: …") is for the rules of turns (`Transcript`).
        lazy var speaker = Transcript.turn(sentence) != nil
        guard let c = tokens.indices.first(where: { i in
            (tokens[i].text == "," || tokens[i].text == ":") && i + 1 < tokens.count && mayOpenActor(tokens[i + 1])
                && ((i >= 2 || i == 1 && ActorParser.parseOne(tokens, 0) == nil) && tokens[i].text == ","
                    || i >= 1 && i <= 6 && tokens[i].text == ":" && !speaker)
                && ActorParser.parseList(tokens, i + 1).map { (_, e) in
                e < tokens.count && (Lexicon.modals.contains(tokens[e].folded) || Lexicon.commitVerbs.contains(tokens[e].folded))
            } == true
        }) else { return nil }
        let chars = Array(sentence)
        let start = tokens[c + 1].start
        guard start < chars.count else { return nil }
        var tail = analyze(String(chars[start...]), roster: roster)
        guard tail.commitment != nil, tail.owner != nil, !tail.decision else { return nil }
        tail.verbIndex += c + 1
        return tail
    }

    /// Subject and verb of a main clause: "X zal …", "Wel zal X …", "X to …", "X concludeert
    /// dat hij …", "The chair asked Bob to …".
    static func mainClause(_ tokens: [Token], _ f: String, _ sentence: String, afterMarker: Bool, _ a: inout Analysis) -> [String] {
        var i = 0
        while i < tokens.count - 1, leadAdverbs.contains(tokens[i].folded), ActorParser.parseOne(tokens, i) == nil { i += 1 }
        var subject: [String] = []
        var j = i
        if i < tokens.count, Lexicon.modals.contains(tokens[i].folded), let (names, e) = ActorParser.parseList(tokens, i + 1) {
            // Inverted order after an adverb: "Wel zal voorzitter VB zich inzetten".
            subject = names; a.commitment = .modal; a.verbIndex = i; j = e
        } else if let (names, e) = ActorParser.parseList(tokens, i, bareRoles: afterMarker) ?? Clauses.nounSubject(tokens, i) {
            subject = names; j = e
            // "JenV samen met MBZK zal …"
            if j + 1 < tokens.count, ["samen", "together"].contains(tokens[j].folded), ["met", "with"].contains(tokens[j + 1].folded),
               let (w, e2) = ActorParser.parseList(tokens, j + 2) {
                a.with += w; j = e2
            }
            // "Petra Smit (PS) to confirm …", "PS (Petra) will …": who the name is, in brackets.
            if let e2 = ActorParser.aside(tokens, j), e2 < tokens.count,
               ["to", "will", "shall", "zal", "zullen", "gaat", "moet"].contains(tokens[e2].folded) || Lexicon.commitVerbs.contains(tokens[e2].folded) {
                j = e2
            }
            if j < tokens.count, tokens[j].folded == "," { j += 1 }
            if j < tokens.count {
                let plural = subject.count > 1 || subject.first.map { s in
                    let last = Fold.string(s).split(separator: " ").last.map(String.init) ?? ""
                    return last.hasSuffix("s") && !last.hasSuffix("ss") && last.count > 3 && last.first?.isLetter == true
                        && s.split(separator: " ").last?.first?.isLowercase == true
                } == true
                if Clauses.isDecision(subject, tokens, j) { a.decision = true; return subject }
                if Clauses.isIndirectQuestion(tokens, j) { a.question = true }
                if Clauses.invited(tokens, j) {
                    a.commitment = .obligation; a.verbIndex = j
                    return subject
                }
                if Clauses.presentRequest(tokens, j) {
                    // "Kees vraagt Anna om de planning rond te sturen": Kees owns the request;
                    // Anna is involved.
                    a.commitment = .present; a.verbIndex = j
                    return subject
                }
                if let (asked, e2) = Clauses.pastRequest(tokens, j) {
                    // "The chair asked Bob to circulate …": the one asked does it.
                    a.commitment = .minuteStyle; a.verbIndex = e2
                    return asked
                }
                classifyVerb(tokens, j, &a, pluralSubject: plural)
            }
        }
        if a.commitment == .reported || a.commitment == nil {
            // "X concludeert dat hij …", "Bob said that Anna will …"
            // English leaves "that" out: "Lisa said she would …", "Jan says he will …".
            let bareReport = j + 1 < tokens.count && Lexicon.reportingVerbs.contains(tokens[j].folded)
                && tokens[j].folded.first.map { $0.isASCII } == true
                && (["he", "she", "they", "we"].contains(tokens[j + 1].folded) || Self.contractedModal(tokens[j + 1].folded) != nil)
            if let d = tokens.firstIndex(where: { ["dat", "that"].contains($0.folded) }) ?? (bareReport ? j : nil) {
                let k = d + 1
                if k < tokens.count, let pronoun = Self.contractedModal(tokens[k].folded), pronouns.contains(pronoun), !subject.isEmpty,
                   !Self.hadBefore(tokens, k + 1) {
                    // "Tom said he'd send the slides", "Ann says she'll write it up".
                    a.commitment = .reported; a.verbIndex = k
                } else if k < tokens.count, pronouns.contains(tokens[k].folded), !subject.isEmpty {
                    var b = Analysis(); classifyVerb(tokens, k + 1, &b)
                    let rest = Array(tokens[(k + 1)...]).map(\.folded)
                    if b.commitment != nil || rest.contains(where: { Lexicon.modals.contains($0) || ["would", "zou"].contains($0) }) {
                        a.commitment = .reported; a.verbIndex = k
                    } else if a.commitment == .reported {
                        a.commitment = nil
                    }
                } else if let (names, e) = ActorParser.parseList(tokens, k), e < tokens.count {
                    var b = Analysis(); classifyVerb(tokens, e, &b)
                    if let c = b.commitment, c != .passive {
                        subject = names; a.commitment = c; a.verbIndex = e; a.narrativeRisk = b.narrativeRisk
                    } else if Clauses.passive(f) != nil, !subject.isEmpty, a.commitment == .reported,
                              Lexicon.committingReports.contains(tokens[j < tokens.count ? j : 0].folded) {
                        a.verbIndex = e
                    } else if let p = Clauses.passive(f) {
                        subject = []; a.commitment = p; a.verbIndex = e
                    } else if a.commitment == .reported {
                        a.commitment = nil
                    }
                } else if a.commitment == .reported, Clauses.passive(f) == nil {
                    a.commitment = nil
                } else if a.commitment == .reported, j < tokens.count, !Lexicon.committingReports.contains(tokens[j].folded) {
                    // "De voorzitter antwoordt dat dit wordt geagendeerd", "Ruud meldt dat de baan
                    // moet worden ingestrooid": the speaker informs; who does it is not said.
                    subject = []; a.commitment = .passive; a.informedOnly = true
                }
            } else if a.commitment == .reported {
                // "JenV zegt toe de brief te sturen", "Bob agreed to circulate it"; "René geeft
                // aan een patroon te zien" only informs.
                let committing = j < tokens.count && Lexicon.committingReports.contains(tokens[j].folded) || f.contains(" bereid ")
                if !(f.contains(" te ") || f.contains(" to ")) || !committing { a.commitment = nil }
            }
        }
        // "Franziska: … I'll take it over", "Rich: I volunteered to …": a speaker who commits
        // in the first person owns it, even inside a question.
        if a.commitment == nil, subject.count == 1, j < tokens.count, tokens[j].text == ":",
           Clauses.firstPersonCommitment(f) {
            a.commitment = .modal; a.question = false; a.verbIndex = j
            return subject
        }
        // A name with no verb of its own is an owner only in label form ("Piet: …",
        // "MvdB - …"); "Training plan for key users" is not about someone called Training.
        if a.commitment == nil, !subject.isEmpty, j < tokens.count, ![":", "-", "–", "—", ","].contains(tokens[j].text) { return [] }
        return subject
    }

    /// What someone "zal … zijn": present, away, available, a member — a state, not a step.
    static let states: Set<String> = [
        "aanwezig", "afwezig", "beschikbaar", "verhinderd", "bereikbaar", "er", "vakantie", "verlof", "weg", "ziek",
        "terug", "aanspreekpunt", "contactpersoon", "voorzitter", "lid", "welkom",
    ]

    /// The pronoun of "he'll", "she'd", "they’ll" (a pronoun with "will" or "would"), else nil.
    static func contractedModal(_ word: String) -> String? {
        for suffix in ["'ll", "’ll", "'d", "’d"] where word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return nil
    }

    /// Whether the word at `k`, after "he'd", makes it "he had": "he'd been", "he'd already
    /// sent", "she'd finished", "they'd not".
    static func hadBefore(_ tokens: [Token], _ k: Int) -> Bool {
        guard k < tokens.count, tokens[k - 1].folded.hasSuffix("d") else { return false }
        let w = tokens[k].folded
        return ["been", "already", "not", "never", "just", "had", "got", "done", "seen", "sent", "gone"].contains(w)
            || w.hasSuffix("ed")
    }

    static func classifyVerb(_ tokens: [Token], _ j: Int, _ a: inout Analysis, pluralSubject: Bool = true) {
        guard j < tokens.count else { return }
        let v = tokens[j].folded
        let next = j + 1 < tokens.count ? tokens[j + 1].folded : ""
        a.verbIndex = j
        let after = tokens.dropFirst(j + 1).prefix(3).map(\.folded)
        // "Tom is going to prepare the slides": a plan of the subject's own.
        if ["is", "are", "am"].contains(v), next == "going", after.dropFirst().first == "to",
           j + 4 < tokens.count, !["be", "have", "get"].contains(tokens[j + 3].folded) {
            a.commitment = .modal
            return
        }
        // "Petra takes an action to contact the vendor", "Bob took the action".
        if ["takes", "take", "took"].contains(v), ["an", "the", "this", "that"].contains(next),
           after.dropFirst().first == "action", j + 3 == tokens.count || [".", "to"].contains(tokens[j + 3].folded) {
            a.commitment = .minuteStyle
            return
        }
        // "Dave takes the lead on the migration plan", "Erin owns the follow-up with the vendor".
        if ["takes", "take", "took"].contains(v), next == "the", after.dropFirst().first == "lead" {
            a.commitment = v == "took" ? .minuteStyle : .present
            return
        }
        if ["owns", "own"].contains(v), ["the", "this", "that"].contains(next),
           let object = after.dropFirst().first, ["follow-up", "followup", "action", "task", "item", "lead", "next"].contains(object) {
            a.commitment = .present
            return
        }
        // "Jan heeft toegezegd de cijfers te leveren", "Jan heeft zich bereid verklaard …",
        // "Ann has agreed to …", "Bob has offered to …": a commitment made, in the perfect.
        if ["heeft", "hebben"].contains(v),
           ["toegezegd", "aangeboden", "beloofd"].contains(next) || next == "zich" && after.dropFirst().first == "bereid",
           tokens.dropFirst(j + 2).contains(where: { $0.folded == "te" }) {
            a.commitment = .modal
            return
        }
        if ["has", "have"].contains(v), ["agreed", "offered", "volunteered", "promised", "undertaken", "committed"].contains(next),
           after.dropFirst().first == "to" {
            a.commitment = .minuteStyle
            return
        }
        if ["wordt", "worden", "is", "are", "was", "were"].contains(v), next != "to" {
            return
        }
        if Lexicon.modals.contains(v) {
            // "will be responsible for booking", "will be in touch with": a task taken on;
            // "will be on leave", "zal worden besproken" are not.
            if next == "be", let third = after.dropFirst().first,
               third == "responsible" || third == "in" && ["touch", "charge"].contains(after.dropFirst(2).first ?? "") {
                a.commitment = .modal
                return
            }
            if ["worden", "be"].contains(next) { return }
            // "Jan zal volgende keer weer aanwezig zijn", "zal beschikbaar zijn voor vragen",
            // "Petra zal lid worden van de werkgroep": a state to be in, not a step ("zal voor
            // 1 mei klaar zijn" delivers, and is read).
            if ["zal", "zullen"].contains(v) {
                let clause = tokens[(j + 1)...].prefix { ![",", ";", ".", "en", "maar", "want", "omdat"].contains($0.folded) }.map(\.folded)
                if zip(clause, clause.dropFirst()).contains(where: { state, verb in
                    ["zijn", "blijven"].contains(verb) && Self.states.contains(state) || verb == "worden" && state == "lid" }) {
                    return
                }
            }
            a.commitment = .modal
        } else if v == "to", j + 1 < tokens.count, tokens[j + 1].text.first?.isLowercase == true, next != "be" {
            a.commitment = .minuteStyle
        } else if Lexicon.englishToVerbs.contains(v), next == "to" {
            a.commitment = ["was", "were"].contains(v) ? nil : .minuteStyle
        } else if let commits = Lexicon.separable(tokens, j) {
            // "stelt de brief op" drafts; "geeft aan", "merkt op" only say something.
            if commits { a.commitment = v == "zegt" || v == "zeggen" ? .modal : .present }
        } else if v == "geeft" || v == "geven", next == "nog", !tokens.dropFirst(j + 2).contains(where: { $0.folded == "aan" }) {
            // "Logius geeft nog een officiële reactie": still to give, not "geeft aan".
            a.commitment = .present
        } else if Lexicon.reportingVerbs.contains(v) {
            let toe = tokens.dropFirst(j + 1).prefix(3).contains { ["toe", "op"].contains($0.folded) }
            if (v == "zegt" || v == "neemt") && toe { a.commitment = .modal } else { a.commitment = .reported }
            if v == "neemt" && !toe { a.commitment = .present }
        } else if Lexicon.commitVerbs.contains(v) {
            // "The Chair's report was accepted": an English base form after one subject is a noun.
            if Lexicon.englishBaseVerbs.contains(v), !pluralSubject { return }
            a.commitment = .present
            a.narrativeRisk = Lexicon.narrativeRisk.contains(v)
            // "maakt de reservatie" does something; "maakt een opmerking" reports the talk.
            if ["maakt", "maken", "houdt", "houden"].contains(v) {
                a.narrativeRisk = tokens.dropFirst(j + 1).prefix(4).contains { Lexicon.talkObjects.contains($0.folded) }
            }
            // "informeert bij de provincie naar …", "doet navraag", "draagt zorg voor", "buigt
            // zich over": steps to take, not a report of the talk.
            if ["informeert", "informeren"].contains(v) && next == "bij"
                || ["doet", "doen"].contains(v) && ["navraag", "onderzoek"].contains(next)
                || ["draagt", "dragen"].contains(v) && next == "zorg"
                || ["buigt", "buigen"].contains(v) && next == "zich" {
                a.narrativeRisk = false
            }
            // "brengt de kosten in kaart", "brengt de risico's in beeld": maps them out.
            if ["brengt", "brengen"].contains(v) {
                let rest = tokens.dropFirst(j + 1).prefix(10).map(\.folded)
                if zip(rest, rest.dropFirst()).contains(where: { $0 == "in" && ["kaart", "beeld"].contains($1) }) { a.narrativeRisk = false }
            }
        }
    }
}
