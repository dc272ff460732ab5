import RemindCore

/// Turns "kort na de uitspraak" into an event: looks back through the minutes for the
/// fuller mention ("begin december de uitspraak van de RvS volgt") to name it and to learn
/// the window in which it is expected.
enum EventFinder {
    static func resolve(_ mention: EventMention, sentences: [String], at index: Int,
                        reference r: LocalDate?) -> DraftEvent {
        let noun = mention.noun
        // Nearest sentences first: the one itself, then back, then forward.
        var order = [index] + Array((0..<index).reversed())
        order += Array((index + 1)..<max(index + 1, sentences.count))
        var qualifier = mention.qualifier
        var titleText = mention.text
        var window: (DateWindow, String)?
        // "uitspraak van de RvS", "behandeling in de Eerste Kamer", "ruling of the Council of State"
        let qualRx = try! Regex("\\b" + noun + #"\s+(?:van|of|door|by|in)\s+(?:de\s+|het\s+|the\s+)?([\w-]+(?:\s+(?:van\s+|of\s+)?[\w-]+){0,2})"#)
        for i in order where i >= 0 && i < sentences.count {
            let s = sentences[i]
            let f = Fold.string(s)
            guard f.range(of: noun) != nil else { continue }
            if qualifier == nil, let m = f.firstMatch(of: qualRx) {
                let r = DateParser.offsets(m.output[1].range!, in: f)
                qualifier = properName(s.characterSlice(r.lowerBound, r.upperBound))
                let whole = DateParser.offsets(m.range, in: f)
                titleText = s.characterSlice(whole.lowerBound, r.lowerBound + (qualifier?.count ?? 0))
            }
            if window == nil, let r, let w = DeadlinePhrases.expectedWindow(s, reference: r) { window = w }
            if qualifier != nil && window != nil { break }
        }
        let id = Slug.make((qualifier.map { $0 + " " } ?? "") + noun, maxWords: 4)
        if let q = mention.qualifier, titleText == mention.text { titleText = "\(q)'s \(noun)" }
        var title = titleText.trimmingCharacters(in: .whitespaces)
        title = title.prefix(1).uppercased() + title.dropFirst()
        return DraftEvent(id: id, title: title, expected: window?.0, expectedText: window?.1)
    }

    /// The capitalised words a qualifier starts with ("Eerste Kamer wordt" → "Eerste Kamer",
    /// "RvS volgt" → "RvS"); a lower-case qualifier stays one word.
    static func properName(_ q: String) -> String {
        let words = q.split(separator: " ").map(String.init)
        guard let first = words.first else { return q }
        if first.first?.isUppercase == true {
            return words.prefix { $0.first?.isUppercase == true || ["van", "of"].contains($0) }.joined(separator: " ")
                .replacingOccurrences(of: " van$", with: "", options: .regularExpression)
        }
        return first
    }
}
