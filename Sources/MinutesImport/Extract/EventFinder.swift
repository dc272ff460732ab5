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
        var qualifier: String?
        var titleText = mention.text
        var window: (DateWindow, String)?
        let qualRx = try! Regex("\\b" + noun + #"\s+(?:van|of|door|by)\s+(?:de\s+|het\s+|the\s+)?([\w-]+(?:\s+van\s+[\w-]+)?)"#)
        for i in order where i >= 0 && i < sentences.count {
            let s = sentences[i]
            let f = Fold.string(s)
            guard f.range(of: noun) != nil else { continue }
            if qualifier == nil, let m = f.firstMatch(of: qualRx) {
                let r = DateParser.offsets(m.output[1].range!, in: f)
                qualifier = s.characterSlice(r.lowerBound, r.upperBound)
                let whole = DateParser.offsets(m.range, in: f)
                titleText = s.characterSlice(whole.lowerBound, whole.upperBound)
            }
            if window == nil, let r, let w = DeadlinePhrases.expectedWindow(s, reference: r) { window = w }
            if qualifier != nil && window != nil { break }
        }
        let id = Slug.make((qualifier.map { $0 + " " } ?? "") + noun, maxWords: 4)
        var title = titleText.trimmingCharacters(in: .whitespaces)
        title = title.prefix(1).uppercased() + title.dropFirst()
        return DraftEvent(id: id, title: title, expected: window?.0, expectedText: window?.1)
    }
}
