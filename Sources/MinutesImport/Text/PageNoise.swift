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
        var lines = ActionColumn.convert(LayoutTable.convert(raw.map(PageNoise.normalizeLine)))
        let sidebar = PageNoise.sidebarSuffixes(lines)
        for i in lines.indices {
            var changed = true
            while changed {
                changed = false
                let trimmed = lines[i].trimmingTrailingSpace
                for s in sidebar where trimmed == s || trimmed.hasSuffix(" " + s) {
                    lines[i] = String(trimmed.dropLast(s.count)).trimmingTrailingSpace
                    changed = !lines[i].trimmingTrailingSpace.isEmpty
                    break
                }
            }
        }
        let repeated = PageNoise.repeatedFurniture(lines)
        for i in lines.indices {
            let t = lines[i].collapsedWhitespace
            if PageNoise.isPageNumber(t) || repeated.contains(PageNoise.shape(t)) { lines[i] = "" }
        }
        self.lines = lines
        self.sidebar = sidebar
    }

    /// Tabs between cells become table bars; form feeds and odd spaces become plain ones.
    static func normalizeLine(_ l: String) -> String {
        var s = l.replacingOccurrences(of: "\u{0C}", with: "")
            .replacingOccurrences(of: "\u{00AD}", with: "")
            .replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "\r", with: "")
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("\t") {
            var cells = trimmed.split(separator: "\t", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // "•<tab>Actie: …", "1.<tab>Opening": a list label, not a table cell.
            if cells.count >= 2, Segmenter.bullet(of: cells[0] + " x") != nil, cells[0].count <= 4 {
                cells[1] = cells[0] + " " + cells[1]
                cells.removeFirst()
            }
            s = cells.count >= 2 ? "| " + cells.joined(separator: " | ") + " |" : cells.joined(separator: " ")
        }
        // OCR and layout slips: "PRT 's" for PRT's, "2023-I1" for 2023-II.
        s = s.replacing(#/(\w) ['’]s\b/#) { "\($0.output.1)'s" }
        s = s.replacing(#/\b(20[0-9][0-9])-([Il1][Il1]?)\b(?!-)/#) { m -> String in
            let suffix = String(m.output.2)
            let year = String(m.output.1)
            if suffix.contains("I") || suffix.count == 2 {
                return year + "-" + String(repeating: "I", count: suffix.count)
            }
            return String(m.output.0)
        }
        return s
    }

    static func isPageNumber(_ t: String) -> Bool {
        let f = Fold.string(t)
        if f.isEmpty { return false }
        let words = f.split(separator: " ").map(String.init)
        let numeric = words.filter { $0.allSatisfy { $0.isNumber } }
        let labels: Set<String> = ["pagina", "page", "blad", "p.", "van", "of", "/", "-", "—", "–"]
        return !numeric.isEmpty && numeric.count <= 2 && words.count <= 4
            && words.allSatisfy { labels.contains($0) || $0.allSatisfy(\.isNumber) || $0.allSatisfy { "-/".contains($0) } }
    }

    /// A line's shape for repeat detection: folded, digits as #.
    static func shape(_ t: String) -> String {
        String(Fold.string(t).map { $0.isNumber ? "#" : $0 })
    }

    /// Short lines that recur on several pages (running headers and footers).
    static func repeatedFurniture(_ lines: [String]) -> Set<String> {
        var count: [String: Int] = [:]
        for l in lines {
            let t = l.collapsedWhitespace
            guard !t.isEmpty, t.count <= 70, !t.hasPrefix("|") else { continue }
            if MarkerScan.startsWithMarker(t) || Segmenter.bullet(of: t) != nil { continue }
            count[shape(t), default: 0] += 1
        }
        return Set(count.filter { $0.value >= 2 && $0.key.contains(where: \.isLetter) }.keys)
    }

    /// Strings of one to four words that end at least two lines (three for a plain word),
    /// start with a capital or a digit, and occur nowhere else in the text.
    static func sidebarSuffixes(_ lines: [String]) -> [String] {
        var suffixCount: [String: Int] = [:]
        let wordsPerLine = lines.map { $0.split(separator: " ").map(String.init) }
        for words in wordsPerLine where words.count >= 2 {
            for n in 1...min(4, words.count - 1) {
                let s = words.suffix(n).joined(separator: " ")
                suffixCount[s, default: 0] += 1
            }
        }
        let body = lines.joined(separator: "\n")
        var result: [String] = []
        for (s, c) in suffixCount {
            guard let first = s.first, first.isUppercase || first.isNumber else { continue }
            guard let last = s.last, last.isLetter || last.isNumber else { continue }
            let isDate = DateParser.fullDates(in: s).count == 1
            let label = ["datum", "date", "kenmerk", "pagina", "page", "referentie", "reference", "ons kenmerk"]
                .contains(Fold.string(s))
            let needed = (isDate || label || s.contains(" ") || s.contains("-")) ? 2 : 3
            guard c >= needed, onlyAtLineEnds(s, lines, body) else { continue }
            result.append(s)
        }
        result += chained(lines, body, after: result)
        // Longest first, so "Directoraat-Generaal Migratie" goes before "Migratie".
        return result.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// Anywhere else than at a line end means it is part of the prose.
    static func onlyAtLineEnds(_ s: String, _ lines: [String], _ body: String) -> Bool {
        guard !s.contains("|") else { return false }
        let total = body.components(separatedBy: s).count - 1
        var atEnds = 0
        for l in lines {
            let t = l.trimmingTrailingSpace
            if t == s || t.hasSuffix(" " + s) { atEnds += 1 }
        }
        return total == atEnds
    }

    /// A sidebar block runs over consecutive lines ("Directoraat-Generaal" / "Migratie" /
    /// "Datum" / "25 september 2023"): a word that ends two lines, each right below a line
    /// that ends in sidebar text, and occurs nowhere else, belongs to it too.
    static func chained(_ lines: [String], _ body: String, after known: [String]) -> [String] {
        var found: [String] = []
        let trimmed = lines.map { $0.trimmingTrailingSpace }
        for _ in 0..<3 {
            let sidebar = known + found
            var count: [String: Int] = [:]
            var previousInSidebar = false
            for t in trimmed {
                let bare = t.trimmingCharacters(in: .whitespaces)
                if bare.isEmpty { continue }
                let words = t.split(separator: " ").map(String.init)
                if previousInSidebar, words.count >= 2 {
                    for n in 1...min(2, words.count - 1) {
                        let s = words.suffix(n).joined(separator: " ")
                        if let f = s.first, f.isUppercase || f.isNumber, let e = s.last, e.isLetter || e.isNumber {
                            count[s, default: 0] += 1
                        }
                    }
                }
                previousInSidebar = sidebar.contains { bare == $0 || t.hasSuffix(" " + $0) }
            }
            let new = count.filter { $0.value >= 2 && !sidebar.contains($0.key) }
                .filter { s in trimmed.filter { $0.hasSuffix(" " + s.key) }.count == s.value }
                .filter { onlyAtLineEnds($0.key, lines, body) }
                .map(\.key)
            if new.isEmpty { break }
            found += new
        }
        return found
    }
}

extension String {
    var trimmingTrailingSpace: String {
        var s = self
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
