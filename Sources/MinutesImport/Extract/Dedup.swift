import Foundation

/// Minutes often state an action twice: in the discussion and again in an actions list or
/// table at the end, often in other words ("Joost gaat hier met de leverancier naar kijken"
/// and "Joost + Lars: storing koppeling analyseren") and naming the owner differently ("De
/// voorzitter zal …" and "Jan: …"). Two items are one action when their owners are the same
/// party (through the roster) and they share enough content words; the merged item is the
/// more explicit of the two, completed with whatever the other one knew.
enum Dedup {
    /// Words that say when or how, not what: they do not make two actions the same.
    static let timeWords: Set<String> = [
        "within", "binnen", "working", "days", "weeks", "week", "dagen", "weken", "werkdagen", "next", "volgende",
        "meeting", "vergadering", "before", "uiterlijk", "month", "maand", "asap", "end", "eind", "einde",
        "today", "vandaag", "komende", "coming", "friday", "vrijdag", "monday", "maandag", "tuesday", "dinsdag",
        "wednesday", "woensdag", "thursday", "donderdag", "jaar", "year", "zomer", "summer", "call", "overleg",
        // and words of the minutes' own procedure
        "afgesproken", "agreed", "actie", "action", "toezegging", "afspraak", "todo", "besloten", "wordt",
    ]

    /// A crude stem, enough to see "voorlegt" and "voorleggen" as one word: one common
    /// ending off, a doubled last consonant single. `shared` allows for the rest.
    static func stem(_ w: String) -> String {
        var s = w
        for suffix in ["ingen", "ing", "en", "ed", "es", "s", "t", "e"] where s.count - suffix.count >= 4 && s.hasSuffix(suffix) {
            s.removeLast(suffix.count)
            break
        }
        if s.count >= 5, let l = s.last, s.dropLast().last == l, !"aeiou".contains(l) { s.removeLast() }
        return s
    }

    /// Shared words, counting inflections and compounds ("jaarverslagtekst" holds "tekst").
    static func shared(_ a: Set<String>, _ b: Set<String>) -> Int {
        shared(Words(a), Words(b))
    }

    /// An item's content words with their stems and the stems' lengths, worked out once:
    /// every pair of items is compared, and stemming both sides of every pair again was
    /// most of the duplicate check.
    struct Words {
        var all: Set<String>
        var stems: [(stem: String, count: Int)]
        /// Each stem's UTF-8 bytes, and whether they are all ASCII: the pairs of stems of
        /// two items are compared on these (`contains` compares bytes too), without a call
        /// through the string's storage per pair.
        var bytes: [[UInt8]]
        var ascii: [Bool]
        init(_ words: Set<String>) {
            all = words
            stems = words.map { w in let s = Dedup.stem(w); return (s, s.count) }
            bytes = stems.map { Array($0.stem.utf8) }
            ascii = bytes.map { $0.allSatisfy { $0 < 0x80 } }
        }
        var isEmpty: Bool { all.isEmpty }
        var count: Int { all.count }
    }

    static func shared(_ a: Words, _ b: Words) -> Int {
        var n = 0
        for i in a.stems.indices {
            let x = a.stems[i], xb = a.bytes[i]
            for j in b.stems.indices {
                let y = b.stems[j], yb = b.bytes[j]
                // Equal bytes are equal strings; different ASCII bytes are different strings;
                // anything else is compared as strings are (canonical equivalence).
                let equal = xb == yb || (!(a.ascii[i] && b.ascii[j]) && x.stem == y.stem)
                if equal || (min(y.count, x.count) >= 4 && max(y.count, x.count) >= 6
                             && (holds(xb, yb) || holds(yb, xb))) {
                    n += 1
                    break
                }
            }
        }
        return n
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (as `String.contains` here).
    static func holds(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let first = n[0]
                for start in 0...(h.count - n.count) where h[start] == first {
                    var k = 1
                    while k < n.count, h[start + k] == n[k] { k += 1 }
                    if k == n.count { return true }
                }
                return false
            }
        }
    }

    /// The words that say what is done: not function words, time words or the owner's name
    /// ("Alice: book the venue" is about a venue, not about Alice).
    /// Each pair of items is compared, so each item's words are worked out once, and so is
    /// whether two owners are one.
    final class WordCache {
        /// A title, the context read with it (if any) and the owner: looked up as they are,
        /// without joining them into one string for every pair.
        private struct Key: Hashable {
            var title: String
            var context: String?
            var owner: String?
        }
        /// What decides whether two names are one owner, worked out once per name: every
        /// pair of items compares their owners, and the roster is searched by name.
        private struct Owner {
            var canonical: String
            var core: String
            var key: String
            var entry: Int?
        }
        private var words: [Key: Words] = [:]
        private var owners: [String: Owner] = [:]
        /// The content words of every item, worked out on both cores before the merge asks.
        func prefill(_ items: [DraftItem]) {
            let keys = items.map { Key(title: $0.title, context: $0.anaphoric ? $0.context : nil, owner: $0.owner) }
            let made = keys.parallelMap(minimumCount: 32) { k in
                Words(Dedup.contentWords(k.title + (k.context.map { " " + $0 } ?? ""), owner: k.owner))
            }
            for (k, w) in zip(keys, made) where words[k] == nil { words[k] = w }
        }

        /// The content words of `title`, followed by `context` when there is one.
        func contentWords(_ title: String, context: String?, owner: String?) -> Words {
            let key = Key(title: title, context: context, owner: owner)
            if let w = words[key] { return w }
            let w = Words(Dedup.contentWords(title + (context.map { " " + $0 } ?? ""), owner: owner))
            words[key] = w
            return w
        }
        /// `Dedup.sameOwner(a, b, roster:)`, from each name's parts.
        func sameOwner(_ a: String, _ b: String, roster: Roster) -> Bool {
            let x = owner(a, roster), y = owner(b, roster)
            return x.canonical == y.canonical || x.core == y.core || x.key == y.key || (x.entry != nil && x.entry == y.entry)
        }
        private func owner(_ name: String, _ roster: Roster) -> Owner {
            if let known = owners[name] { return known }
            let o = Owner(canonical: Dedup.canonical(name), core: Dedup.core(name), key: Roster.key(name), entry: roster.index(of: name))
            owners[name] = o
            return o
        }
    }

    static func contentWords(_ s: String, owner: String? = nil) -> Set<String> {
        let name = Set(Fold.string(owner ?? "").split(separator: " ").map(String.init))
        return Set(String(Fold.string(s).map { $0.isLetterOrDigit ? $0 : " " }).split(separator: " ")
            .map(String.init).filter {
                $0.count >= 4 && !Slug.stopwords.contains($0) && !Lexicon.modals.contains($0) && !timeWords.contains($0)
                    && DateParser.monthByName[$0] == nil && !$0.allSatisfy(\.isNumber) && !name.contains($0)
            })
    }

    /// "het Secretariaat" and "Secretariaat" are one owner.
    static func canonical(_ name: String) -> String {
        Fold.string(name).split(separator: " ").filter { !ActorParser.determiners.contains(String($0)) }.joined(separator: " ")
    }

    /// A name without the article, title or role in front: "de gemeenten Ede" is "ede",
    /// "Wethouder Hoekstra" is "hoekstra"; a bare role stays itself.
    static func core(_ name: String) -> String {
        var words = Fold.string(name).split(separator: " ").map(String.init)
        while words.count > 1, ActorParser.determiners.contains(words[0]) || Lexicon.roleNouns.contains(words[0])
                || Lexicon.honorifics.contains(words[0].trimming(".")) {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    static func sameOwner(_ a: String, _ b: String, roster: Roster) -> Bool {
        canonical(a) == canonical(b) || core(a) == core(b) || roster.same(a, b)
    }

    static func sameOwnerWords(_ a: String, _ b: String) -> Bool { canonical(a) == canonical(b) }

    /// An item's own words for the check (with the sentence before when it points back),
    /// worked out once per item where an item is compared with many: looking them up for
    /// every pair hashed the texts every time. The words with the sentence before are
    /// seldom needed and still looked up when they are.
    struct ItemWords {
        var own: Words
    }

    static func words(of a: DraftItem, cache: WordCache) -> ItemWords {
        ItemWords(own: cache.contentWords(a.title, context: a.anaphoric ? a.context : nil, owner: a.owner))
    }

    static func same(_ a: DraftItem, _ b: DraftItem, roster: Roster = .empty, cache: WordCache = WordCache()) -> Bool {
        same(a, words(of: a, cache: cache), b, words(of: b, cache: cache), roster: roster, cache: cache)
    }

    static func same(_ a: DraftItem, _ aWords: ItemWords, _ b: DraftItem, _ bWords: ItemWords, roster: Roster, cache: WordCache) -> Bool {
        // Two marked actions side by side ("AI remove meeting label", "AI remove agenda
        // label") are two actions unless they say the same.
        if a.rank == 3, b.rank == 3, !a.fromTable, !b.fromTable, a.line != b.line, a.owner == b.owner, abs(a.line - b.line) <= 12,
           Fold.string(a.title) != Fold.string(b.title) {
            return false
        }
        var ownersAgree = false
        if let x = a.owner, let y = b.owner {
            guard cache.sameOwner(x, y, roster: roster) else { return false }
            ownersAgree = true
        }
        // Its own words, and the sentence before when "hier"/"this" points to it.
        let wa = aWords.own
        let wb = bWords.own
        guard !wa.isEmpty, !wb.isEmpty else { return false }
        let common = Double(shared(wa, wb))
        if common / Double(min(wa.count, wb.count)) >= 0.6 || common / Double(wa.count + wb.count - Int(common)) >= 0.5 { return true }
        // One owner, stated once in the discussion and once in the list: one word of its own
        // and one of the sentence before ("The noticeboard is damaged. Hannah offered to get
        // a quote" and "Hannah - quote for new noticeboard") do.
        guard ownersAgree, a.rank != b.rank, common >= 1 else { return false }
        let ca = cache.contentWords(a.title, context: a.context, owner: a.owner)
        let cb = cache.contentWords(b.title, context: b.context, owner: b.owner)
        let (listWords, withContext) = a.rank > b.rank ? (wa, cb) : (wb, ca)
        let all = Double(shared(listWords, withContext))
        return all >= 2 && all / Double(listWords.count) >= 0.34
    }

    static func merge(_ items: [DraftItem], roster: Roster = .empty, cache: WordCache = WordCache()) -> [DraftItem] {
        var out: [DraftItem] = []
        var outWords: [ItemWords] = []
        for item in items {
            let itemWords = words(of: item, cache: cache)
            guard let k = out.indices.first(where: { same(out[$0], outWords[$0], item, itemWords, roster: roster, cache: cache) }) else {
                out.append(item)
                outWords.append(itemWords)
                continue
            }
            // The first statement keeps its words and line; the owner comes from the more
            // explicit one ("Jan:" in the list over "De voorzitter zal" in the body).
            let (base, other) = (out[k], item)
            var m = base
            // A list's or table's wording is the better title ("Marieke: nieuwjaarsreceptie"
            // over "Marieke pakt dit op").
            if other.rank > base.rank { m.title = other.title }
            // "In de sessie zullen we … bespreken. Team FTV bereidt hier een presentatie voor":
            // the statement that names who does it is the one to keep.
            let named = base.owner == nil && other.owner != nil && other.rank >= base.rank
            if named { m.title = other.title; m.quote = other.quote; m.line = other.line; m.why = other.why }
            if m.owner == nil || (other.rank > base.rank && other.owner != nil && !sameOwnerWords(m.owner!, other.owner!)) {
                if let o = m.owner, let n = other.owner, !sameOwnerWords(o, n) { m.with.removeAll { sameOwner($0, n, roster: roster) } }
                m.owner = other.owner ?? m.owner
            }
            for w in other.with where !m.with.contains(where: { sameOwner($0, w, roster: roster) })
                && !sameOwner(w, m.owner ?? "", roster: roster) { m.with.append(w) }
            for w in other.involved where !m.involved.contains(w) && !m.with.contains(w) { m.involved.append(w) }
            // A party named as co-owner in one place is not only involved.
            m.involved.removeAll { i in m.with.contains { sameOwner($0, i, roster: roster) } }
            if m.due == nil {
                m.due = other.due; m.deadline = other.deadline; m.afterEvent = other.afterEvent
                m.expected = other.expected; m.duePhrase = other.duePhrase
            }
            m.context += " " + (named ? base.title : other.title)
            m.why.append("the same action is stated again at line \(named ? base.line : other.line)")
            m.confidence = min(0.98, max(base.confidence, other.confidence) + 0.05)
            out[k] = m
            outWords[k] = words(of: m, cache: cache)
        }
        return out
    }
}
