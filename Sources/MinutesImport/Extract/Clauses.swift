/// Clause shapes that decide whether a sentence is a commitment, kept apart from the
/// subject-and-verb walk so each can be read and tested on its own: agreements ("Afgesproken
/// wordt dat …"), decisions of the meeting itself ("The board approved …"), indirect
/// questions ("X vraagt of …"), requests made at the table ("asked Bob to …") and passives.
enum Clauses {
    static let agreementWords: Set<String> = ["afgesproken", "overeengekomen", "agreed", "afspraak"]
    static let copulas: Set<String> = ["is", "zijn", "was", "were", "are", "blijft", "blijven", "remains", "remain", "lijkt", "seems"]

    /// "Afgesproken wordt dat de concernstaf … maakt", "It was agreed that the secretariat
    /// would book …": the clause after "dat"/"that" names who does it; in Dutch its verb
    /// comes last, so the agreement itself is the sign of commitment.
    static func agreement(_ tokens: [Token], _ f: String) -> (names: [String], verb: Int, kind: Analysis.Commitment)? {
        // "Besloten wordt dat René de bijeenkomst bijwoont": a decision that names who goes
        // is that person's step; "Besloten wordt dat het plan doorgaat" names nobody.
        if let w = tokens.prefix(6).firstIndex(where: { ["besloten", "decided"].contains($0.folded) }),
           let d = tokens[(w + 1)...].prefix(3).firstIndex(where: { ["dat", "that"].contains($0.folded) }),
           let (names, e) = ActorParser.parseList(tokens, d + 1), e < tokens.count {
            // The verb comes last: "… dat Jan wordt uitgenodigd", "… dat Jan voorzitter
            // blijft", "… dat Jan niet meer deelneemt" give Jan no step.
            let clause = tokens[e...].map(\.folded)
            let blocked = clause.contains { copulas.contains($0) || ["wordt", "worden", "werd", "heeft", "hebben", "has", "have",
                                                                    "niet", "geen", "not", "no", "be", "been"].contains($0) }
            return blocked ? nil : (names, e, .agreed)
        }
        // "We spreken af dat …", "we agree that …" say the same as "afgesproken".
        let spokenOff = tokens.prefix(8).indices.first { i in
            tokens[i].folded == "af" && i > 0 && ["spreken", "spraken", "spreekt", "sprak"].contains(tokens[i - 1].folded)
                || tokens[i].folded == "agree" && i > 0 && ["we", "all", "they"].contains(tokens[i - 1].folded)
        }
        guard let w = spokenOff ?? tokens.prefix(8).firstIndex(where: { agreementWords.contains($0.folded) }),
              let d = tokens[(w + 1)...].prefix(3).firstIndex(where: { ["dat", "that", ":"].contains($0.folded) }) else { return nil }
        let k = d + 1
        let clause = " " + tokens[k...].map(\.folded).joined(separator: " ") + " "
        if passive(clause) != nil { return ([], k, .obligation) }
        guard let (names, e) = ActorParser.parseList(tokens, k, bareRoles: true) ?? nounSubject(tokens, k, needVerb: false) else { return nil }
        if e < tokens.count, copulas.contains(tokens[e].folded), !(e + 1 < tokens.count && tokens[e + 1].folded == "to") { return nil }
        return (names, e, .agreed)
    }

    /// A Dutch main clause with the finite verb second and its subject after it: "Deze stuurt
    /// Sjaak rond", "Voor de sprekersbedanking gaat Timo kijken …", "Ook zetten we … online".
    /// What comes first is not itself a subject (an article, a name, a pronoun), nor a
    /// clause of its own (a comma, a conjunction, another verb). The names after the verb,
    /// empty for "we".
    static func inverted(_ tokens: [Token]) -> (names: [String], verb: Int)? {
        guard tokens.count >= 3, tokens[0].text.first?.isLetter == true,
              !invertedBlockers.contains(tokens[0].folded),
              // The verb first (a look-up per word), the parser only where one stands.
              tokens[1..<min(tokens.count - 1, 7)].contains(where: { dutchFiniteCommitment($0.folded) }),
              frontedWords.contains(tokens[0].folded) || ActorParser.parseOne(tokens, 0) == nil else { return nil }
        for v in 1..<min(tokens.count - 1, 7) {
            let w = tokens[v].folded
            // Letters and numbers ("Vóór 1 mei levert Jan …"), not punctuation.
            if !(tokens[v].text.first.map { $0.isLetter || $0.isNumber } ?? false) || invertedStops.contains(w)
                || ProseRules.pronouns.contains(w) { return nil }
            guard dutchFiniteCommitment(w) else { continue }
            if ["we", "wij"].contains(tokens[v + 1].folded) { return goesToDoSomething(tokens, v) ? ([], v) : nil }
            if let (names, _) = ActorParser.parseList(tokens, v + 1), goesToDoSomething(tokens, v) { return (names, v) }
            return nil
        }
        return nil
    }

    /// "We gaan …", "Wij zullen …", "we sturen …": the meeting's own plan, by its first person.
    /// "Ze gaan dit onderzoeken", "They will …": a plan of someone named before, with a
    /// modal only.
    static func weSubject(_ tokens: [Token]) -> Int? {
        var i = 0
        while i < tokens.count - 2, ProseRules.leadAdverbs.contains(tokens[i].folded) { i += 1 }
        guard i + 1 < tokens.count else { return nil }
        let subject = tokens[i].folded, verb = tokens[i + 1].folded
        let firstPerson = ["we", "wij"].contains(subject) && dutchFiniteCommitment(verb)
        let third = ["ze", "zij", "hij", "they", "he", "she"].contains(subject)
            && ["zal", "zullen", "gaat", "gaan", "will"].contains(verb)
            && !["zijn", "hebben", "worden", "be", "have", "blijven"].contains(tokens.last(where: { $0.text.first?.isLetter == true })?.folded ?? "")
        guard firstPerson || third, goesToDoSomething(tokens, i + 1) else { return nil }
        return i + 1
    }

    /// "gaan"/"gaat" commits only with a verb to do: "we gaan het domein kopen", not "we
    /// gaan verder met punt 4", "Marieke gaat met verlof", "we gaan ervan uit dat …", "we
    /// gaan akkoord". Other verbs pass.
    static func goesToDoSomething(_ tokens: [Token], _ v: Int) -> Bool {
        guard ["gaan", "gaat"].contains(tokens[v].folded) else { return true }
        let clause = tokens[(v + 1)...].prefix { ![",", ";", ":", "en", "maar", "want", "dat"].contains($0.folded) }.map(\.folded)
        if clause.contains(where: { ["ervan", "akkoord", "verder", "door", "mee", "verlof", "vakantie", "over"].contains($0) }) { return false }
        // An infinitive after the subject: a word ending in "en" that is not an article or a number.
        return clause.dropFirst().contains { $0.count >= 4 && $0.hasSuffix("en") && $0.allSatisfy(\.isLetter)
            && !["geen", "tien", "negen", "zeven", "tussen", "binnen", "buiten", "boven", "beneden", "tegen", "zonder",
                 "volgen", "iemand", "ieder"].contains($0) } || clause.last.map { $0.hasSuffix("en") } == true
    }

    /// A Dutch finite verb of commitment: a modal, or a verb of the list in a Dutch form.
    static func dutchFiniteCommitment(_ w: String) -> Bool {
        ["zal", "zullen", "gaat", "gaan"].contains(w)
            || Lexicon.commitVerbs.contains(w) && (w.hasSuffix("t") || w.hasSuffix("en")) && !Lexicon.englishBaseVerbs.contains(w)
    }

    static let invertedBlockers: Set<String> = Lexicon.conditionalOpeners.union(subordinators).union(ProseRules.pronouns).union([
        "de", "het", "een", "the", "a", "an", "dat", "omdat", "zodra", "nadat", "voordat", "terwijl", "hoewel", "of", "en",
        "maar", "want", "dus", "wie", "wat", "welke", "waarom", "hoe", "waar", "wanneer",
        // "Volgens Jan zal de provincie akkoord gaan": an opinion reported, nobody's step.
        "volgens", "according",
    ])
    /// Words that open a Dutch main clause before its verb and are never its subject.
    static let frontedWords: Set<String> = [
        "volgende", "komende", "deze", "dit", "morgen", "vandaag", "daarna", "daarom", "ook", "dan", "nu", "vervolgens",
        "hiervoor", "daarvoor", "hierover", "daarover", "hiermee", "daarmee", "binnenkort", "eerst", "straks", "later",
        "verder", "tevens", "bovendien", "voor", "na", "tijdens", "vanaf", "uiterlijk", "op", "in", "bij", "over", "aanstaande",
    ]
    static let invertedStops: Set<String> = copulas.union([
        "wordt", "worden", "werd", "werden", "heeft", "hebben", "had", "hadden", "kan", "kunnen", "moet", "moeten", "zou",
        "zouden", "mag", "mogen", "wil", "willen", "dat", "die", "en", "of", "maar",
    ])

    /// "the vendor will …", "de concernstaf maakt …": an article and a plain noun as subject,
    /// when a verb of commitment follows (or `needVerb` is false, inside an agreement).
    /// Words that end the noun: made once, not for every sentence.
    static let nounSubjectStop = Lexicon.modals.union(Lexicon.commitVerbs).union(["to", "would", "zou", "is", "was", "wordt", "will"])

    static func nounSubject(_ tokens: [Token], _ i: Int, needVerb: Bool = true) -> (names: [String], end: Int)? {
        let stop = nounSubjectStop
        guard i + 1 < tokens.count, ["de", "het", "the"].contains(tokens[i].folded) else { return nil }
        var j = i + 1
        while j < tokens.count, j - i <= 3, tokens[j].text.first?.isLetter == true, !stop.contains(tokens[j].folded),
              !DeadlinePhrases.prepositions.contains(tokens[j].folded), !["van", "of", "in", "met", "with", "binnen"].contains(tokens[j].folded) {
            j += 1
        }
        guard j > i + 1 else { return nil }
        if needVerb {
            guard j < tokens.count else { return nil }
            let v = tokens[j].folded
            let next = j + 1 < tokens.count ? tokens[j + 1].folded : ""
            // Only a modal or "to": a present tense after a plain noun is mostly narrative
            // ("De eerder verwachte vergunninghouders komen …").
            guard Lexicon.modals.contains(v) && !["be", "worden", "gaan", "gaat"].contains(next) && !["gaat", "gaan"].contains(v)
                    || (v == "to" && tokens.indices.contains(j + 1) && tokens[j + 1].text.first?.isLowercase == true && next != "be") else { return nil }
        }
        var np = tokens[i..<j].map(\.text).joined(separator: " ")
        np = np.prefix(1).lowercased() + np.dropFirst()
        return ([np], j)
    }

    /// Bodies that meet: when one of them is the subject of a deciding verb, the sentence
    /// records a decision, not an action.
    static let collectiveBodies: Set<String> = [
        "board", "committee", "group", "meeting", "members", "panel", "council", "forum", "we", "wij",
        "bestuur", "commissie", "stuurgroep", "werkgroep", "vergadering", "overleg", "db", "ab", "mr",
        "gmr", "college", "raad", "mt", "directie", "regietafel", "leden", "deelnemers", "participants",
        "assembly", "ledenvergadering", "alv", "agm", "trustees", "governors", "projectgroep", "kerngroep",
    ]
    /// Deciding verbs; the Dutch ones that need a particle name it ("gaat akkoord").
    static let decidingVerbs: [String: String?] = [
        "agreed": nil, "agrees": nil, "approved": nil, "approves": nil, "decided": nil, "decides": nil,
        "noted": nil, "notes": nil, "accepted": nil, "accepts": nil, "endorsed": nil, "endorses": nil,
        "resolved": nil, "resolves": nil, "adopted": nil, "adopts": nil, "supported": nil, "supports": nil,
        "welcomed": nil, "welcomes": nil, "ratified": nil, "ratifies": nil, "confirmed": nil,
        "besluit": nil, "besluiten": nil, "besloot": nil, "besloten": nil, "accordeert": nil, "accorderen": nil,
        "onderschrijft": nil, "onderschrijven": nil, "ondersteunt": nil, "ondersteunen": nil,
        "stemt": "in", "stemmen": "in", "gaat": "akkoord", "gaan": "akkoord", "neemt": "kennis", "nemen": "kennis",
        "stelt": "vast", "stellen": "vast", "keurt": "goed", "keuren": "goed", "verleent": "goedkeuring",
    ]

    static func isDecision(_ subject: [String], _ tokens: [Token], _ j: Int) -> Bool {
        guard subject.count == 1, let last = Fold.string(subject[0]).split(separator: " ").last,
              collectiveBodies.contains(String(last)), j < tokens.count,
              let particle = decidingVerbs[tokens[j].folded] else { return false }
        guard let p = particle else { return true }
        return tokens.dropFirst(j + 1).prefix(8).contains { $0.folded == p }
    }

    static let askVerbs: Set<String> = ["vraagt", "vragen", "vroeg", "vroegen", "asks", "asked", "ask", "wonders",
                                        "wondered", "informeert", "informeerde", "inquired", "enquired", "queried"]
    static let questionWords: Set<String> = ["of", "hoe", "wat", "waarom", "wanneer", "welke", "wie", "naar", "whether",
                                             "if", "how", "what", "why", "when", "who", "which", "about", "after", "where", "waar"]

    /// "Fatima vraagt of …", "Members asked why …": a question put, not an action taken.
    static func isIndirectQuestion(_ tokens: [Token], _ j: Int) -> Bool {
        guard j + 1 < tokens.count, askVerbs.contains(tokens[j].folded) else { return false }
        return questionWords.contains(tokens[j + 1].folded)
    }

    static let requestVerbs: Set<String> = ["asked", "requested", "vroeg", "verzocht", "urged", "tasked", "instructed", "mandated"]

    /// "The chair asked Bob to circulate …", "De voorzitter verzocht JenV om …": in the past
    /// tense the request was made at the table, so the one asked owns the action.
    static func pastRequest(_ tokens: [Token], _ j: Int) -> ([String], Int)? {
        guard requestVerbs.contains(tokens[j].folded), let (names, e) = ActorParser.parseList(tokens, j + 1),
              e < tokens.count, ["to", "om"].contains(tokens[e].folded) else { return nil }
        return (names, e)
    }

    /// "Aan iedereen het verzoek om …", "het verzoek aan de leden …", "Hierbij het verzoek
    /// of iedereen zich aanmeldt", "members are requested to …": a request put to a party,
    /// who owns it; the names are empty when the request names nobody.
    static func request(_ tokens: [Token]) -> ([String], Int)? {
        guard let v = tokens.indices.first(where: { k in
                  tokens[k].folded == "verzoek" && k > 0 && tokens[k - 1].folded == "het"
                      || tokens[k].folded == "verzocht" && k > 0 && ["wordt", "worden"].contains(tokens[k - 1].folded)
                      // "Aan Petra wordt gevraagd …"; without "aan", "er wordt gevraagd of …" is
                      // a question put at the table.
                      || tokens[k].folded == "gevraagd" && k > 0 && ["wordt", "worden"].contains(tokens[k - 1].folded)
                          && tokens[0].folded == "aan" }),
              tokens[(v + 1)...].contains(where: { ["om", "of", "te", "to"].contains($0.folded) }) else { return nil }
        if tokens[0].folded == "aan", let (names, e) = ActorParser.parseList(tokens, 1), e <= v { return (names, v) }
        if v + 2 < tokens.count, ["aan", "of"].contains(tokens[v + 1].folded), let (names, _) = ActorParser.parseList(tokens, v + 2) {
            return (names, v)
        }
        return ([], v)
    }

    /// "Alle werkgroepleden zijn uitgenodigd voorbeelden aan te dragen", "Members are urged
    /// to post feedback": those invited or asked at the meeting are to do it.
    static let invitedWords: Set<String> = ["uitgenodigd", "gevraagd", "verzocht", "opgeroepen", "invited", "asked", "urged",
                                            "requested", "encouraged", "expected"]

    static func invited(_ tokens: [Token], _ j: Int) -> Bool {
        guard j < tokens.count, ["is", "zijn", "wordt", "worden", "are", "were", "was"].contains(tokens[j].folded),
              let p = tokens[(j + 1)...].prefix(3).firstIndex(where: { invitedWords.contains($0.folded) }) else { return false }
        return tokens[(p + 1)...].contains { ["te", "to", "om"].contains($0.folded) }
    }

    static let presentRequestVerbs: Set<String> = ["vraagt", "vragen", "verzoekt", "verzoeken", "asks", "requests"]

    /// "Kees vraagt Anna om …", "The chair asks Bob to …": in the present tense the minutes
    /// record who takes the step of asking.
    static func presentRequest(_ tokens: [Token], _ j: Int) -> Bool {
        guard j < tokens.count, presentRequestVerbs.contains(tokens[j].folded),
              let (_, e) = ActorParser.parseList(tokens, j + 1), e < tokens.count else { return false }
        if ["to", "om"].contains(tokens[e].folded) { return true }
        // Dutch may leave "om" out: "Jan verzoekt Petra de offerte op te vragen" (not
        // "vraagt Petra de offerte", which asks her for it).
        return ["verzoekt", "verzoeken"].contains(tokens[j].folded)
            && tokens[e...].prefix { ![",", ";", ".", "dat"].contains($0.folded) }.contains { $0.folded == "te" }
    }

    /// "I'll take it over", "I will send", "I volunteered to", "ik zal", "ik neem het op me".
    static let firstPerson = [" i'll ", " i will ", " i shall ", " i'm going to ", " i am going to ", " i volunteer",
                              " i can take ", " i'll take ", " leave it with me", " it's on me", " ik zal ", " ik ga ",
                              " ik neem ", " ik pak ", " ik stuur ", " ik zorg ", " laat maar aan mij",
                              // Dutch puts the verb before "ik" after a first word: "Dat pak ik op",
                              // "Morgen stuur ik het rond", "Dan regel ik de zaal".
                              " pak ik ", " neem ik ", " stuur ik ", " regel ik ", " zorg ik ", " zoek ik ", " maak ik ",
                              " schrijf ik ", " mail ik ", " bel ik ", " doe ik "]

    /// The same said for the group the speaker speaks for ("we will soon start the WGLC"):
    /// in a speaker's turn, the speaker is the one to remind. Not in a condition or a
    /// consequence ("whenever we do …, we will find that …"), and not "let's", which
    /// discussions use for "let us suppose" and "let us move on" as often as for a plan.
    static let firstPersonPlural = [" we will ", " we'll ", " we zullen ", " wij zullen "]

    /// After "we will": what makes it a remark, not a plan ("we'll have to keep updating
    /// RFCs", "we will see", "we will need to …", "we'll probably …").
    static let pluralRemarks: Set<String> = ["have", "need", "be", "see", "probably", "never", "always", "moeten", "zien", "wel"]

    static func turnCommitment(_ f: String) -> Bool {
        let g = f.contains("’") ? f.replacingOccurrences(of: "’", with: "'") : f
        if firstPersonCommitment(g) { return true }
        let plans = firstPersonPlural.contains { phrase in
            var from = g.startIndex
            while let r = g.range(of: phrase, range: from..<g.endIndex) {
                let next = g[r.upperBound...].prefix { $0.isLetter }
                if !pluralRemarks.contains(String(next)) { return true }
                from = r.upperBound
            }
            return false
        }
        guard plans else { return false }
        return ![" if ", " whenever ", " when ", " als ", " wanneer "].contains { g.contains($0) }
    }

    static func firstPersonCommitment(_ f: String) -> Bool {
        let g = f.contains("’") ? f.replacingOccurrences(of: "’", with: "'") : f
        return firstPerson.contains { g.contains($0) }
    }

    // MARK: The meeting's own arrangements

    static let meetingLogistics: Set<String> = [
        "held", "place", "plaatsvinden", "plaats", "gehouden", "scheduled", "gepland", "ingepland", "moved", "verplaatst",
        "postponed", "uitgesteld", "verschoven", "on", "op", "start", "starts", "begint", "beginnen", "rescheduled",
    ]
    static let meetingAdjectives: Set<String> = [
        "next", "following", "upcoming", "this", "volgende", "eerstvolgende", "komende", "deze", "monthly", "weekly",
        "maandelijkse", "wekelijkse",
    ]

    /// "The next meeting will be held on 4 April", "De volgende vergadering zal plaatsvinden op
    /// 4 april", "The next call will be scheduled after the summer": when and where the group
    /// meets is the meeting's own arrangement, not a step someone takes (unless someone is
    /// named to take it: "… scheduled by the secretariat").
    /// Group nouns that meet: "the group will meet again on 4 April", "de werkgroep komt
    /// in juni weer bijeen".
    static let meetingGroups: Set<String> = [
        "group", "wg", "committee", "board", "team", "council", "subgroup", "taskforce", "we", "wij",
        "groep", "werkgroep", "commissie", "bestuur", "raad", "projectgroep", "stuurgroep", "kerngroep",
    ]

    /// A group meeting again: the meeting's own arrangement ("Tom will meet the alderman" and
    /// "The chairs will meet with the AD" are steps, and not read here).
    static func isGroupMeetingAgain(_ tokens: [Token]) -> Bool {
        let w = tokens.prefix(12).map(\.folded)
        guard let m = w.firstIndex(where: { ["will", "shall", "zal", "zullen"].contains($0) }), m >= 1, m <= 3,
              meetingGroups.contains(w[m - 1]), m + 1 < w.count else { return false }
        if w[m + 1] == "meet" {
            return m + 2 == w.count || ["again", "on", "in", "next", "every", "weekly", "monthly", "after", "before", "."].contains(w[m + 2])
        }
        // "zal in juni weer bijeenkomen", "zullen opnieuw vergaderen"
        return w[(m + 1)...].prefix(6).contains { ["vergaderen", "bijeenkomen", "samenkomen"].contains($0) }
    }

    static func isMeetingArrangement(_ tokens: [Token]) -> Bool {
        if isGroupMeetingAgain(tokens) { return true }
        var k = 0
        if k < tokens.count, ["the", "de", "het", "a", "een", "our", "onze"].contains(tokens[k].folded) { k += 1 }
        while k < tokens.count, meetingAdjectives.contains(tokens[k].folded) { k += 1 }
        guard k > 0, k < tokens.count, DeadlinePhrases.meetingNouns.contains(tokens[k].folded) || tokens[k].folded.hasSuffix("vergadering")
                || tokens[k].folded.hasSuffix("overleg") else { return false }
        let rest = tokens[(k + 1)...].map(\.folded)
        // Someone named to arrange it, or still to be arranged ("moet nog gepland worden",
        // "needs to be scheduled"): a step, for the other rules to read.
        guard !rest.contains(where: ["by", "door", "moet", "moeten", "dient", "dienen", "nog", "needs", "need", "must", "still",
                                     "has", "have", "te", "to"].contains) else { return false }
        return rest.prefix(6).contains(where: meetingLogistics.contains)
    }

    // MARK: Passive

    static let subordinators: Set<String> = ["when", "whenever", "which", "who", "whom", "whether", "where", "if", "unless", "because",
                                             "since", "while", "although", "wanneer", "welke", "waarbij", "omdat", "tenzij"]

    /// Participles that are never an action in a passive ("wordt … verwacht").
    static let notActionParticiples: Set<String> = [
        "verwacht", "gevraagd", "gesteld", "genoemd", "gezien", "bekend", "gebleken", "geconstateerd",
        "expected", "required", "needed", "known", "seen", "considered", "reported", "noted", "asked",
        // Talked about, not done: "The draft will be discussed at IETF 120".
        "discussed", "besproken", "addressed", "behandeld", "revisited",
    ]
    static let irregularParticiples: Set<String> = [
        "sent", "done", "made", "held", "set", "put", "brought", "taken", "given", "written", "drawn",
        "sought", "told", "found", "built", "kept", "paid", "shown", "spent", "undertaken", "chosen", "sent out",
    ]
    /// Time words that make a present-tense Dutch passive a plan ("wordt voor de volgende
    /// vergadering geagendeerd") rather than a report ("het concept wordt besproken").
    static let sendOnParticiples: Set<String> = ["doorgemaild", "rondgemaild", "nagemaild", "doorgestuurd", "nagestuurd",
                                                  "rondgestuurd", "toegestuurd", "toegezonden", "nagezonden",
                                                  "verspreid", "verstuurd", "gemaild"]
    static let planCues = [" volgende ", " komende ", " voor ", " uiterlijk ", " binnen ", " over ", " na ", " eind ",
                           " begin ", " half ", " medio ", " nog ", " verder ", " opnieuw ", " later ", " binnenkort ",
                           " z.s.m", " spoedig ", " t.z.t", " in januari", " in februari", " in maart", " in april",
                           " in mei", " in juni", " in juli", " in augustus", " in september", " in oktober",
                           " in november", " in december", " week", " maand", " tijdig "]

    static func isEnglishParticiple(_ w: String) -> Bool {
        !notActionParticiples.contains(w) && (Lexicon.passiveParticiples.contains(w) || irregularParticiples.contains(w)
            || (w.count >= 5 && w.hasSuffix("ed")))
    }

    /// "gekeken", "gevonden", "geschreven": ge…en, a strong verb's participle (read only
    /// right before "worden", where nothing else of that shape stands).
    static func isStrongParticiple(_ w: String) -> Bool {
        w.count >= 7 && w.hasPrefix("ge") && w.hasSuffix("en") && w.allSatisfy { $0.isLetter } && !notActionParticiples.contains(w)
    }

    static func isDutchParticiple(_ w: String, strict: Bool) -> Bool {
        if notActionParticiples.contains(w) { return false }
        if Lexicon.passiveParticiples.contains(w) { return true }
        return !strict && w.wholeMatch(of: dutchParticiple) != nil
    }

    /// Dutch participle shapes: ge…d/t ("geagendeerd"), a particle before it ("opgepakt",
    /// "rondgestuurd", "toegezonden"), or a prefix verb without ge ("verstuurd", "bekeken").
    nonisolated(unsafe) static let dutchParticiple = Patterns.regex(
        #"(?:(?:op|aan|af|door|in|mee|na|om|rond|terug|toe|uit|voor|weg|vast|bij|samen|klaar|over)?ge[a-z]{3,}(?:d|t)|(?:op|aan|af|door|in|mee|na|om|rond|terug|toe|uit|voor|weg|vast|bij|samen|over)ge[a-z]{3,}en|(?:be|ver|ont|her|er)[a-z]{3,}(?:d|t)|besproken|bekeken|gegeven|genomen|gesproken|geschreven|gezonden|gelezen|bevonden|verzonden|ontvangen)"#)

    /// The runs of letters and hyphens of `f`; for ASCII text read on its bytes, where a
    /// letter is a-z or A-Z (the Unicode letter test for every character was a tenth of
    /// the sentence rules).
    static func letterWords(_ f: String) -> [String] {
        guard f.utf8.allSatisfy({ $0 < 0x80 }) else {
            return f.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
        }
        return f.utf8.split(whereSeparator: { b in !((b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x2D) })
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether "be" stands in `f` as a word of `letterWords`: between bytes that are no
    /// ASCII letter or hyphen (a byte of another character counts as a boundary, so the
    /// answer is yes wherever it may be).
    static func hasWordBe(_ f: String) -> Bool {
        var f = f
        return f.withUTF8 { b in
            @inline(__always) func letter(_ x: UInt8) -> Bool { (x >= 0x61 && x <= 0x7A) || (x >= 0x41 && x <= 0x5A) || x == 0x2D }
            var i = 0
            while i + 1 < b.count {
                if b[i] == 0x62, b[i + 1] == 0x65, i == 0 || !letter(b[i - 1]), i + 2 == b.count || !letter(b[i + 2]) { return true }
                i += 1
            }
            return false
        }
    }

    /// "wordt … geagendeerd", "will be circulated", "is to be obtained", "moet worden
    /// uitgezocht": `.obligation` when it must or is to be done, `.passive` otherwise.
    static func passive(_ f: String) -> Analysis.Commitment? {
        // Every passive below has "wordt", "worden" or the word "be": most sentences have none.
        guard f.contains("worden") || f.contains("wordt") || hasWordBe(f) else { return nil }
        let words = letterWords(f)
        // Shared with someone, on a site or by mail is sent on; shared otherwise ("deze zorg
        // wordt breed gedeeld", "de zorgen worden gedeeld") is a view others hold too.
        if let shared = words.firstIndex(of: "gedeeld"),
           words[..<shared].allSatisfy({ !["met", "op", "via", "naar", "per"].contains($0) }) { return nil }
        // "Deze wordt apart doorgemaild": sending a thing on is a step still to take.
        // "Vragen worden doorgestuurd naar het secretariaat" is how things go: the plural
        // needs a word of time.
        if f.contains(" wordt ") || f.contains(" worden ") && planCues.contains(where: { f.contains($0) }),
           words.contains(where: { sendOnParticiples.contains($0) }) { return .passive }
        // Shared with someone is sent on ("wordt met de leden gedeeld"); a view shared by
        // someone, or widely, is agreement ("deze zorg wordt breed gedeeld").
        if f.contains(" wordt "), let shared = words.firstIndex(of: "gedeeld"), words[..<shared].contains("met"),
           shared + 1 == words.count || words[shared + 1] != "door" { return .passive }
        // "Er wordt gebruik gemaakt van Teams" says how the group works.
        if f.contains(" gebruik gemaakt ") || f.contains(" gebruikgemaakt ") { return nil }
        // English: the participle right after the auxiliary ("will be formally circulated").
        let english: [(String, Analysis.Commitment)] = [
            ("is to be", .obligation), ("are to be", .obligation), ("needs to be", .obligation), ("need to be", .obligation),
            ("must be", .obligation), ("has to be", .obligation), ("have to be", .obligation), ("will be", .passive),
            ("shall be", .passive), ("to be", .passive),
        ]
        // Every English auxiliary below ends in "be".
        for (aux, kind) in english where words.contains("be") {
            let a = aux.split(separator: " ").map(String.init)
            for k in words.indices where k + a.count < words.count && Array(words[k..<(k + a.count)]) == a {
                // "… works out when each owner must be reminded": a subordinate clause, not a task.
                if words[max(0, k - 4)..<k].contains(where: { subordinators.contains($0) }) { continue }
                if words[(k + a.count)...].prefix(3).contains(where: isEnglishParticiple) { return kind }
            }
        }
        // Dutch: any participle shape with "moet worden" or "zal worden"; a present "wordt"
        // only with a participle of the word list and a word of time.
        let obligation = [" moet worden", " moeten worden", " dient te worden", " dienen te worden", " moet nog worden",
                          " moeten nog worden", " moet nog ", " moeten nog "]
        let future = [" zal worden", " zullen worden", " zal nog worden", " zullen nog worden"]
        // The phrases first: the participle shapes are a regex tried on every word.
        let mustBeDone = obligation.contains(where: { f.contains($0) }) && f.contains(" worden")
        let willBeDone = future.contains(where: { f.contains($0) })
        if mustBeDone || willBeDone, words.contains(where: { isDutchParticiple($0, strict: false) }) {
            if mustBeDone { return .obligation }
            if willBeDone { return .passive }
        }
        // The participle before "worden", words between: "Er zal, in afstemming met X,
        // gekeken worden naar …", "… moeten nog opgelost worden".
        if let w = words.lastIndex(of: "worden"), w >= 2,
           isDutchParticiple(words[w - 1], strict: false) || isStrongParticiple(words[w - 1]) {
            let before = Set(words[..<(w - 1)])
            if !before.isDisjoint(with: ["moet", "moeten", "dient", "dienen"]) { return .obligation }
            if !before.isDisjoint(with: ["zal", "zullen"]) { return .passive }
        }
        if f.contains(" wordt ") || f.contains(" worden "), words.contains(where: { isDutchParticiple($0, strict: true) }),
           planCues.contains(where: { f.contains($0) }) { return .passive }
        return nil
    }
}
