import RemindCore

/// Finds the date of the meeting the minutes record: the date in a repeated sidebar or
/// running header ("Datum 25 september 2023"), a labelled date ("Date: 3 March 2024",
/// a `| Datum | … |` header row), or a date in the title lines. Dates of earlier minutes
/// being approved ("het verslag van 10 juli wordt geaccordeerd") are not taken.
enum MeetingDateFinder {
    nonisolated(unsafe) static let labelRx = Patterns.regex(#"^[\s|*#_-]*(datum|date|meeting date|datum vergadering|vergaderdatum|date of meeting|held on|gehouden op|vergadering van|meeting of|when|wanneer)\b\s*[:|]?"#)
    static let titleWords = ["verslag", "notulen", "minutes", "meeting", "vergadering", "overleg", "agenda",
                             "bijeenkomst", "call", "besluitenlijst", "actielijst", "notes", "regietafel"]
    static let previousWords = ["geaccordeerd", "vastgesteld", "goedgekeurd", "approved", "adopted", "vorige", "confirmed",
                                "correct record", "true record", "signed", "ongewijzigd", "previous meeting", "last meeting",
                                "previous", "last meeting", "accepted"]

    static func find(rawLines: [String], cleanLines: [String], sidebar: [String]) -> LocalDate? {
        // The date seen most often; of dates seen as often, the one seen first, so the
        // answer never depends on the order a dictionary keeps.
        func mostSeen(_ dates: [LocalDate]) -> LocalDate? {
            var count: [LocalDate: Int] = [:]
            for d in dates { count[d, default: 0] += 1 }
            var best: (date: LocalDate, count: Int)?
            for d in dates where (count[d] ?? 0) > (best?.count ?? 0) { best = (d, count[d] ?? 0) }
            return best?.date
        }
        // The sidebar strings in the order the text first shows them.
        if !sidebar.isEmpty {
            let body = rawLines.joined(separator: "\n")
            let at = sidebar.map { body.firstByteOffset(of: $0) ?? Int.max }
            let inOrder = sidebar.indices.sorted { (at[$0], $0) < (at[$1], $1) }
            if let d = mostSeen(inOrder.flatMap { DateParser.fullDates(in: sidebar[$0]) }) { return d }
        }
        // Furniture repeated on every page: a date that heads two or more pages.
        var lineCount: [String: Int] = [:]
        for l in rawLines where l.count < 80 { lineCount[l, default: 0] += 1 }
        var repeated: [LocalDate] = []
        for l in rawLines where lineCount[l, default: 0] >= 2 {
            let ds = DateParser.fullDates(in: l)
            if ds.count == 1 { repeated.append(ds[0]) }
        }
        if let d = mostSeen(repeated) { return d }
        for l in rawLines {
            let f = Fold.string(l)
            if f.firstMatch(of: labelRx) != nil, let d = DateParser.fullDates(in: l).first { return d }
        }
        let head = Array(cleanLines.filter { !$0.trimmedSpaces.isEmpty }.prefix(12))
        // A title that runs onto the next line ("MINUTES of a meeting … held at the Offices," /
        // "Westbridge on Wednesday, 17 January 2024") is read with it.
        let titled = head.indices.map { i in
            i + 1 < head.count && DateParser.fullDates(in: head[i]).isEmpty && !head[i].trimmingTrailingSpace.hasSuffix(".")
                ? head[i] + " " + head[i + 1] : head[i]
        }
        for l in titled {
            let f = Fold.string(l)
            if titleWords.contains(where: { f.contains($0) }), !previousWords.contains(where: { f.contains($0) }),
               let d = DateParser.fullDates(in: l).first { return d }
        }
        for l in head.prefix(6) {
            let f = Fold.string(l)
            if !previousWords.contains(where: { f.contains($0) }), let d = DateParser.fullDates(in: l).first { return d }
        }
        // A date written as one number in a title or file name: "# 20220622-werkgroep1-notes".
        for l in head.prefix(6) {
            if let d = compactDate(in: l) { return d }
        }
        return nil
    }

    /// The first YYYYMMDD (a real day, 1990–2099) standing as a word of its own.
    static func compactDate(in line: String) -> LocalDate? {
        let b = Array(line.utf8)
        var i = 0
        while i + 8 <= b.count {
            let isDigit = { (k: Int) in k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
            guard (i == 0 || !isDigit(i - 1)), (0..<8).allSatisfy({ isDigit(i + $0) }), !isDigit(i + 8) else { i += 1; continue }
            let n = (0..<8).reduce(0) { $0 * 10 + Int(b[i + $1] - 0x30) }
            let (y, m, d) = (n / 10000, n / 100 % 100, n % 100)
            if (1990...2099).contains(y), (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(year: y, month: m) {
                return LocalDate(year: y, month: m, day: d)
            }
            i += 8
        }
        return nil
    }

    nonisolated(unsafe) static let seriesRx = Patterns.regex(#"\b(?:volgende|eerstvolgende|next|vorige|previous|last)\s+([A-Z][A-Za-z]*[A-Z][A-Za-z]*)\b"#)
    nonisolated(unsafe) static let titleSeriesRx = Patterns.regex(#"(?i:verslag|notulen|minutes|agenda|vergadering|meeting)\s+(?:(?i:van|of)\s+(?:(?i:de|het|the)\s+)?)?([A-Z][A-Za-z]*[A-Z][A-Za-z]*)\b"#)

    static let keywords: [[UInt8]] = ["volgende", "next", "vorige", "previous", "last",
                                      "verslag", "notulen", "minutes", "agenda", "vergadering", "meeting"].map { Array($0.utf8) }

    /// False when an ASCII stretch holds none of the key words below in any case (ASCII
    /// folds to its lower case): most stretches, which are then not copied and folded.
    static func mayHoldKeyword(_ s: Substring) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { b -> Bool in
            for x in b where x >= 0x80 { return true }
            let n = b.count
            for i in 0..<n {
                let first = b[i] | 0x20
                for k in keywords where k[0] == first && i + k.count <= n {
                    var j = 1
                    while j < k.count, (b[i + j] >= 0x41 && b[i + j] <= 0x5A ? b[i + j] + 0x20 : b[i + j]) == k[j] { j += 1 }
                    if j == k.count { return true }
                }
            }
            return false
        } ?? true
    }

    static func isStretchSeparator(_ c: Character) -> Bool { !(c.isLetterOrDigit || c.isWhitespace || c == "_") }

    /// `text.split(whereSeparator: isStretchSeparator)`, without breaking all of the text
    /// into characters. An ASCII mark of punctuation between two ASCII bytes is a character
    /// of its own (nothing joins it to its neighbours) and a separator: the text is cut
    /// there first, and the pieces in plain ASCII (a byte a character) are split on their
    /// bytes; the others as before.
    static func stretches(_ text: String) -> [Substring] {
        var copy = text
        let utf8 = text.utf8
        return copy.withUTF8 { b -> [Substring] in
            @inline(__always) func separator(_ x: UInt8) -> Bool {
                !((x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x5A) || (x >= 0x61 && x <= 0x7A)
                  || x == 0x20 || (x >= 0x09 && x <= 0x0D) || x == 0x5F)
            }
            let n = b.count
            var out: [Substring] = []
            func slice(_ lo: Int, _ hi: Int) -> Substring {
                text[utf8.index(utf8.startIndex, offsetBy: lo)..<utf8.index(utf8.startIndex, offsetBy: hi)]
            }
            func piece(_ lo: Int, _ hi: Int) {
                guard lo < hi else { return }
                if Tokenizer.isPlainASCII(UnsafeBufferPointer(rebasing: b[lo..<hi])) {
                    var start = lo
                    for k in lo..<hi where separator(b[k]) {
                        if start < k { out.append(slice(start, k)) }
                        start = k + 1
                    }
                    if start < hi { out.append(slice(start, hi)) }
                } else {
                    out += slice(lo, hi).split(whereSeparator: isStretchSeparator)
                }
            }
            var start = 0
            for k in 0..<n where b[k] < 0x80 && separator(b[k]) && (k == 0 || b[k - 1] < 0x80) && (k + 1 == n || b[k + 1] < 0x80) {
                piece(start, k)
                start = k + 1
            }
            piece(start, n)
            return out
        }
    }

    /// The meeting series id: the body the minutes call "de volgende LRT" or whose
    /// "Verslag LRT" they are, lower-cased; else `meeting`.
    static func series(in text: String) -> String {
        var count: [String: Int] = [:]
        // A match holds only letters and white space, and a mark of punctuation is a word
        // boundary: the text is read in the stretches between such marks, and only the
        // stretches that hold a key word go to the (slow) regexes.
        for stretch in stretches(text) where mayHoldKeyword(stretch) {
            let s = String(stretch)
            let lower = Fold.string(s)
            if ["volgende", "next", "vorige", "previous", "last"].contains(where: { s.contains($0) }) {
                for m in s.matches(of: seriesRx) { count[String(m.output[1].substring!), default: 0] += 2 }
            }
            if ["verslag", "notulen", "minutes", "agenda", "vergadering", "meeting"].contains(where: { lower.contains($0) }) {
                for m in s.matches(of: titleSeriesRx) { count[String(m.output[1].substring!), default: 0] += 1 }
            }
        }
        guard let best = count.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return "meeting" }
        let id = Slug.make(best)
        return id.isEmpty ? "meeting" : id
    }
}
