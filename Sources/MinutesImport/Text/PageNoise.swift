import Foundation
/// pdftotext interleaves what sits beside and around the body — a sidebar with the
/// department's name and the date, running headers, page numbers — into the sentences. This
/// finds that furniture by what gives it away: it repeats, at line ends or on lines of its
/// own, and never occurs inside a sentence. It is removed before the body is read, and the
/// strings removed are kept, because a repeated sidebar date is the meeting date.
struct PageNoise {
    /// Lines with the furniture removed; same count and numbering as the input.
    var lines: [String]
    /// The distinct strings removed as sidebar text, in first-seen order.
    var sidebar: [String]

    init(lines raw: [String]) {
        var lines = ActionColumn.convert(LayoutTable.convert(raw.parallelMap(PageNoise.normalizeLine)))
        // A person the attendance lines name is no furniture, however many lines end in
        // their name ("Aanwezig: …, Finn", "Stukje schrijven voor de website Finn").
        var sidebar = PageNoise.sidebarSuffixes(lines)
        if !sidebar.isEmpty {
            let present = Roster(lines: Array(lines.prefix(60)))
            sidebar.removeAll { present.knows($0) }
        }
        let spaced = sidebar.map { " " + $0 }
        let ends = SuffixTest(sidebar)
        for i in lines.indices where !sidebar.isEmpty {
            var changed = true
            while changed {
                changed = false
                let trimmed = lines[i].trimmingTrailingSpace
                // The first sidebar string the line is or ends in, told on its bytes where
                // that tells it; else the strings are tried in turn.
                if let known = ends.firstMatch(trimmed) {
                    guard let k = known else { break }
                    lines[i] = String(trimmed.dropLast(sidebar[k].count)).trimmingTrailingSpace
                    changed = !lines[i].trimmingTrailingSpace.isEmpty
                    continue
                }
                for (k, s) in sidebar.enumerated() where trimmed == s || trimmed.hasSuffix(spaced[k]) {
                    lines[i] = String(trimmed.dropLast(s.count)).trimmingTrailingSpace
                    changed = !lines[i].trimmingTrailingSpace.isEmpty
                    break
                }
            }
        }
        // What each line is, on both cores: a page number; its shape, for a line short
        // enough to be a running header or footer; and whether it counts towards one.
        let facts = lines.parallelMap(minimumCount: 256) { PageNoise.Furniture($0.collapsedWhitespace) }
        let repeated = PageNoise.repeatedFurniture(facts)
        for i in lines.indices {
            // Only lines of up to 70 characters not opening with a bar were counted, and a
            // shape keeps the length: no other line can be repeated furniture.
            if facts[i].pageNumber || (!repeated.isEmpty && facts[i].shape.map(repeated.contains) == true) { lines[i] = "" }
        }
        self.lines = lines
        self.sidebar = sidebar
    }

    nonisolated(unsafe) static let apostropheRx = #/(\w) ['’]s\b/#
    nonisolated(unsafe) static let romanYearRx = #/\b(20[0-9][0-9])-([Il1][Il1]?)\b(?!-)/#

    /// Tabs between cells become table bars; form feeds and odd spaces become plain ones.
    static func normalizeLine(_ l: String) -> String {
        // A form feed, CR, soft hyphen (C2 AD) or no-break space (C2 A0) is rare: look for
        // their bytes first rather than copy every line four times through NSString.
        var s = l
        if l.utf8.contains(where: { $0 == 0x0C || $0 == 0x0D || $0 == 0xC2 }) {
            s = l.replacingOccurrences(of: "\u{0C}", with: "")
                .replacingOccurrences(of: "\u{00AD}", with: "")
                .replacingOccurrences(of: "\u{00A0}", with: " ")
                .replacingOccurrences(of: "\r", with: "")
        }
        if s.utf8.contains(0x09), case let trimmed = s.trimmedSpaces, trimmed.contains("\t") {
            var cells = trimmed.split(separator: "\t", omittingEmptySubsequences: true)
                .map { $0.trimmedSpaces }.filter { !$0.isEmpty }
            // "•<tab>Actie: …", "1.<tab>Opening": a list label, not a table cell.
            if cells.count >= 2, Segmenter.bullet(of: cells[0] + " x") != nil, cells[0].count <= 4 {
                cells[1] = cells[0] + " " + cells[1]
                cells.removeFirst()
            }
            s = cells.count >= 2 ? "| " + cells.joined(separator: " | ") + " |" : cells.joined(separator: " ")
        }
        // OCR and layout slips: "PRT 's" for PRT's, "2023-I1" for 2023-II. A regex literal
        // is compiled where it is evaluated, so these are made once, and tried only on lines
        // that hold what they look for: compiling them for every line was a third of import.
        // HackMD writes who said or does something as "[name=Loic]".
        if s.contains("[name=") { s = unwrapNames(s) }
        if s.contains(" '") || s.contains(" ’") { s = s.replacing(apostropheRx) { "\($0.output.1)'s" } }
        guard s.contains("-"), s.contains("20") else { return s }
        s = s.replacing(romanYearRx) { m -> String in
            let suffix = String(m.output.2)
            let year = String(m.output.1)
            if suffix.contains("I") || suffix.count == 2 {
                return year + "-" + String(repeating: "I", count: suffix.count)
            }
            return String(m.output.0)
        }
        return s
    }

    /// "[name=Loic]" as "Loic", left to right, until one has no "]" within 40 characters.
    /// One pass that copies the text once: searching the whole line again from its start
    /// after each replacement made a long line full of them quadratic (100 KB in 2 s).
    static func unwrapNames(_ s: String) -> String {
        var out = ""
        var from = s.startIndex
        while let r = s[from...].firstRange(of: "[name="), let close = s[r.upperBound...].firstIndex(of: "]"),
              s[r.upperBound..<close].count <= 40 {
            out += s[from..<r.lowerBound]
            out += s[r.upperBound..<close]
            from = s.index(after: close)
        }
        return out + s[from...]
    }

    static let pageLabels: Set<String> = ["pagina", "page", "blad", "p.", "van", "of", "/", "-", "—", "–"]

    static func isPageNumber(_ t: String) -> Bool {
        // At most four words: most lines are ruled out by their spaces alone.
        if t.isEmpty { return false }
        var counted = 0, inWord = false
        for b in t.utf8 {
            if b == 0x20 { inWord = false } else if !inWord {
                inWord = true
                counted += 1
                if counted > 4 { return false }
            }
        }
        let f = Fold.string(t)
        if f.isEmpty { return false }
        let words = f.split(separator: " ").map(String.init)
        let numeric = words.filter { $0.allSatisfy { $0.isNumber } }
        return !numeric.isEmpty && numeric.count <= 2 && words.count <= 4
            && words.allSatisfy { pageLabels.contains($0) || $0.allSatisfy(\.isNumber) || $0.allSatisfy { "-/".contains($0) } }
    }

    /// How many lines end in each string of one to four words (not the whole line) that
    /// opens with a capital or a digit and ends in a letter or digit.
    static func lineEndCounts(_ lines: [String]) -> [Substring: Int] {
        var suffixCount: [Substring: Int] = [:]
        for line in lines {
            let words = line.spaceSeparatedWords
            guard words.count >= 2 else { continue }
            // Only suffixes that end in a letter or digit and open with a capital or a digit
            // are kept: the others are not counted at all.
            guard let last = words.last?.last, last.isLetterOrDigit else { continue }
            for n in 1...min(4, words.count - 1) {
                guard let first = words[words.count - n].first, first.isUppercase || first.isNumber else { continue }
                suffixCount[joined(words.suffix(n)).text, default: 0] += 1
            }
        }
        return suffixCount
    }

    /// `words` (slices of one line, in order) joined with single spaces. Where they stand one
    /// space apart in their line that is the slice of it, without a copy (`inPlace`); else
    /// a joined copy.
    static func joined(_ words: ArraySlice<Substring>) -> (text: Substring, inPlace: Bool) {
        let first = words[words.startIndex], last = words[words.endIndex - 1]
        let span = first.base[first.startIndex..<last.endIndex]
        if span.utf8.count == words.reduce(words.count - 1, { $0 + $1.utf8.count }) { return (span, true) }
        return (Substring(words.joined(separator: " ")), false)
    }

    /// A line's shape for repeat detection: folded, digits as #.
    static func shape(_ t: String) -> String {
        // ASCII on its bytes: folding lowers A-Z, and the digits are its only numbers.
        if t.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: t.utf8.map { b in b >= 0x30 && b <= 0x39 ? 0x23 : b >= 0x41 && b <= 0x5A ? b + 0x20 : b },
                          as: UTF8.self)
        }
        return String(Fold.string(t).map { $0.isNumber ? "#" : $0 })
    }

    /// A line (white space collapsed) as page furniture: whether it is a page number, and
    /// for a line of up to 70 characters not opening with a bar, its shape and whether it
    /// counts as a candidate for a running header or footer (a marked or listed line does not).
    struct Furniture {
        var pageNumber: Bool
        var shape: String?
        var counted: Bool
        init(_ t: String) {
            pageNumber = PageNoise.isPageNumber(t)
            let short = !t.isEmpty && t.hasAtMost(70) && !t.hasPrefix("|")
            shape = short ? PageNoise.shape(t) : nil
            counted = short && !MarkerScan.startsWithMarker(t) && Segmenter.bullet(of: t) == nil
        }
    }

    /// Short lines that recur on several pages (running headers and footers), by shape.
    static func repeatedFurniture(_ lines: [Furniture]) -> Set<String> {
        var count: [String: Int] = [:]
        for l in lines where l.counted { count[l.shape!, default: 0] += 1 }
        return Set(count.filter { $0.value >= 2 && $0.key.contains(where: \.isLetter) }.keys)
    }

    /// Strings of one to four words that end at least two lines (three for a plain word),
    /// start with a capital or a digit, and occur nowhere else in the text.
    static func sidebarSuffixes(_ lines: [String]) -> [String] {
        // Counting the line ends and indexing where strings stand read the same lines
        // independently: on two cores at once.
        let (suffixCount, places) = inParallel({ lineEndCounts(lines) }, { Places(lines) })
        var result: [String] = []
        for (key, c) in suffixCount {
            // Most strings end one line only: nothing below keeps them.
            guard c >= 2 else { continue }
            let s = String(key)
            guard let first = s.first, first.isUppercase || first.isNumber else { continue }
            guard let last = s.last, last.isLetter || last.isNumber else { continue }
            let label = ["datum", "date", "kenmerk", "pagina", "page", "referentie", "reference", "ons kenmerk"]
                .contains(Fold.string(s))
            let needed = (label || s.contains(" ") || s.contains("-")) ? 2 : 3
            guard c >= 2 else { continue }
            if c < needed && DateParser.fullDates(in: s).count != 1 { continue }
            guard places.onlyAtLineEnds(s) else { continue }
            result.append(s)
        }
        result += chained(lines, places, after: result)
        // Longest first, so "Directoraat-Generaal Migratie" goes before "Migratie".
        return result.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// Where the word strings of up to four words stand in the text: how often each ends a
    /// line, and how often it occurs as words anywhere. Counted in one pass, so asking about
    /// every repeated line end costs no pass over the text each (that made import
    /// quadratic: 18 s for 1 MB).
    struct Places {
        let lines: [String]
        let body: String
        /// Lines `t` (trailing space trimmed) with `t.hasSuffix(" " + s)`, and with `t == s`.
        private(set) var endsAfterSpace: [Substring: Int] = [:]
        private(set) var whole: [Substring: Int] = [:]
        /// Occurrences as whole words anywhere, keyed by the words joined with single
        /// spaces (slices of the lines where they stand so, no copy).
        private var asWords: [Substring: Int] = [:]

        init(_ lines: [String]) {
            self.lines = lines
            body = lines.joined(separator: "\n")
            let wordsPerLine = lines.map { $0.trimmingTrailingSpace.spaceSeparatedWords }
            // Only line ends are ever asked about (the strings `sidebarSuffixes` and
            // `chained` count are line ends): their first words, to pass over the other
            // words without joining them into strings.
            var firstWords = Set<Substring>()
            for (l, words) in zip(lines, wordsPerLine) where !words.isEmpty {
                let t = l.trimmingTrailingSpace
                // ASCII compares as bytes as it does as characters.
                let ascii = t.utf8.allSatisfy { $0 < 0x80 }
                for n in 1...min(4, words.count) {
                    // Asked only about strings that open with a capital or a digit.
                    guard let first = words[words.count - n].first, first.isUppercase || first.isNumber else { continue }
                    firstWords.insert(words[words.count - n])
                    // The words one space apart stand in the line up to its end, and open it or
                    // follow a space (the words were split at spaces).
                    let (x, inPlace) = joined(words.suffix(n))
                    if inPlace {
                        if x.startIndex == x.base.startIndex { whole[x, default: 0] += 1 } else { endsAfterSpace[x, default: 0] += 1 }
                        continue
                    }
                    if ascii {
                        let tb = t.utf8, xb = x.utf8
                        if tb.count == xb.count, tb.elementsEqual(xb) {
                            whole[x, default: 0] += 1
                        } else if tb.count > xb.count, tb.suffix(xb.count).elementsEqual(xb),
                                  tb[tb.index(tb.endIndex, offsetBy: -(xb.count + 1))] == 0x20 {
                            endsAfterSpace[x, default: 0] += 1
                        }
                    } else if t == x { whole[x, default: 0] += 1 } else if t.hasSuffix(" " + x) { endsAfterSpace[x, default: 0] += 1 }
                }
            }
            for words in wordsPerLine {
                // Only strings that open with a capital or a digit are ever asked about
                // (sidebar text); counting the others was most of the work.
                // A word opening with an ASCII byte other than a capital or a digit is no first
                // word of a line end's string: it is not looked up.
                for i in words.indices where words[i].utf8.first.map({ $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }) == true
                    && firstWords.contains(words[i]) {
                    for n in 1...min(4, words.count - i) {
                        asWords[joined(words[i..<(i + n)]).text, default: 0] += 1
                    }
                }
            }
        }

        /// Lines that end in `s` (or are `s`).
        func atEnds(_ s: String) -> Int { (endsAfterSpace[Substring(s)] ?? 0) + (whole[Substring(s)] ?? 0) }
        func endingAfterSpace(_ s: String) -> Int { endsAfterSpace[Substring(s)] ?? 0 }

        /// Anywhere else than at a line end means it is part of the prose. Every line end is
        /// an occurrence as words, and every occurrence as words one in the text: only a
        /// string seen as words at line ends alone is searched for in the whole text.
        func onlyAtLineEnds(_ s: String) -> Bool {
            guard !s.contains("|") else { return false }
            let ends = atEnds(s)
            guard (asWords[Substring(s)] ?? 0) <= ends else { return false }
            return Self.occurrences(of: s, in: body) == ends
        }

        /// Non-overlapping occurrences of `s` in `text`, compared as UTF-8 bytes:
        /// `components(separatedBy:)` did the same an order of magnitude slower.
        static func occurrences(of s: String, in text: String) -> Int {
            var needle = s, haystack = text
            return needle.withUTF8 { n in
                haystack.withUTF8 { h in
                    guard let first = n.first, n.count <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else { return 0 }
                    var found = 0
                    var i = 0
                    let last = h.count - n.count
                    while i <= last {
                        // memchr to the next place the first byte matches.
                        guard let p = memchr(hb + i, Int32(first), last - i + 1) else { break }
                        let at = hb.distance(to: p.assumingMemoryBound(to: UInt8.self))
                        if memcmp(hb + at, nb, n.count) == 0 {
                            found += 1
                            i = at + n.count
                        } else {
                            i = at + 1
                        }
                    }
                    return found
                }
            }
        }
    }

    /// A sidebar block runs over consecutive lines ("Directoraat-Generaal" / "Migratie" /
    /// "Datum" / "25 september 2023"): a word that ends two lines, each right below a line
    /// that ends in sidebar text, and occurs nowhere else, belongs to it too.
    static func chained(_ lines: [String], _ places: Places, after known: [String]) -> [String] {
        // A chain hangs from sidebar text already found.
        guard !known.isEmpty else { return [] }
        var found: [String] = []
        let trimmed = lines.map { $0.trimmingTrailingSpace }
        let bares = trimmed.map(\.trimmedSpaces)
        for _ in 0..<3 {
            let sidebar = known + found
            let sidebarSet = Set(sidebar)
            let spaced = sidebar.map { " " + $0 }
            let ends = SuffixTest(sidebar)
            var count: [String: Int] = [:]
            var previousInSidebar = false
            for (t, bare) in zip(trimmed, bares) {
                if bare.isEmpty { continue }
                // The words are read only under a line that ends in sidebar text.
                if previousInSidebar, case let words = t.split(separator: " ").map(String.init), words.count >= 2 {
                    for n in 1...min(2, words.count - 1) {
                        let s = words.suffix(n).joined(separator: " ")
                        if let f = s.first, f.isUppercase || f.isNumber, let e = s.last, e.isLetter || e.isNumber {
                            count[s, default: 0] += 1
                        }
                    }
                }
                // A line that is sidebar text, or ends in it, is not ruled out as one or the other.
                previousInSidebar = (!ends.rulesOut(t) || !ends.rulesOut(bare))
                    && (sidebarSet.contains(bare) || spaced.contains { t.hasSuffix($0) })
            }
            let new = count.filter { $0.value >= 2 && !sidebarSet.contains($0.key) }
                .filter { places.endingAfterSpace($0.key) == $0.value }
                .filter { places.onlyAtLineEnds($0.key) }
                .map(\.key)
            if new.isEmpty { break }
            found += new
        }
        return found
    }
}

/// Whether a line can be one of the sidebar strings or end in one after a space, answered
/// on bytes where that answers it: `hasSuffix` compares characters (canonical equivalence),
/// and every line was compared with every sidebar string, in the removal pass and in each
/// round of the chained search; on long minutes the strings are many. A string of n
/// spaces that ends the line after a space starts after one of the line's last n + 1
/// spaces, so those few tails are looked up instead. For an ASCII line and ASCII strings
/// bytes compare as characters do. A string with other characters cannot end an ASCII
/// line: every other character is or decomposes into one that is not ASCII, except the
/// Kelvin sign, the Greek question mark and the Greek varia (K, ; and `), and with one of
/// those among the strings everything is left to the comparisons.
struct SuffixTest {
    /// The ASCII strings, with their first place in the list.
    private let strings: [String: Int]
    private let maxSpaces: Int
    private let maxLength: Int
    private let usable: Bool

    init(_ strings: [String]) {
        let ascii = strings.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        var places: [String: Int] = [:]
        for (k, s) in strings.enumerated() where places[s] == nil && s.utf8.allSatisfy({ $0 < 0x80 }) { places[s] = k }
        self.strings = places
        maxSpaces = ascii.map { $0.utf8.count { $0 == 0x20 } }.max() ?? 0
        maxLength = ascii.map(\.utf8.count).max() ?? 0
        usable = !strings.contains { $0.unicodeScalars.contains { ["\u{212A}", "\u{037E}", "\u{1FEF}"].contains($0) } }
    }

    /// True when `t` is none of the strings and ends in none of them after a space, for sure.
    func rulesOut(_ t: String) -> Bool {
        firstMatch(t) == .some(nil)
    }

    /// The first place in the list of a string that `t` is, or ends in after a space;
    /// `.some(nil)` when there is none, and nil when the bytes cannot tell.
    func firstMatch(_ t: String) -> Int?? {
        guard usable else { return nil }
        var t = t
        return t.withUTF8 { b -> Int?? in
            for x in b where x >= 0x80 { return nil }
            var first: Int?
            func see(_ k: Int?) { if let k, first.map({ k < $0 }) ?? true { first = k } }
            if b.count <= maxLength { see(strings[String(decoding: b, as: UTF8.self)]) }
            var spaces = 0
            var i = b.count - 1
            // Tails longer than the longest string need no look-up.
            while i >= 0, b.count - i - 1 <= maxLength {
                if b[i] == 0x20 {
                    see(strings[String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)...]), as: UTF8.self)])
                    spaces += 1
                    if spaces > maxSpaces { break }
                }
                i -= 1
            }
            return .some(first)
        }
    }
}

extension String {
    /// `count <= n` without counting past n characters.
    func hasAtMost(_ n: Int) -> Bool {
        utf8.count <= n || dropFirst(n).isEmpty
    }

    /// `split(separator: " ")`, on the bytes of an ASCII string (where a space is a
    /// character of its own); other strings by character, where a space may start a
    /// character that runs on into a combining mark.
    var spaceSeparatedWords: [Substring] {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return split(separator: " ") }
        var out: [Substring] = []
        let u = utf8
        var start = u.startIndex, i = u.startIndex
        while i != u.endIndex {
            if u[i] == 0x20 {
                if start != i { out.append(Substring(u[start..<i])) }
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        if start != u.endIndex { out.append(Substring(u[start..<u.endIndex])) }
        return out
    }

    var trimmingTrailingSpace: String {
        // Ends in an ASCII character that is no white space: nothing to trim.
        if let last = utf8.last, last > 0x20, last < 0x80 { return self }
        var s = self
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
