import Foundation

/// Actions tables: a header with what/who/when columns (Dutch or English), rows that are
/// closed by a status column left out. A `| Datum | … |` table is a header, not actions.
struct ActionTable {
    var what: Int?
    var who: Int?
    var when: Int?
    var status: Int?

    static let whatWords: Set<String> = ["actie", "acties", "actiepunt", "action", "actions", "action item", "wat", "omschrijving",
                                         "description", "task", "taak", "item", "onderwerp", "subject", "what", "actiepunten", "afspraak", "toezegging"]
    static let whoWords: Set<String> = ["wie", "who", "owner", "eigenaar", "actiehouder", "trekker", "verantwoordelijk",
                                        "verantwoordelijke", "responsible", "door", "by whom", "assignee", "assigned to", "lead", "owners"]
    static let whenWords: Set<String> = ["wanneer", "when", "deadline", "termijn", "datum", "date", "due", "due date", "gereed",
                                         "planning", "by when", "uiterlijk", "einddatum", "streefdatum", "target date", "target", "klaar"]
    static let statusWords: Set<String> = ["status", "stand", "stand van zaken", "state", "afgerond", "done", "voortgang", "progress"]

    static func header(_ cells: [String]) -> ActionTable? {
        var t = ActionTable()
        for (i, c) in cells.enumerated() {
            let f = Fold.string(c).trimming(" *_:")
            if t.what == nil, whatWords.contains(f) { t.what = i }
            else if t.who == nil, whoWords.contains(f) { t.who = i }
            else if t.when == nil, whenWords.contains(f) { t.when = i }
            else if t.status == nil, statusWords.contains(f) { t.status = i }
        }
        guard let w = t.what, t.who != nil || t.when != nil else { return nil }
        // "| Item | Due |" without a who column is any table with dates in it, unless the
        // what column says action outright.
        if t.who == nil, !strongWhatWords.contains(Fold.string(cells[w]).trimming(" *_:")) {
            return nil
        }
        return t
    }

    static let strongWhatWords: Set<String> = ["actie", "acties", "actiepunt", "actiepunten", "action", "actions", "action item",
                                               "toezegging", "afspraak", "task", "taak"]

    /// Rows under an actions heading without a header: the longest cell is the action, a
    /// cell of names the owner, a cell with a date phrase the deadline.
    static func guess(_ cells: [String]) -> ActionTable? {
        guard cells.count >= 2 else { return nil }
        var t = ActionTable()
        t.what = cells.indices.max { cells[$0].count < cells[$1].count }
        for (i, c) in cells.enumerated() where i != t.what {
            if t.who == nil, ActorParser.looksLikeActorList(c) { t.who = i }
            else if t.when == nil, !DateParser.dates(in: c, reference: nil).isEmpty || Fold.string(c).contains("week") { t.when = i }
            else if Lexicon.closedStatus.contains(Fold.string(c)) || ["open", "lopend", "in progress"].contains(Fold.string(c)) { t.status = i }
        }
        return t
    }

    func isClosed(_ cells: [String]) -> Bool {
        guard let s = status, s < cells.count else { return false }
        let f = Fold.string(cells[s]).trimming(" .*_")
        return Lexicon.closedStatus.contains(f) || f.hasPrefix("afgerond") || f.hasPrefix("done") || f.hasPrefix("closed")
            || f.hasPrefix("gereed") || f.hasPrefix("completed")
    }
}
