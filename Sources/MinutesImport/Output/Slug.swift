import Foundation

/// Ids for items, events and series: lower-case ASCII words joined by hyphens, because they
/// are typed on the command line (`remindd done ID`) and used as YAML keys.
enum Slug {
    static let stopwords: Set<String> = [
        "de", "het", "een", "en", "van", "voor", "op", "in", "met", "om", "te", "naar", "aan", "bij",
        "over", "tot", "uit", "dat", "die", "dit", "deze", "er", "nog", "ook", "wel", "zal", "zullen",
        "wordt", "worden", "is", "zijn", "hij", "zij", "ze", "als", "of", "the", "a", "an", "and", "to",
        "for", "on", "with", "by", "at", "will", "be", "is", "are", "that", "this", "it", "its", "their",
        "his", "her", "all", "from", "as", "into", "about", "verder", "graag", "samen", "na", "hun",
    ]

    static func make(_ s: String, maxWords: Int = 6) -> String {
        let words = Fold.string(s)
            .map { $0.isASCII && ($0.isLetterOrDigit) ? $0 : " " }
        return String(words).split(separator: " ").prefix(maxWords).joined(separator: "-")
    }

    /// A person id the config loader accepts (`[A-Za-z0-9._-]+`): a name that already is
    /// one stays as written ("MvdB", "JenV", "VNG-regio"); any other is folded to lower-case
    /// words joined by hyphens ("Jan de Vries" → `jan-de-vries`, "the chairs" →
    /// `the-chairs`, "Financiën" → `financien`, "PRT's" → `prts`).
    static func personID(_ name: String) -> String {
        if !name.isEmpty, name.first?.isLetter == true || name.first?.isNumber == true,
           name.allSatisfy({ $0.isASCII && ($0.isLetterOrDigit || "._-".contains($0)) }) { return name }
        var out = ""
        var dash = false
        for c in name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased() {
            if c.isASCII, c.isLetter || c.isNumber {
                out.append(c); dash = false
            } else if "'’`".contains(c) {
                continue
            } else if !out.isEmpty, !dash {
                out.append("-"); dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "person" : out
    }

    /// An item id from its owner and the first content words of its title.
    static func itemID(title: String, owner: String?) -> String {
        var words: [String] = []
        let ownerWords = Set(Fold.string(owner ?? "").split(separator: " ").map(String.init))
        for w in String(Fold.string(title).map { $0.isASCII && ($0.isLetterOrDigit) ? $0 : " " }).split(separator: " ") {
            let word = String(w)
            if stopwords.contains(word) || ownerWords.contains(word) || Lexicon.commitVerbs.contains(word)
                || Lexicon.modals.contains(word) || word.count < 2 { continue }
            words.append(word)
            if words.count == 4 { break }
        }
        let base = ([make(owner ?? "")].filter { !$0.isEmpty } + words).joined(separator: "-")
        return base.isEmpty ? "item" : String(base.prefix(48)).trimming("-")
    }
}
