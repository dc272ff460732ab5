/// Recognises who is named: abbreviations of ministries and bodies (JenV, MBZK, CdK),
/// initials (JS, MvdB), people's names with or without a title (Anna, Jan van der Berg,
/// Mw. De Wit, G. Walsh), and roles (de voorzitter, the chairs, voorzitter VB, the Head of
/// Internal Audit). Minutes name people in all these ways and mix them in one list.
enum ActorParser {
    static let determiners: Set<String> = ["de", "het", "the", "onze", "our", "alle", "all", "beide", "both", "ons"]
    static let months: Set<String> = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
        "oktober", "november", "december", "january", "february", "march", "may", "june", "july",
        "august", "october",
    ]

    /// Words that end a noun phrase: verbs, modals, prepositions, conjunctions.
    static let nounStop: Set<String> = Lexicon.modals.union(Lexicon.commitVerbs).union(Lexicon.reportingVerbs)
        .union(Lexicon.englishToVerbs).union(DeadlinePhrases.prepositions)
        .union(["en", "and", "about", "over", "with", "met", "from", "into", "naar", "zijn", "heeft", "hebben", "wordt", "worden", "will", "would"])

    static func isNameToken(_ t: Token) -> Bool {
        // ASCII on its bytes, where a byte is a character, A-Z the capitals, A-Z and a-z the
        // letters and 0-9 the numbers: most words fail the first test, the capital.
        let ascii = t.text.utf8.allSatisfy { $0 < 0x80 }
        let capitals: Bool
        if ascii {
            let b = t.text.utf8
            guard let f = b.first, f >= 0x41 && f <= 0x5A, b.count >= 2 || t.isAbbreviation else { return false }
            guard b.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) else { return false }
            capitals = (2...4).contains(b.count) && b.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
        } else {
            guard let f = t.text.first, f.isUppercase, t.text.count >= 2 || t.isAbbreviation else { return false }
            guard t.text.contains(where: \.isLetter) else { return false }
            capitals = (2...4).contains(t.text.count) && t.text.allSatisfy { $0.isUppercase || $0.isNumber }
        }
        if Lexicon.actionMarkers.contains(t.folded) || Lexicon.decisionMarkers.contains(t.folded) { return false }
        // "MR" (a council), "IT" (a department): in capitals a short word is a body's name.
        if !capitals, Lexicon.notActors.contains(t.folded) || Lexicon.honorifics.contains(t.folded) { return false }
        if months.contains(t.folded) { return false }
        // Roman numerals and year halves ("II", "2023-II") are not names.
        if t.text.allSatisfy({ "IVXL".contains($0) }) { return false }
        return true
    }

    /// "G", "A.B": initials written before a surname, each followed by a dot.
    static func isInitial(_ t: Token) -> Bool {
        let parts = t.text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { $0.count == 1 && $0.first!.isUppercase }
    }

    /// A surname with its particles: "Walsh", "de Wit", "De Groot", "van den Berg".
    static func surname(_ tokens: [Token], _ i: Int) -> (words: [String], end: Int)? {
        var k = i
        var words: [String] = []
        while k < tokens.count, Lexicon.nameParticles.contains(tokens[k].folded), k + 1 < tokens.count {
            words.append(tokens[k].text); k += 1
        }
        guard k < tokens.count, isNameToken(tokens[k]) || (!words.isEmpty && tokens[k].isCapitalized && tokens[k].text.count >= 2) else { return nil }
        words.append(tokens[k].text)
        k += 1
        // Double-barrelled or two-part names: "Okonjo-Smith", "Van Leeuwen Boomkamp".
        while k < tokens.count, isNameToken(tokens[k]), !tokens[k].isAbbreviation, words.count < 4 {
            words.append(tokens[k].text); k += 1
        }
        return (words, k)
    }

    /// A title, initials or both before a surname: "Mw. De Wit", "dhr. K. Smits", "Cllr
    /// Doyle", "G. Walsh", "A.B. de Vries". The title is dropped, the initials are kept.
    static func titledName(_ tokens: [Token], _ i: Int) -> (String, Int)? {
        guard i < tokens.count else { return nil }
        var k = i
        var hadTitle = false
        // "de heer Visser"
        if tokens[k].folded == "de", k + 1 < tokens.count, tokens[k + 1].folded == "heer" { k += 1 }
        if Lexicon.honorifics.contains(tokens[k].folded) {
            hadTitle = true
            k += 1
            if k < tokens.count, tokens[k].text == "." { k += 1 }
        }
        var initials: [String] = []
        while k + 1 < tokens.count, tokens[k + 1].text == ".", isInitial(tokens[k]) {
            initials.append(tokens[k].text + "."); k += 2
        }
        guard hadTitle || !initials.isEmpty, k < tokens.count, let (words, e) = surname(tokens, k) else { return nil }
        var name = initials.joined() + (initials.isEmpty ? "" : " ") + words.joined(separator: " ")
        // "Mw. De Wit" is "De Wit"; the capital stays as written.
        if name.isEmpty { name = words.joined(separator: " ") }
        return (name, e)
    }

    /// Capitalised words that continue a role: "Chief Finance Officer", "Head of Internal Audit".
    static func roleTail(_ tokens: [Token], _ j: inout Int, _ words: inout [String]) {
        var k = j
        var tail: [String] = []
        while k < tokens.count, tail.count < 5 {
            let t = tokens[k]
            if ["of", "van", "for", "voor"].contains(t.folded), k + 1 < tokens.count, tokens[k + 1].isCapitalized,
               isNameToken(tokens[k + 1]) || tokens[k + 1].isAbbreviation {
                tail.append(t.text); k += 1; continue
            }
            if t.isCapitalized, isNameToken(t) || Lexicon.roleNouns.contains(t.folded) {
                tail.append(t.text); k += 1; continue
            }
            break
        }
        if !tail.isEmpty { words += tail; j = k }
    }

    /// One name at `i`: returns its text as written and the index after it.
    static func parseOne(_ tokens: [Token], _ i: Int, bareRoles: Bool = false) -> (String, Int)? {
        guard i < tokens.count else { return nil }
        if let named = titledName(tokens, i) { return named }
        // "@lee-dohm": a handle, written as the tracker writes it (without the @).
        if tokens[i].text == "@", i + 1 < tokens.count, tokens[i + 1].start == tokens[i].end,
           i == 0 || tokens[i - 1].end < tokens[i].start, isHandle(tokens[i + 1].text) {
            return (tokens[i + 1].text, i + 2)
        }
        var j = i
        var words: [String] = []
        if determiners.contains(tokens[j].folded), j + 1 < tokens.count {
            words.append(tokens[j].text.lowercased()); j += 1
        }
        guard j < tokens.count else { return nil }
        // "The Chief Finance Officer": capitalised words that end in a role noun.
        if !words.isEmpty, tokens[j].isCapitalized {
            var k = j
            while k < tokens.count, k - j < 3, tokens[k].isCapitalized, !Lexicon.roleNouns.contains(tokens[k].folded) { k += 1 }
            if k > j, k < tokens.count, Lexicon.roleNouns.contains(tokens[k].folded), tokens[k].isCapitalized {
                words += tokens[j...k].map(\.text)
                j = k + 1
                roleTail(tokens, &j, &words)
                return (words.joined(separator: " "), j)
            }
        }
        let head = tokens[j]
        if Lexicon.roleNouns.contains(head.folded) {
            words.append(head.text); j += 1
            if head.isCapitalized { roleTail(tokens, &j, &words) }
            // "voorzitter VB", "minister van JenV", "wethouder De Groot"
            if j < tokens.count, tokens[j].isAbbreviation { words.append(tokens[j].text); j += 1 }
            else if j + 1 < tokens.count, ["van", "of"].contains(tokens[j].folded), tokens[j + 1].isAbbreviation {
                words.append(tokens[j].text); words.append(tokens[j + 1].text); j += 2
            } else if let (name, e) = titledName(tokens, j) {
                words.append(name); j = e   // "wethouder M. Hoekstra"
            } else if let (name, e) = surname(tokens, j), tokens[j].isCapitalized || Lexicon.nameParticles.contains(tokens[j].folded) {
                words += name; j = e
            }
            if !bareRoles, words.count == 1, words[0].first?.isLowercase == true, i == j - 1, !["allen", "iedereen", "everyone"].contains(head.folded) {
                // A bare lower-case role noun without article ("leden stemmen in") is too weak.
                return nil
            }
            return (words.joined(separator: " "), j)
        }
        // "Van Dijk zal …", "De Wit stuurt …" at the start of a sentence.
        if words.isEmpty, head.isCapitalized, Lexicon.nameParticles.contains(head.folded), j + 1 < tokens.count,
           tokens[j + 1].isCapitalized || Lexicon.nameParticles.contains(tokens[j + 1].folded),
           let (name, e) = surname(tokens, j), name.count >= 2 {
            return (name.joined(separator: " "), e)
        }
        guard isNameToken(head) else { return nil }
        words.append(head.text); j += 1
        if head.isAbbreviation {
            while j < tokens.count, tokens[j].isAbbreviation, !Lexicon.notActors.contains(tokens[j].folded) {
                words.append(tokens[j].text); j += 1
            }
            // "PRT 's": a plural written apart.
            if j < tokens.count, ["'s", "s"].contains(tokens[j].folded), tokens[j].start == tokens[j - 1].end + 1 || tokens[j].text == "'s" {
                words[words.count - 1] += "'s"; j += 1
            }
            // "PCSO Moran", "LTO Noord": a title or body in capitals before a name.
            if j < tokens.count, isNameToken(tokens[j]), !tokens[j].isAbbreviation, words.count == 1 {
                words.append(tokens[j].text); j += 1
            }
            // "the GTFS maintainers": after an article the abbreviation qualifies a noun.
            if words.count == 2, determiners.contains(words[0]), j < tokens.count, tokens[j].text.first?.isLowercase == true,
               tokens[j].text.count >= 4, !nounStop.contains(tokens[j].folded) {
                words.append(tokens[j].text); j += 1
            }
            return (words.joined(separator: " "), j)
        }
        // First name + surname, with particles: "Jan van der Berg".
        while j < tokens.count {
            var k = j
            var particles: [String] = []
            while k < tokens.count, Lexicon.nameParticles.contains(tokens[k].folded), tokens[k].text.first?.isLowercase == true {
                particles.append(tokens[k].text); k += 1
            }
            guard k < tokens.count, isNameToken(tokens[k]), !tokens[k].isAbbreviation || particles.isEmpty == false else { break }
            if particles.isEmpty && tokens[k].isAbbreviation { break }
            words += particles + [tokens[k].text]
            j = k + 1
        }
        // "Head of Internal Audit", "Director of Finance" without an article.
        if Lexicon.roleNouns.contains(Fold.string(words.last ?? "")) { roleTail(tokens, &j, &words) }
        return (words.joined(separator: " "), j)
    }

    /// The end of a short aside in brackets at `j` that says who a name is: "(PS)" after
    /// "Petra Smit", "(Petra)" after "PS", "(voorzitter)"; nil when there is none.
    static func aside(_ tokens: [Token], _ j: Int) -> Int? {
        guard j + 2 < tokens.count, tokens[j].text == "(" else { return nil }
        var k = j + 1
        while k < tokens.count, tokens[k].text != ")" {
            guard k - j <= 3, isNameToken(tokens[k]) || tokens[k].isAbbreviation || Lexicon.roleNouns.contains(tokens[k].folded) else { return nil }
            k += 1
        }
        return k < tokens.count && k > j + 1 ? k + 1 : nil
    }

    /// A list of names: "JenV en MBZK", "Anna, Bob and Chris", "the chairs", "MvdB/RO".
    static func parseList(_ tokens: [Token], _ i: Int, bareRoles: Bool = false) -> (names: [String], end: Int)? {
        guard let (first, e) = parseOne(tokens, i, bareRoles: bareRoles) else { return nil }
        var names = [first]
        var j = e
        while j < tokens.count, Lexicon.listJoiners.contains(tokens[j].folded), !["samen", "together"].contains(tokens[j].folded) {
            var k = j + 1
            if k < tokens.count, tokens[j].folded == ",", ["en", "and"].contains(tokens[k].folded) { k += 1 }
            guard let (next, e2) = parseOne(tokens, k, bareRoles: bareRoles) else { break }
            names.append(next)
            j = e2
        }
        return (names, j)
    }

    /// A user handle as issue trackers and chat write it: "TODO(bob)", "@lars".
    static func isHandle(_ s: String) -> Bool {
        let t = s.hasPrefix("@") ? String(s.dropFirst()) : s
        guard let f = t.first, f.isLetter, (2...30).contains(t.count) else { return false }
        return t.allSatisfy { $0.isASCII && ($0.isLetterOrDigit || "._-".contains($0)) }
            && !Lexicon.notActors.contains(Fold.string(t)) && !Lexicon.closedStatus.contains(Fold.string(t))
    }

    /// True when the whole string is a list of names ("JenV", "Anna en Bob", "the chairs").
    static func looksLikeActorList(_ s: String) -> Bool {
        let t = Tokenizer.tokens(s)
        guard !t.isEmpty, t.count <= 10, let (_, end) = parseList(t, 0, bareRoles: true) else { return false }
        return end == t.count || (end == t.count - 1 && [".", ",", ";"].contains(t[end].folded))
    }

    /// The names in a cell or label: "JenV/MBZK", "Anna, Bob", "@lars".
    static func names(in raw: String) -> [String] {
        let s = LinkOnly.linkTexts(raw)
        let trimmed = s.trimmedSpaces
        if isHandle(trimmed), trimmed.hasPrefix("@") || trimmed.first?.isLowercase == true,
           !Lexicon.roleNouns.contains(Fold.string(trimmed)) {
            return [trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed]
        }
        let t = Tokenizer.tokens(s)
        var out: [String] = []
        var i = 0
        while i < t.count {
            if let (names, e) = parseList(t, i, bareRoles: true) { out += names; i = e } else { i += 1 }
        }
        return out
    }
}
