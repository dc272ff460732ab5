/// The words a reply can start with, in Dutch and English. Only the first non-empty line
/// counts, and on it only the first words: case and punctuation are ignored, and so is
/// whatever follows the command ("Klaar, zie bijlage." is `klaar`).
///
/// | words | command |
/// |---|---|
/// | `klaar`, `gedaan`, `afgerond`, `done` | done |
/// | `uitstel`/`snooze`/`later` N `dag`/`dagen`/`week`/`weken`/`day`/`days`/`weeks` (also `2d`, `1w`) | snooze N days or weeks |
/// | `uitstel`, `snooze`, `later` with no span after it | snooze by the default choice |
/// | `heropen`, `reopen` | reopen |
///
/// N is digits or a number word up to ten (`een`/`één` … `tien`, `a`/`an`/`one` … `ten`);
/// `met`, `for` or `by` may stand before it ("snooze for 2 days"). A span of zero, one over
/// `maxDays`, or digits without a unit ("uitstel 3") is no command: the owner gets the help
/// message rather than a surprise. A number word without a unit is an ordinary word
/// ("later een keer" is a bare `later`).
public enum ReplyGrammar {
    public static let maxDays = 365

    static let done: Set<String> = ["klaar", "gedaan", "afgerond", "done"]
    static let snooze: Set<String> = ["uitstel", "snooze", "later"]
    static let reopen: Set<String> = ["heropen", "reopen"]
    static let fillers: Set<String> = ["met", "for", "by"]
    static let numbers: [String: Int] = [
        "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
        "negen": 9, "tien": 10,
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10,
    ]
    static let units: [String: Int] = [
        "dag": 1, "dagen": 1, "d": 1, "day": 1, "days": 1,
        "week": 7, "weken": 7, "w": 7, "wk": 7, "weeks": 7,
    ]

    /// The command of `text` (already cut of quotes): nil when its first words are none.
    public static func command(in text: String) -> ReplyCommand? {
        guard let line = text.split(separator: "\n").first(where: { $0.contains { !$0.isWhitespace } }) else { return nil }
        let w = words(line, max: 6)
        guard let first = w.first else { return nil }
        if done.contains(first) { return .done }
        if reopen.contains(first) { return .reopen }
        guard snooze.contains(first) else { return nil }
        var rest = w.dropFirst()
        if let f = rest.first, fillers.contains(f) { rest = rest.dropFirst() }
        switch span(rest) {
        case .absent: return .snooze(.defaultChoice)
        case .unitless: return nil
        case .days(let days):
            guard let days, days >= 1, days <= maxDays else { return nil }
            return .snooze(.days(days))
        }
    }

    enum Span: Equatable {
        /// No number follows: the default choice.
        case absent
        /// Digits without a unit ("uitstel 3"): which span was meant is unknown.
        case unitless
        /// Nil: a number too long to count.
        case days(Int?)
    }

    static func span(_ w: ArraySlice<String>) -> Span {
        guard let word = w.first else { return .absent }
        // Any numeral counts as an attempt at a number; only ASCII digits are read (`²`
        // and `₂` are numerals `Int` refuses).
        let digits = word.prefix { $0.isNumber }
        // `2d`, `1w`: number and unit in one word.
        if !digits.isEmpty && digits.count < word.count {
            guard let unit = units[String(word.dropFirst(digits.count))] else { return .unitless }
            return .days(number(String(digits)).map { $0 * unit })
        }
        let unit = w.count >= 2 ? units[w[w.startIndex + 1]] : nil
        if let n = numbers[word] {
            guard let unit else { return .absent }
            return .days(n * unit)
        }
        guard !digits.isEmpty else { return .absent }
        guard let unit else { return .unitless }
        return .days(number(word).map { $0 * unit })
    }

    /// ASCII digits only (a Unicode digit such as `²` is not a number here); nil past four.
    static func number(_ s: String) -> Int? {
        guard !s.isEmpty, s.utf8.count <= 4, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s)
    }

    /// The first `max` words of `line`, lowercased: runs of letters and digits.
    static func words(_ line: Substring, max: Int) -> [String] {
        var out: [String] = []
        var current = ""
        for c in line.prefix(200) {
            if c.isLetter || c.isNumber {
                current += c.lowercased()
            } else if !current.isEmpty {
                out.append(current)
                current = ""
                if out.count == max { return out }
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
