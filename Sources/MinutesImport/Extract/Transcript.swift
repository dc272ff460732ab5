import Foundation

/// Minutes kept as a transcript write each turn as "Name: what they said" ("**René Kint**:
/// Waarom?", "KG: In general, if you say …", "Ted Hardie: interesting idea but …"). An
/// actions list writes its entries the same way ("Marieke: nieuwjaarsreceptie regelen").
/// A turn is an action only when someone commits to doing something in it; a question, an
/// opinion or a description is the discussion.
enum Transcript {
    struct Turn {
        var speaker: String
        /// The words after the label.
        var said: String
    }

    /// The speaker label the text opens with, if any: one to five names before a colon,
    /// emphasis and bullets aside; not a marker ("Actie:", "Decision:").
    static func turn(_ text: String) -> Turn? {
        // A label ends in a colon: most sentences hold none.
        guard text.utf8.contains(0x3A) else { return nil }
        let t = text.trimmedSpaces.drop { "*_-• ".contains($0) }
        guard let colon = t.prefix(80).firstIndex(of: ":") else { return nil }
        let label = String(t[..<colon]).trimming("*_ ")
        let after = t[t.index(after: colon)...].drop { "*_ ".contains($0) }
        guard !label.isEmpty, !after.isEmpty, after.first != "/",
              label.split(separator: " ").count <= 8,
              label.first?.isUppercase == true || label.first == "@",
              MarkerScan.scan(String(t)) == nil,
              ActorParser.looksLikeActorList(label) else { return nil }
        return Turn(speaker: label, said: String(after))
    }

    /// Words that make the words after a label a statement of the discussion rather than
    /// the short instruction of an actions list: a subject pronoun, a copula or auxiliary.
    static let statementVerbs: Set<String> = [
        "is", "zijn", "was", "waren", "wordt", "worden", "heeft", "hebben", "wil", "willen", "kan", "kunnen",
        "are", "were", "has", "have", "had", "do", "does", "don't", "think", "thinks", "denk", "denkt", "vind", "vindt",
        // a turn that speaks to "you" explains how something works
        "you", "je", "jij",
    ]
    /// Words that open a sentence as its subject ("Ik …", "Het daarna meest besproken
    /// onderwerp is …", "You still need …").
    static let statementOpeners: Set<String> = [
        "ik", "we", "wij", "je", "jij", "u", "het", "dit", "dat", "er", "hij", "zij", "ze",
        "i", "you", "it", "this", "that", "there", "he", "she", "they", "we're", "i'm", "it's", "that's",
    ]

    /// Whether `said` reads as something said in the discussion: a question, more than one
    /// sentence, a copula or auxiliary, or a sentence opened by a subject pronoun.
    static func isStatement(_ said: String) -> Bool {
        if said.contains("?") { return true }
        let words = Tokenizer.tokens(said).map(\.folded).filter { $0.first?.isLetter == true }
        if words.contains(where: { statementVerbs.contains($0) }) { return true }
        if let first = words.first, statementOpeners.contains(first) { return true }
        return said.trimmedSpaces.dropLast().contains(". ")
    }

    /// Whether a turn commits someone: the speaker in the first person ("I'll take it",
    /// "ik zal …"), or a named party with a verb of commitment ("Bob will send …"). A
    /// passive ("extra will be undefined") describes; it does not commit.
    static func commits(_ said: String, roster: Roster) -> Bool {
        let f = " " + Fold.string(said) + " "
        if Clauses.turnCommitment(f) { return true }
        let a = ProseRules.analyze(said, roster: roster)
        guard let c = a.commitment, !a.question, !a.conditional else { return false }
        if c == .passive || c == .obligation {
            // "De slides worden op de website gedeeld" answers for the meeting; "if you say
            // …, extra will be undefined" explains how something works.
            // An opinion ("Dit maakt het moeilijk …", "the design is problematic") is not.
            let first = Tokenizer.tokens(said).first?.folded ?? ""
            return ![" if ", " als ", " indien ", " when ", " wanneer ", " is ", " are ", " zijn ", " was ", " were "]
                .contains { f.contains($0) } && !ProseRules.pronouns.union(["dit", "dat", "this", "that", "het", "er"]).contains(first)
        }
        return a.owner != nil
    }

    /// A turn that is discussion, not an action.
    static func isDiscussion(_ text: String, roster: Roster) -> Bool {
        guard let turn = turn(text) else { return false }
        return isStatement(turn.said) && !commits(turn.said, roster: roster)
    }
}

/// A list entry that is only a link ("[Logisch Ontwerp BRP](https://…)", a bare URL): a
/// reference handed out at the meeting, not something to do.
enum LinkOnly {
    /// "[scoffir](https://github.com/scoffir)" as "scoffir": a who cell that links the
    /// person's profile names the person.
    static func linkTexts(_ s: String) -> String {
        guard s.contains("](") else { return s }
        var out = "", rest = Substring(s)
        while let open = rest.firstIndex(of: "["), let mid = rest[open...].range(of: "]("),
              let close = rest[mid.upperBound...].firstIndex(of: ")"), !rest[open..<mid.lowerBound].dropFirst().contains("[") {
            out += rest[..<open] + rest[rest.index(after: open)..<mid.lowerBound]
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func check(_ text: String) -> Bool {
        // A bare URL holds "http", a markdown link "](": most entries hold neither.
        guard text.contains("http") || text.contains("](") else { return false }
        let t = text.trimmedSpaces.trimming("*_ .;,")
        if (t.hasPrefix("http://") || t.hasPrefix("https://")) && !t.contains(" ") { return true }
        guard t.hasPrefix("["), t.hasSuffix(")"), let mid = t.range(of: "](") else { return false }
        let url = t[mid.upperBound...].dropLast()
        return (url.hasPrefix("http") || url.hasPrefix("/") || url.hasPrefix("#")) && !url.contains(" ")
            && !t[..<mid.lowerBound].contains("](")
    }
}
