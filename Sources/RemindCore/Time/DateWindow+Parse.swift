import Foundation

extension DateWindow {
    /// Month names in English and Dutch, full and abbreviated.
    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let names: [[String]] = [
            ["january", "januari", "jan"], ["february", "februari", "feb"], ["march", "maart", "mar", "mrt"],
            ["april", "apr"], ["may", "mei"], ["june", "juni", "jun"], ["july", "juli", "jul"],
            ["august", "augustus", "aug"], ["september", "sep", "sept"], ["october", "oktober", "oct", "okt"],
            ["november", "nov"], ["december", "dec"],
        ]
        for (i, ns) in names.enumerated() { for n in ns { m[n] = i + 1 } }
        return m
    }()

    /// Parts of a month: early/begin = 1–10, mid/half/medio = 11–20, late/eind = 21–end.
    static let parts: [String: Int] = [
        "early": 0, "begin": 0, "start": 0, "beginning": 0, "eerste": 0,
        "mid": 1, "middle": 1, "half": 1, "medio": 1, "midden": 1,
        "late": 2, "end": 2, "eind": 2, "einde": 2, "laat": 2,
    ]

    /// Parses an expected window: `early December 2023`, `begin december 2023`,
    /// `half januari 2024`, `December 2023` (the whole month), `2023-12-01/2023-12-10`, or a
    /// single date.
    public static func parse(_ raw: String) -> DateWindow? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let d = LocalDate(text) { return DateWindow(start: d, end: d) }
        let range = text.split(separator: "/", omittingEmptySubsequences: false)
        if range.count == 2 {
            guard let a = LocalDate(range[0].trimmingCharacters(in: .whitespaces)),
                  let b = LocalDate(range[1].trimmingCharacters(in: .whitespaces)), a <= b else { return nil }
            return DateWindow(start: a, end: b)
        }
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        if words.first == "the" || words.first == "in" { words.removeFirst() }
        var part: Int?
        if let first = words.first, let p = parts[first] {
            part = p
            words.removeFirst()
            if words.first == "of" || words.first == "van" { words.removeFirst() }
        }
        guard words.count == 2, let month = months[words[0].trimmingCharacters(in: .punctuationCharacters)],
              words[1].count == 4, let year = Int(words[1]), year > 1900 else { return nil }
        let last = LocalDate.daysIn(year: year, month: month)
        switch part {
        case 0: return DateWindow(start: LocalDate(year: year, month: month, day: 1), end: LocalDate(year: year, month: month, day: 10))
        case 1: return DateWindow(start: LocalDate(year: year, month: month, day: 11), end: LocalDate(year: year, month: month, day: 20))
        case 2: return DateWindow(start: LocalDate(year: year, month: month, day: 21), end: LocalDate(year: year, month: month, day: last))
        default: return DateWindow(start: LocalDate(year: year, month: month, day: 1), end: LocalDate(year: year, month: month, day: last))
        }
    }
}
