import Foundation

/// Who was at the table, from the lines minutes open with ("Aanwezig: Jan Visser
/// (voorzitter), …", "Present: Jane Smith (JS) - Chair"). The body and the actions list
/// often name one person differently — "Jan", "JS", "de voorzitter" — and the roster ties
/// those names together, so that one action stated twice is drafted once, and a party that
/// was not at the table ("arrange it with Harris Heating") is not made a co-owner.
struct Roster: Sendable {
    struct Entry: Sendable {
        var name: String
        var aliases: Set<String>
    }
    var entries: [Entry] = []

    static let empty = Roster()
    var isEmpty: Bool { entries.isEmpty }

    /// Labels of attendance lines; the role ones also give the role of whoever follows.
    static let labels: [String: String?] = [
        "aanwezig": nil, "aanwezigen": nil, "present": nil, "attendees": nil, "attendance": nil,
        "in attendance": nil, "also present": nil, "members": nil, "leden": nil, "deelnemers": nil,
        "participants": nil, "officers": nil, "afwezig": nil, "absent": nil, "apologies": nil,
        "met kennisgeving afwezig": nil, "afgemeld": nil, "guests": nil, "gasten": nil, "staff": nil,
        "chair": "chair", "chairs": "chairs", "co-chairs": "chairs", "voorzitter": "voorzitter",
        "notulist": "notulist", "notulen": "notulist", "secretaris": "secretaris", "secretary": "secretary",
        "scribe": "scribe", "minutes": "scribe", "secretariat": "secretariat", "secretariaat": "secretariaat",
        "treasurer": "treasurer", "penningmeester": "penningmeester",
    ]

    init() {}

    /// Reads the attendance lines near the top of the minutes.
    init(lines: [String]) {
        var texts: [(label: String, role: String?, text: String)] = []
        var open: Int?
        for raw in lines.prefix(60) {
            var l = raw.trimmedSpaces
            if l.hasPrefix("|") { l = l.split(separator: "|").map { $0.trimmedSpaces }.joined(separator: " ") }
            l = l.replacingOccurrences(of: "**", with: "")
            if l.isEmpty { open = nil; continue }
            if let colon = l.firstIndex(of: ":"), l.distance(from: l.startIndex, to: colon) <= 28 {
                let label = Fold.string(String(l[..<colon])).trimming(" *_")
                if let role = Roster.labels[label] {
                    texts.append((label, role, String(l[l.index(after: colon)...])))
                    open = texts.count - 1
                    continue
                }
                open = nil
                continue
            }
            // Wrapped attendance lists and one-name-per-line blocks under a label.
            if let k = open, raw.first == " " || texts[k].text.trimmedSpaces.hasSuffix(",")
                || texts[k].text.trimmedSpaces.isEmpty {
                texts[k].text += (texts[k].text.hasSuffix(",") ? " " : ", ") + l
            } else {
                open = nil
            }
        }
        var all: [Entry] = []
        for t in texts {
            for part in Roster.split(t.text) {
                if let e = Roster.entry(part, role: t.role) { all.append(e) }
            }
        }
        // An alias two people share ("lid") tells nothing.
        var seen: [String: Int] = [:]
        for e in all { for a in e.aliases { seen[a, default: 0] += 1 } }
        entries = all.map { e in Entry(name: e.name, aliases: e.aliases.filter { seen[$0] == 1 }) }
    }

    /// Splits at commas and semicolons outside brackets, and at a final "en"/"and".
    static func split(_ s: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var cur = ""
        for c in s {
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
            if depth == 0, c == "," || c == ";" { parts.append(cur); cur = ""; continue }
            cur.append(c)
        }
        parts.append(cur)
        return parts.flatMap { p -> [String] in
            let t = p.trimmedSpaces
            for j in [" en ", " and ", " & "] where t.contains(j) && !t.contains("(") {
                return t.components(separatedBy: j)
            }
            return [t]
        }.map { $0.trimming(" .") }.filter { !$0.isEmpty }
    }

    /// "Jane Smith (JS) - Chair", "mw. A. Verhoef (dijkgraaf, voorzitter)", "wethouder De
    /// Groot (voorzitter)", "Programme Management Office (PMO)".
    static func entry(_ s: String, role: String?) -> Entry? {
        var text = s
        var extras: [String] = []
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            extras += text[text.index(after: open)..<close].split(separator: ",").map { $0.trimmedSpaces }
            text.removeSubrange(open...close)
        }
        for dash in [" - ", " – ", " — "] where text.contains(dash) {
            let parts = text.components(separatedBy: dash)
            text = parts[0]
            extras += parts.dropFirst().map { $0.trimmedSpaces }
        }
        let tokens = Tokenizer.tokens(text.trimmedSpaces)
        guard !tokens.isEmpty, let (name, end) = ActorParser.parseOne(tokens, 0, bareRoles: true), end >= tokens.count - 1 else { return nil }
        var aliases = Set<String>()
        func add(_ a: String) {
            var f = Fold.string(a).trimming(" .")
            if f.isEmpty || f.count > 40 { return }
            for d in ["de ", "het ", "the "] where f.hasPrefix(d) && f.count > d.count + 1 { f = String(f.dropFirst(d.count)) }
            aliases.insert(f)
        }
        add(name)
        let words = name.split(separator: " ").map(String.init)
        let plain = words.filter { !ActorParser.isInitial(Token(text: $0.trimming("."), folded: "", start: 0, end: 0)) }
        if plain.count >= 2 {
            if words.count == plain.count, !Lexicon.roleNouns.contains(Fold.string(plain[0])) { add(plain[0]) }   // first name
            add(plain.dropFirst().joined(separator: " "))                                                     // surname
            if let last = plain.last { add(last) }
        }
        // "Ahmed Bakker" is also "AB", "Jan de Vries" "JdV" and "JV": minutes write initials
        // for the people at the table without always saying whose they are. (An alias two
        // people share is dropped below.)
        if plain.count >= 2, words.count == plain.count, !Lexicon.roleNouns.contains(Fold.string(plain[0])),
           plain.allSatisfy({ $0.first?.isUppercase == true || Lexicon.nameParticles.contains(Fold.string($0)) }),
           plain.first?.first?.isUppercase == true {
            add(plain.compactMap { $0.first.map(String.init) }.joined())
            let named = plain.filter { !Lexicon.nameParticles.contains(Fold.string($0)) }
            if named.count >= 2, named.count < plain.count { add(named.compactMap { $0.first.map(String.init) }.joined()) }
        }
        if plain.count == 1, words.count > 1 { add(plain[0]) }   // "A. Verhoef" is also "Verhoef"
        if plain.count < words.count { add(plain.joined(separator: " ")) }   // "wethouder Hoekstra"
        if let first = plain.first, plain.count > 1, Lexicon.roleNouns.contains(Fold.string(first)) { add(first) }   // "de wethouder"
        for e in extras { add(e) }
        if let role { add(role) }
        return Entry(name: name, aliases: aliases)
    }

    static func key(_ name: String) -> String {
        var f = Fold.string(name).trimming(" .")
        for d in ["de ", "het ", "the "] where f.hasPrefix(d) && f.count > d.count + 1 { f = String(f.dropFirst(d.count)) }
        return f
    }

    /// The entry a name as written refers to.
    func index(of name: String) -> Int? {
        let k = Roster.key(name)
        if let i = entries.firstIndex(where: { $0.aliases.contains(k) }) { return i }
        // "Dhr. Hoekstra", "Mw. Jansen": the parser's form of the name.
        let tokens = Tokenizer.tokens(name)
        if let (n, _) = ActorParser.parseOne(tokens, 0, bareRoles: true), Roster.key(n) != k { return index(of: n) }
        return nil
    }

    func knows(_ name: String) -> Bool { index(of: name) != nil }

    /// The same party, by name or through the roster.
    func same(_ a: String, _ b: String) -> Bool {
        if Roster.key(a) == Roster.key(b) { return true }
        guard let i = index(of: a), let j = index(of: b) else { return false }
        return i == j
    }

    /// The full name behind a short one ("JS" → "Jane Smith"), for the reviewer.
    func fullName(of name: String) -> String? {
        guard let i = index(of: name), Roster.key(entries[i].name) != Roster.key(name) else { return nil }
        return entries[i].name
    }
}
