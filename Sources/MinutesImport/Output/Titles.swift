import Foundation

/// The action as a title a reviewer reads in a list: the marker, the owner in brackets,
/// the agreement formula and a trailing register status gone; whitespace collapsed, first
/// letter capital, no final full stop. "It was agreed that the chairs will write to the
/// council" becomes "The chairs will write to the council".
enum Titles {
    nonisolated(unsafe) static let reportedPronoun = Patterns.regex(#"^(\S+(?: \S+)?) (?:concludeert|zegt toe|geeft aan|stelt voor|bevestigt|belooft|agreed|said|confirmed|concluded) (?:dat|that) (?:hij|zij|ze|he|she|they) "#)
    nonisolated(unsafe) static let agreementOpener = Patterns.regex(#"^(?i:(?:it (?:was|is|has been) agreed|(?:we|all|members|the \w+) agreed|agreed|(?:er )?(?:is|wordt|werd) afgesproken|afgesproken (?:wordt|is|werd)|afgesproken|de afspraak is|overeengekomen (?:wordt|is)),? (?:that|dat) )"#)
    nonisolated(unsafe) static let leadingOwner = Patterns.regex(#"^\([^()]{1,30}\)\s*:?\s*"#)

    static func clean(_ text: String) -> String {
        var t = text.collapsedWhitespace
        t = t.trimming(" *_")
        // The patterns are anchored at the start, yet Regex tries every position: the ones
        // that need a character most titles lack are tried only on those that hold it.
        if t.first == "(" { t = t.replacing(leadingOwner, with: "") }
        t = t.replacing(agreementOpener, with: "")
        t = withoutStatus(t)
        while let l = t.last, ".;:,-–—".contains(l) || l == " " { t.removeLast() }
        // "SJenV concludeert dat hij … zal kijken" reads as "SJenV … zal kijken".
        if t.contains(" dat ") || t.contains(" that ") { t = t.replacing(reportedPronoun) { "\($0.output[1].substring!) " } }
        return t.prefix(1).uppercased() + t.dropFirst()
    }

    /// "Prepare a plan. Open - due 28/03" → "Prepare a plan"; "contact X -- still open, Bob
    /// will …" → "contact X".
    static func withoutStatus(_ t: String) -> String {
        let folded = Fold.string(t)
        for sep in [" -- ", " - ", " – ", " — ", "; ", ". ", ", "] {
            var from = folded.startIndex
            while let r = folded.range(of: sep, range: from..<folded.endIndex) {
                let rest = folded[r.upperBound...]
                let word = ActionStatus.firstWord(String(rest))
                let two = rest.split(whereSeparator: { !$0.isLetter }).prefix(2).joined(separator: " ")
                let status = ActionStatus.open.contains(two) ? two : word
                // The status stands alone: "Open - due …", "still open, …", "Closed." — not
                // "complete skills audit".
                let after = rest.dropFirst(status.count).drop { $0 == " " }
                if ActionStatus.open.contains(status) || ActionStatus.closed.contains(status),
                   after.first.map({ ",;.-–—(:".contains($0) }) ?? true {
                    let cut = folded.distance(from: folded.startIndex, to: r.lowerBound)
                    if cut >= 8 { return String(t.prefix(cut)) }
                }
                from = r.upperBound
            }
        }
        return t
    }
}
