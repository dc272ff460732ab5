import Foundation

/// Minutes kept in a table ("| Item | Discussion | Action |", "Agendapunt | Besproken |
/// Actie"): the discussion cell is prose like any paragraph, and an action column holding
/// only names gives the owner of what the discussion cell ends on. A table that is neither
/// this nor an actions table still has its long cells read as prose, so a Word export that
/// put the whole minutes in a table does not lose them.
struct MinutesTable {
    var discussion: Int
    var action: Int?

    static let discussionWords: Set<String> = [
        "discussion", "discussed", "notes", "minutes", "summary", "besproken", "bespreking", "toelichting",
        "verslag", "opmerkingen", "inhoud", "samenvatting", "details", "comments", "notulen",
    ]
    static let actionWords: Set<String> = ["action", "actions", "actie", "acties", "wie", "who", "actiehouder", "by", "owner", "door"]

    static func header(_ cells: [String]) -> MinutesTable? {
        let folded = cells.map { Fold.string($0).trimming(" *_:") }
        guard let d = folded.firstIndex(where: { discussionWords.contains($0) }) else { return nil }
        return MinutesTable(discussion: d, action: folded.lastIndex { actionWords.contains($0) })
    }
}


extension CandidateFinder {
    /// The candidates of a table row that is not an actions table row.
    static func proseRow(_ cells: [String], _ u: Unit, _ layout: MinutesTable?, index: Int, marked: Bool, _ ctx: Context) -> [Candidate] {
        var out: [Candidate] = []
        let textCells = layout.map { [$0.discussion] } ?? cells.indices.filter { cells[$0].split(separator: " ").count >= 6 }
        for k in textCells where k < cells.count {
            let cellUnit = Unit(kind: .paragraph, text: cells[k], lineStarts: [(0, u.firstLine)], section: u.section)
            let sents = Sentences.split(cellUnit).map { ($0, index) }
            var found: [Candidate] = []
            for (i, s) in sents.enumerated() {
                let before = i > 0 ? sents[i - 1].0.text : ""
                if let c = proseCandidate(s, marked: marked, decision: isDecisionSection(u.section), before: before, ctx) { found.append(c) }
            }
            // "| … CN to find out whether we are eligible. | CN |": the action column names
            // the owner of the last thing said.
            if let a = layout?.action, a < cells.count, let last = sents.last,
               ActorParser.looksLikeActorList(cells[a]) || ActorParser.isHandle(cells[a]) {
                let names = ActorParser.names(in: cells[a])
                found.removeAll { $0.quote == last.0.text }
                let analysis = ProseRules.analyze(last.0.text, roster: ctx.roster)
                found.append(Candidate(source: .marker, text: last.0.text, quote: last.0.text, line: u.firstLine,
                                       owner: names.first, with: Array(names.dropFirst()), involved: analysis.involved,
                                       confidence: 0.85, deadlineText: last.0.text, sentenceIndex: index, dueCell: nil))
            }
            out += found
        }
        return out
    }
}
