/// Recognises who is named: abbreviations of ministries and bodies (JenV, MBZK, CdK),
/// people's names (Anna, Jan van der Berg), and roles (de voorzitter, the chairs,
/// voorzitter VB). Minutes name people in all three ways and mix them in one list.
enum ActorParser {
    static let determiners: Set<String> = ["de", "het", "the", "onze", "our", "alle", "all", "beide", "both", "ons"]
    static let months: Set<String> = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
        "oktober", "november", "december", "january", "february", "march", "may", "june", "july",
        "august", "october",
    ]

    static func isNameToken(_ t: Token) -> Bool {
        guard let f = t.text.first, f.isUppercase, t.text.count >= 2 || t.isAbbreviation else { return false }
        guard t.text.contains(where: \.isLetter) else { return false }
        if Lexicon.notActors.contains(t.folded) || months.contains(t.folded) { return false }
        if Lexicon.actionMarkers.contains(t.folded) || Lexicon.decisionMarkers.contains(t.folded) { return false }
        // Roman numerals and year halves ("II", "2023-II") are not names.
        if t.text.allSatisfy({ "IVXL".contains($0) }) { return false }
        return true
    }

    /// One name at `i`: returns its text as written and the index after it.
    static func parseOne(_ tokens: [Token], _ i: Int, bareRoles: Bool = false) -> (String, Int)? {
        guard i < tokens.count else { return nil }
        var j = i
        var words: [String] = []
        if determiners.contains(tokens[j].folded), j + 1 < tokens.count {
            words.append(tokens[j].text.lowercased()); j += 1
        }
        guard j < tokens.count else { return nil }
        let head = tokens[j]
        if Lexicon.roleNouns.contains(head.folded) {
            words.append(head.text); j += 1
            // "voorzitter VB", "minister van JenV", "secretariaat LRT"
            if j < tokens.count, tokens[j].isAbbreviation { words.append(tokens[j].text); j += 1 }
            else if j + 1 < tokens.count, ["van", "of"].contains(tokens[j].folded), tokens[j + 1].isAbbreviation {
                words.append(tokens[j].text); words.append(tokens[j + 1].text); j += 2
            }
            if !bareRoles, words.count == 1, words[0].first?.isLowercase == true, i == j - 1, !["allen", "iedereen", "everyone"].contains(head.folded) {
                // A bare lower-case role noun without article ("leden stemmen in") is too weak.
                return nil
            }
            return (words.joined(separator: " "), j)
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
        return (words.joined(separator: " "), j)
    }

    /// A list of names: "JenV en MBZK", "Anna, Bob and Chris", "the chairs".
    static func parseList(_ tokens: [Token], _ i: Int, bareRoles: Bool = false) -> (names: [String], end: Int)? {
        guard let (first, e) = parseOne(tokens, i, bareRoles: bareRoles) else { return nil }
        var names = [first]
        var j = e
        while j < tokens.count, [",", "en", "and", "&", "/", "+"].contains(tokens[j].folded) {
            var k = j + 1
            if k < tokens.count, tokens[j].folded == ",", ["en", "and"].contains(tokens[k].folded) { k += 1 }
            guard let (next, e2) = parseOne(tokens, k, bareRoles: bareRoles) else { break }
            names.append(next)
            j = e2
        }
        return (names, j)
    }

    /// True when the whole string is a list of names ("JenV", "Anna en Bob", "the chairs").
    static func looksLikeActorList(_ s: String) -> Bool {
        let t = Tokenizer.tokens(s)
        guard !t.isEmpty, t.count <= 8, let (_, end) = parseList(t, 0, bareRoles: true) else { return false }
        return end == t.count || (end == t.count - 1 && [".", ",", ";"].contains(t[end].folded))
    }

    /// The names in a cell or label: "JenV/MBZK", "Anna, Bob".
    static func names(in s: String) -> [String] {
        let t = Tokenizer.tokens(s)
        var out: [String] = []
        var i = 0
        while i < t.count {
            if let (names, e) = parseList(t, i, bareRoles: true) { out += names; i = e } else { i += 1 }
        }
        return out
    }
}
