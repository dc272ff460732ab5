/// Minutes often state an action twice: in the discussion and again in an actions table
/// at the end. Two candidates with largely the same content words and compatible owners are
/// one action; the merged item keeps the first line and whatever either one knew.
enum Dedup {
    static func contentWords(_ s: String) -> Set<String> {
        Set(String(Fold.string(s).map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ")
            .map(String.init).filter { $0.count >= 4 && !Slug.stopwords.contains($0) && !Lexicon.commitVerbs.contains($0) })
    }

    /// "het Secretariaat" and "Secretariaat" are one owner.
    static func canonical(_ name: String) -> String {
        Fold.string(name).split(separator: " ").filter { !ActorParser.determiners.contains(String($0)) }.joined(separator: " ")
    }

    static func same(_ a: DraftItem, _ b: DraftItem) -> Bool {
        if let x = a.owner, let y = b.owner, canonical(x) != canonical(y) { return false }
        let wa = contentWords(a.title), wb = contentWords(b.title)
        guard !wa.isEmpty, !wb.isEmpty else { return false }
        let common = Double(wa.intersection(wb).count)
        return common / Double(min(wa.count, wb.count)) >= 0.6 || common / Double(wa.union(wb).count) >= 0.5
    }

    static func merge(_ items: [DraftItem]) -> [DraftItem] {
        var out: [DraftItem] = []
        for item in items {
            if let k = out.firstIndex(where: { same($0, item) }) {
                var m = out[k]
                if m.owner == nil { m.owner = item.owner }
                for w in item.with where !m.with.contains(w) && w != m.owner { m.with.append(w) }
                for w in item.involved where !m.involved.contains(w) { m.involved.append(w) }
                if m.due == nil {
                    m.due = item.due; m.deadline = item.deadline; m.afterEvent = item.afterEvent
                    m.expected = item.expected; m.duePhrase = item.duePhrase
                }
                m.confidence = min(0.98, max(m.confidence, item.confidence) + 0.05)
                out[k] = m
            } else {
                out.append(item)
            }
        }
        return out
    }
}
