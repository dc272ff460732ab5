import RemindCore

/// The date of the next meeting where the minutes give it: "Volgende vergadering: 10
/// december 2024", "| Next meeting | 12-03 |", "De eerstvolgende bijeenkomst is op 4 juni",
/// "Next call: Thursday, March 12". Items due at the next meeting then get that date as
/// their deadline, and the draft's meeting series lists it, so the config that includes the
/// draft resolves `next meeting` to the same day.
enum NextMeetingFinder {
    /// The first such date after the meeting date `r` (and within a year of it).
    static func find(lines: [String], after r: LocalDate) -> LocalDate? {
        for (i, line) in lines.enumerated() {
            guard line.utf8.count < 400, let words = label(in: line) else { continue }
            // The date on the label's line, or on the next line when the label ends it
            // ("Volgende vergadering:" over "dinsdag 10 december 2024, 14:00").
            // Close after the label: a deadline later in a long sentence is not the date.
            var text = String(line.dropFirst(words).prefix(60))
            if text.trimmedSpaces.trimming("|:-* ").isEmpty,
               let next = lines[(i + 1)...].prefix(2).first(where: { !$0.trimmedSpaces.isEmpty }) {
                text = next
            }
            for d in DateParser.dates(in: text, reference: r, numericDayMonth: true) where d.date > r && d.date <= r.adding(days: 366) {
                return d.date
            }
        }
        return nil
    }

    /// Whether "next" or "volgend" stands in the line, in any case: on its bytes, as every
    /// line is asked and few say it.
    static func mentionsNext(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { b in
            @inline(__always) func lower(_ x: UInt8) -> UInt8 { x >= 0x41 && x <= 0x5A ? x + 0x20 : x }
            let n = b.count
            var i = 0
            while i + 4 <= n {
                let c = lower(b[i])
                if c == 0x6E, lower(b[i + 1]) == 0x65, lower(b[i + 2]) == 0x78, lower(b[i + 3]) == 0x74 { return true }   // next
                if c == 0x76, i + 7 <= n, lower(b[i + 1]) == 0x6F, lower(b[i + 2]) == 0x6C, lower(b[i + 3]) == 0x67,
                   lower(b[i + 4]) == 0x65, lower(b[i + 5]) == 0x6E, lower(b[i + 6]) == 0x64 { return true }                 // volgend
                i += 1
            }
            return false
        }
    }

    /// Where "next meeting" ends on the line (in characters), if the line names it: "next"
    /// or "volgende" with a word for a meeting within the next two words.
    static func label(in line: String) -> Int? {
        guard mentionsNext(line) else { return nil }
        let tokens = Tokenizer.tokens(line)
        for (k, t) in tokens.enumerated() where ["volgende", "eerstvolgende", "volgend", "next"].contains(t.folded) {
            for j in (k + 1)..<min(tokens.count, k + 3) where DeadlinePhrases.isMeetingWord(tokens[j].folded) {
                return tokens[j].end
            }
        }
        return nil
    }
}
