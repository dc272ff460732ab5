import Foundation

/// Action registers say where an action stands on the action's own line: "ACTION-41
/// (Chen): publish the draft -- done", "A23-04 (KB) Update the risk log. Closed.",
/// "Complete - dates circulated on 4 March", "[DONE]". A closed action is history, not
/// something to remind anyone of; an open one keeps its status out of the title.
enum ActionStatus {
    /// Words that close an action when they open a clause after it.
    static let closed: Set<String> = [
        "done", "closed", "complete", "completed", "finished", "resolved", "cancelled", "canceled",
        "dropped", "withdrawn", "superseded", "obsolete", "afgerond", "gereed", "gedaan", "gesloten",
        "vervallen", "afgehandeld", "klaar", "ingetrokken", "achterhaald", "uitgevoerd", "voltooid",
    ]
    /// Words that keep it open.
    static let open: Set<String> = [
        "open", "ongoing", "pending", "loopt", "lopend", "lopende", "doorlopend", "new", "nieuw",
        "carried", "continuing", "continued", "in progress", "in behandeling", "in uitvoering",
        "still open", "nog open", "overdue", "te laat",
    ]

    /// Splits the text into clauses at the marks registers put between an action and its
    /// status: " -- ", dashes, semicolons, full stops, commas and brackets.
    static func clauses(_ text: String) -> [String] {
        var s = Fold.string(text)
        for sep in [" -- ", " - ", " – ", " — ", "; ", ". ", ", ", " (", ")", "[", "]"] {
            s = s.replacingBytes(sep, with: "\u{1}")
        }
        return s.split(separator: "\u{1}").map { $0.trimmedSpaces }.filter { !$0.isEmpty }
    }

    static func firstWord(_ clause: String) -> String {
        var w = clause.prefix { $0.isLetter || $0 == "-" }
        if w == "status" {
            w = clause.dropFirst(6).drop { !$0.isLetter }.prefix { $0.isLetter || $0 == "-" }
        }
        return String(w)
    }

    /// True when a clause after the first one is a closed status ("… -- done", "Closed.").
    /// A closing word stands in the folded text of any clause that closes: the text is
    /// split into clauses only when one of them is there.
    static let closedHints = PhraseSet(Array(closed))

    static func isClosed(_ text: String) -> Bool {
        guard closedHints.occurs(in: Fold.string(text)) else { return false }
        let cs = clauses(text)
        guard cs.count >= 2 else { return false }
        return cs.dropFirst().contains { c in
            // "done, published 1 March", "Closed.", "status: afgerond" count; "gereed voor de
            // zomer" is a deadline and "completed the survey" a sentence.
            // Only a clause whose first word closes can: the others skip Foundation's trimming.
            guard closed.contains(firstWord(String(c.drop { " .!:".contains($0) }))) else { return false }
            let bare = c.trimming(" .!:")
            let w = firstWord(bare)
            return closed.contains(w) && (bare == w || bare.hasPrefix("status") && bare.hasSuffix(w))
        }
    }
}
