import RemindCore

/// Turns "kort na de uitspraak" into an event: looks back through the minutes for the
/// fuller mention ("begin december de uitspraak van de RvS volgt") to name it and to learn
/// the window in which it is expected.
enum EventFinder {
    /// What the look-around learns of a sentence, kept for the whole import: each mention
    /// used to search every sentence of the minutes again (folding it, matching it, looking
    /// for a window in it), which made a long file cost the square of its length.
    final class Sentences {
        let texts: [String]
        private var folded: [String?]
        /// Sentence indices holding a noun, ascending.
        private var withNoun: [String: [Int]] = [:]
        private var windows: [Int: (DateWindow, String)?] = [:]
        private var qualifiers: [String: [Int: (qualifier: String, title: String)?]] = [:]
        private var patterns: [String: Regex<AnyRegexOutput>] = [:]

        init(_ texts: [String]) {
            self.texts = texts
            folded = Array(repeating: nil, count: texts.count)
        }

        func folded(_ i: Int) -> String {
            if let f = folded[i] { return f }
            let f = Fold.string(texts[i])
            folded[i] = f
            return f
        }

        func holding(_ noun: String) -> [Int] {
            if let known = withNoun[noun] { return known }
            let found = texts.indices.filter { folded($0).range(of: noun) != nil }
            withNoun[noun] = found
            return found
        }

        func window(_ i: Int, reference r: LocalDate) -> (DateWindow, String)? {
            if let known = windows[i] { return known }
            let w = DeadlinePhrases.expectedWindow(texts[i], reference: r)
            windows[i] = .some(w)
            return w
        }

        /// "uitspraak van de RvS", "behandeling in de Eerste Kamer", "ruling of the Council of State"
        func qualifier(_ noun: String, _ i: Int) -> (qualifier: String, title: String)? {
            if let known = qualifiers[noun]?[i] { return known }
            let rx: Regex<AnyRegexOutput>
            if let known = patterns[noun] { rx = known } else {
                // The nouns come from the fixed list of event nouns, never from the text.
                guard let made = try? Regex("\\b" + noun + #"\s+(?:van|of|door|by|in)\s+(?:de\s+|het\s+|the\s+)?([\w-]+(?:\s+(?:van\s+|of\s+)?[\w-]+){0,2})"#)
                else { return nil }
                patterns[noun] = made
                rx = made
            }
            let f = folded(i), s = texts[i]
            var found: (qualifier: String, title: String)?
            if let m = f.firstMatch(of: rx), let q = m.output[1].range {
                let r = DateParser.offsets(q, in: f)
                let qualifier = properName(s.characterSlice(r.lowerBound, r.upperBound))
                let whole = DateParser.offsets(m.range, in: f)
                found = (qualifier, s.characterSlice(whole.lowerBound, r.lowerBound + qualifier.count))
            }
            qualifiers[noun, default: [:]][i] = .some(found)
            return found
        }
    }

    static func resolve(_ mention: EventMention, sentences: Sentences, at index: Int,
                        reference r: LocalDate?) -> DraftEvent {
        let noun = mention.noun
        // Nearest sentences first: the one itself, then back, then forward; only those
        // that hold the noun count.
        let holding = sentences.holding(noun)
        let split = holding.partitioningIndex { $0 >= index }
        var order: [Int] = []
        if split < holding.count && holding[split] == index { order.append(index) }
        order += holding[..<split].reversed()
        order += holding[split...].filter { $0 > index }
        var qualifier = mention.qualifier
        var titleText = mention.text
        var window: (DateWindow, String)?
        for i in order {
            if qualifier == nil, let q = sentences.qualifier(noun, i) {
                qualifier = q.qualifier
                titleText = q.title
            }
            if window == nil, let r, let w = sentences.window(i, reference: r) { window = w }
            if qualifier != nil && window != nil { break }
        }
        let id = Slug.make((qualifier.map { $0 + " " } ?? "") + noun, maxWords: 4)
        if let q = mention.qualifier, titleText == mention.text { titleText = "\(q)'s \(noun)" }
        var title = titleText.trimmedSpaces
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

extension Array where Element == Int {
    /// The first index whose element satisfies `p`, for a predicate that is false then true
    /// along the (sorted) array.
    func partitioningIndex(where p: (Int) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if p(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
