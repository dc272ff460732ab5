import Foundation

/// An action found in the text before deadlines, events and duplicates are settled.
struct Candidate {
    enum Source { case marker, table, checkbox, section, prose }
    var source: Source
    /// The action's own words (marker and bullets removed).
    var text: String
    var quote: String
    var line: Int
    var owner: String?
    var with: [String]
    var involved: [String]
    var confidence: Double
    /// Text searched for a deadline: the action's sentence, or the whole marked block.
    var deadlineText: String
    /// Index of the sentence in the document, for looking back at what was said before.
    var sentenceIndex: Int
    /// A table's "when" cell, read as a whole.
    var dueCell: String?
    /// The sentence a "hier"/"this" points back to, for recognising the action restated.
    var context = ""
    /// The action's own words point back ("hier", "this"): the context is part of it.
    var anaphoric = false
    /// Why it was taken (`--explain`).
    var why: [String] = []

    /// Explicit actions (a marker, a table row, a checkbox) outrank prose when the same
    /// action is found twice.
    var rank: Int {
        switch source {
        case .marker, .table, .checkbox: return 3
        case .section: return 2
        case .prose: return 1
        }
    }
}

/// Words that point back to the sentence before ("Joost gaat hier naar kijken").
enum Anaphora {
    static let words: Set<String> = ["hier", "hierover", "hiervoor", "hiernaar", "hieraan", "hiermee", "daar", "daarover",
                                     "daarvoor", "daarnaar", "dit", "deze", "this", "it", "these", "that", "dat"]
    static func refersBack(_ s: String) -> Bool {
        Tokenizer.tokens(s).prefix(8).contains { words.contains($0.folded) }
    }
}

/// Owners written after the action: "(Alice)", "– JenV", "(actie: MBZK)", "Owner: Bob".
enum TrailingOwner {
    nonisolated(unsafe) static let bracketRx = Patterns.regex(#"[\(\[]\s*(?:(?i:actie|action|owner|wie|who|actiehouder|trekker|door|by)\s*:?\s*)?([^()\[\]]{1,60})[\)\]]"#)
    nonisolated(unsafe) static let dashRx = Patterns.regex(#"\s[-–—]\s+([^-–—]{1,50})$"#)
    nonisolated(unsafe) static let labelRx = Patterns.regex(#"(?i:\b(?:owner|wie|who|actiehouder|trekker|verantwoordelijk|responsible|lead)\s*:\s*)([^.;|]{1,50})"#)

    /// "Owner: Grace", "Wie: Piet": a label that names the owner outright.
    static func labelled(_ text: String) -> [String]? {
        // A label ends in a colon.
        guard text.contains(":") else { return nil }
        for m in text.matches(of: labelRx) {
            let names = ActorParser.names(in: String(m.output[1].substring!))
            if !names.isEmpty { return names }
        }
        return nil
    }

    static func find(_ text: String) -> [String]? {
        let t = text.trimming(" .")
        if let names = labelled(t) { return names }
        for m in (t.contains("(") || t.contains("[") ? t.matches(of: bracketRx) : []).reversed() {
            let inner = String(m.output[1].substring!)
            let parts = inner.split(whereSeparator: { ",;".contains($0) }).map { $0.trimmedSpaces }
            let names = parts.filter { ActorParser.looksLikeActorList($0) }.flatMap { ActorParser.names(in: $0) }
            if !names.isEmpty, !parts.isEmpty { return names }
        }
        if let m = t.firstMatch(of: dashRx, ifHolding: ["-", "–", "—"]) {
            let part = String(m.output[1].substring!).split(separator: ",").first.map(String.init) ?? ""
            if ActorParser.looksLikeActorList(part.trimmedSpaces) { return ActorParser.names(in: part) }
        }
        // "Brief opstellen, door Jan", "Draft the letter, by Ann": who, after a comma.
        if let comma = t.lastIndex(of: ",") {
            let tail = t[t.index(after: comma)...].trimmedSpaces
            for lead in ["door ", "by "] where Fold.string(tail).hasPrefix(lead) {
                let part = String(tail.dropFirst(lead.count))
                if ActorParser.looksLikeActorList(part), case let names = ActorParser.names(in: part), !names.isEmpty { return names }
            }
        }
        let mentions = t.split(separator: " ").filter { $0.hasPrefix("@") && $0.count > 1 }
            .map { String($0.dropFirst()).trimming(".,;:)") }
        return mentions.isEmpty ? nil : mentions
    }

    /// People the minutes' attendance lines name, written after the action with nothing between,
    /// as a table flattened into text leaves its "who" column: "Stukje schrijven voor de
    /// website Finn", "Vacature MR Jeanne Apr 2017", "Agenda rondsturen Jan/Piet 12-03".
    /// A date or a month (and year) after the names is the "when" column and is passed
    /// over; at least two words must stay for the action. Nil when the last words are
    /// no names the roster knows.
    static func onRoster(_ text: String, roster: Roster) -> [String]? {
        guard !roster.isEmpty else { return nil }
        var words = text.split(separator: " ").map { $0.trimming(".,;:") }
            .filter { !$0.isEmpty }
        func isWhen(_ w: String) -> Bool {
            let f = Fold.string(w)
            // "Jan" is a month and a name: a name where the roster knows it.
            if DateParser.monthByName[f] != nil { return !roster.knows(w) }
            return !f.isEmpty && f.allSatisfy { $0.isNumber || "-/".contains($0) } && f.contains(where: \.isNumber)
        }
        while let last = words.last, isWhen(last) { words.removeLast() }
        var names: [String] = []
        while words.count > 2, let last = words.last {
            if names.isEmpty == false, ["/", "&", "+", "en", "and"].contains(last.lowercased()) { words.removeLast(); continue }
            let parts = last.split(separator: "/").map(String.init)
            guard !parts.isEmpty, parts.allSatisfy({ $0.first?.isUppercase == true && roster.knows($0) }) else { break }
            names.insert(contentsOf: parts, at: 0)
            words.removeLast()
        }
        // "Notulen doorsturen naar Finn", "Met dank aan Jeanne": the one the action goes to.
        if let before = words.last, towards.contains(before.lowercased()) { return nil }
        return names.isEmpty ? nil : names
    }

    /// Prepositions before a name that the action goes to, not that does it.
    static let towards: Set<String> = ["aan", "naar", "met", "voor", "bij", "van", "door", "to", "with", "for", "by", "from", "of"]
}
