/// Who else a sentence names besides its owner: co-owners ("samen met", "in overleg
/// met", "together with") who are reminded too, parties only contacted or asked ("neemt
/// met IPO contact op", "vraagt Aedes om") who are not, and the agent of a passive ("door
/// het secretariaat").
extension ProseRules {
    /// "by the residents' group before 1 April" → "the residents' group".
    static func agentPhrase(_ tokens: [Token], _ i: Int, _ sentence: String) -> String? {
        guard i + 1 < tokens.count, ActorParser.determiners.contains(tokens[i].folded) else { return nil }
        let stop: Set<String> = ["next", "volgende", "end", "eind", "einde", "begin", "start", "middle", "latest", "uiterlijk"]
        var j = i + 1
        while j < tokens.count, j - i <= 4, tokens[j].text.first?.isLetter == true || tokens[j].text == "'" {
            let f = tokens[j].folded
            if stop.contains(f) || DeadlinePhrases.meetingNouns.contains(f) || DeadlinePhrases.prepositions.contains(f)
                || ["in", "met", "with", "for", "of", "van", "at", "to", "and", "en", "within", "binnen", "over"].contains(f) { break }
            j += 1
        }
        guard j > i + 1 else { return nil }
        var np = sentence.characterSlice(tokens[i].start, tokens[j - 1].end)
        if stop.contains(tokens[i + 1].folded) { return nil }
        if np.hasPrefix("The ") || np.hasPrefix("De ") || np.hasPrefix("Het ") { np = np.prefix(1).lowercased() + np.dropFirst() }
        return np
    }

    static let contactWordSet = PhraseSet(Lexicon.contactWords.map { " " + $0 })
    /// Verbs and prepositions after which the names are those asked or contacted.
    static let askingWords: Set<String> = [
        "vraagt", "vragen", "asks", "ask", "informeert", "informs", "inform", "nodigt", "invites", "invite",
        "benadert", "approaches", "contacts", "contact", "belt", "mailt", "emails", "to", "aan", "naar",
    ]

    /// `with`: "in overleg met X", "samen met X", "with X"; `involved`: the party contacted
    /// or asked ("neemt met IPO contact op", "vraagt Aedes om", "contact with X").
    static func collectParties(_ tokens: [Token], _ f: String, _ roster: Roster, _ a: inout Analysis) {
        let contact = contactWordSet.occurs(in: f)
        let known = Set([a.owner].compactMap { $0 } + a.coOwners)
        var k = a.verbIndex
        while k < tokens.count {
            let w = tokens[k].folded
            if ["met", "with"].contains(w), let (names, e) = ActorParser.parseList(tokens, k + 1) {
                let prev = k > 0 ? tokens[k - 1].folded : ""
                let explicit = ["overleg", "samen", "together", "consultation", "samenwerking", "conjunction"].contains(prev)
                let isContact = !explicit && (contact || ["contact", "liaise", "liaises", "meet", "meets", "speak", "speaks",
                                                           "talk", "talks", "check", "checks", "touch", "afstemming"].contains(prev))
                for n in names where !known.contains(n) {
                    // "with Harris Heating": someone not at the table is dealt with, not a co-owner.
                    let outsider = !explicit && !roster.isEmpty && !roster.knows(n)
                    if isContact || outsider { if !a.involved.contains(n) { a.involved.append(n) } }
                    else if !a.with.contains(n) { a.with.append(n) }
                }
                k = e; continue
            }
            if askingWords.contains(w),
               k >= a.verbIndex, !(k > 0 && tokens[k - 1].isCapitalized && k - 1 > a.verbIndex),
               let (names, e) = ActorParser.parseList(tokens, k + 1) {
                for n in names where !known.contains(n) && !a.involved.contains(n) && !a.with.contains(n) { a.involved.append(n) }
                k = e; continue
            }
            k += 1
        }
        a.with = a.coOwners + a.with.filter { !a.coOwners.contains($0) }
    }
}
