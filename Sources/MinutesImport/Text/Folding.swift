import Foundation

/// Matching works on a folded copy of the text (lower case, no diacritics) that keeps one
/// character per original character, so a match found in the folded text cuts the original
/// at the same offsets. Folding also absorbs the OCR habit of writing é for e and ë.
enum Fold {
    static func char(_ c: Character) -> Character {
        if c.utf8.count == 1, let a = c.asciiValue { return Character(Unicode.Scalar(a >= 0x41 && a <= 0x5A ? a + 0x20 : a)) }
        // A character of one scalar that minutes often hold (é, ë, ø, ł, ’, –, …, and the
        // U+FFFD an unreadable byte becomes): from a table, not through NSString.
        let scalars = c.unicodeScalars
        if let u = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            let v = u.value
            if v >= 0xC0 && v <= 0x24F { return latin[Int(v - 0xC0)] }
            if v >= 0x2000 && v <= 0x206F { return punctuation[Int(v - 0x2000)] }
            if v == 0xFFFD { return c }
        }
        return folded(c)
    }

    /// The folded forms of U+00C0–U+024F (Latin-1 letters, Latin Extended-A and -B) and of
    /// U+2000–U+206F (general punctuation), made once: folding each such character through
    /// NSString was most of the work on minutes that are not plain ASCII.
    static let latin: [Character] = (UInt32(0xC0)...0x24F).map { v in Unicode.Scalar(v).map { folded(Character($0)) } ?? " " }
    static let punctuation: [Character] = (UInt32(0x2000)...0x206F).map { v in Unicode.Scalar(v).map { folded(Character($0)) } ?? " " }

    private static func folded(_ c: Character) -> Character {
        if c.isASCII { return Character(c.lowercased()) }
        switch c {
        case "’", "‘", "`", "´": return "'"
        case "“", "”", "„": return "\""
        case "–", "—", "‐", "‑": return "-"
        case "\u{00A0}", "\u{2009}", "\u{202F}": return " "
        default: break
        }
        let f = String(c).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return f.count == 1 ? f.first! : (String(c).lowercased().first ?? c)
    }

    static func string(_ s: String) -> String {
        // Most minutes are ASCII line after line: lower-casing the bytes gives what folding
        // each character gives, without making a String per character; text already in lower
        // case (most words) is returned as it is.
        var upper = false
        for b in s.utf8 {
            if b >= 0x80 { return String(s.map(char)) }
            if b >= 0x41 && b <= 0x5A { upper = true }
        }
        if !upper { return s }
        return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}

/// A word of a sentence with its folded form and its character offsets.
struct Token: Hashable {
    var text: String
    var folded: String
    var start: Int
    var end: Int

    var isCapitalized: Bool { text.first?.isUppercase == true }
    /// Two or more capitals (`JenV`, `MBZK`, `CdK`): an organisation or role abbreviation.
    var isAbbreviation: Bool {
        // ASCII (most names) is counted on its bytes, without copying the letters.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var letters = 0, capitals = 0
            for b in text.utf8 {
                if b >= 0x41 && b <= 0x5A { letters += 1; capitals += 1 } else if b >= 0x61 && b <= 0x7A { letters += 1 }
            }
            guard letters >= 2, let f = text.utf8.first, f >= 0x41 && f <= 0x5A else { return false }
            return capitals >= 2
        }
        let letters = text.filter(\.isLetter)
        guard letters.count >= 2, text.first?.isUppercase == true else { return false }
        return letters.filter(\.isUppercase).count >= 2
    }
}

enum Tokenizer {
    /// Words (letters, digits, inner hyphens, apostrophes and dots) and single punctuation marks.
    static func tokens(_ s: String) -> [Token] {
        asciiTokens(s) ?? characterTokens(s)
    }

    /// `tokens` for any text, Character by Character; `asciiTokens` must agree with it.
    static func characterTokens(_ s: String) -> [Token] {
        let chars = Array(s)
        var out: [Token] = []
        var i = 0
        func isWordChar(_ c: Character) -> Bool { c.isLetterOrDigit }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if isWordChar(c) {
                var j = i + 1
                while j < chars.count {
                    let d = chars[j]
                    if isWordChar(d) { j += 1; continue }
                    // Inner joiners: e-mail, 2023-II, m.b.t., PRT's, 12:00, 1/11; a slash
                    // between words is a list ("MvdB/RO", "JenV/MBZK"), not one word.
                    if d == "/", chars[j - 1].isLetter, j + 1 < chars.count, chars[j + 1].isLetter { break }
                    if "-'’./:&".contains(d), j + 1 < chars.count, isWordChar(chars[j + 1]) { j += 1; continue }
                    break
                }
                let t = String(chars[i..<j])
                out.append(Token(text: t, folded: Fold.string(t), start: i, end: j))
                i = j
            } else {
                out.append(Token(text: String(c), folded: String(Fold.char(c)), start: i, end: i + 1))
                i += 1
            }
        }
        return out
    }
}

extension Tokenizer {
    /// `tokens` for ASCII text, read on its bytes: one byte is one character there, so the
    /// offsets are the same. Every sentence is tokenised several times by the rules, and
    /// making an array of Characters and a String per character was a large part of it.
    /// Nil for text with other bytes, or a CR (CR LF is one character).
    static func asciiTokens(_ s: String) -> [Token]? {
        var s = s
        return s.withUTF8 { b -> [Token]? in
            guard isPlainASCII(b) else { return nil }
            var out: [Token] = []
            asciiSpans(b) { i, j in
                let slice = UnsafeBufferPointer(rebasing: b[i..<j])
                out.append(Token(text: String(decoding: slice, as: UTF8.self), folded: foldedASCII(slice), start: i, end: j))
            }
            return out
        }
    }

    /// ASCII without CR: one byte, one character.
    static func isPlainASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        !b.contains { $0 >= 0x80 || $0 == 0x0D }
    }

    static func foldedASCII(_ b: UnsafeBufferPointer<UInt8>) -> String {
        b.contains(where: { $0 >= 0x41 && $0 <= 0x5A })
            ? String(decoding: b.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
            : String(decoding: b, as: UTF8.self)
    }

    /// The tokens of plain ASCII text as byte ranges, by the rules of `tokens`.
    static func asciiSpans(_ b: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        let n = b.count
        @inline(__always) func isLetter(_ x: UInt8) -> Bool { (x >= 0x61 && x <= 0x7A) || (x >= 0x41 && x <= 0x5A) }
        @inline(__always) func isWordChar(_ x: UInt8) -> Bool { isLetter(x) || (x >= 0x30 && x <= 0x39) }
        @inline(__always) func isSpace(_ x: UInt8) -> Bool { x == 0x20 || (x >= 0x09 && x <= 0x0D) }
        var i = 0
        while i < n {
            let c = b[i]
            if isSpace(c) { i += 1; continue }
            if isWordChar(c) {
                var j = i + 1
                while j < n {
                    let d = b[j]
                    if isWordChar(d) { j += 1; continue }
                    if d == 0x2F, isLetter(b[j - 1]), j + 1 < n, isLetter(b[j + 1]) { break }
                    // - ' . / : &
                    if d == 0x2D || d == 0x27 || d == 0x2E || d == 0x2F || d == 0x3A || d == 0x26, j + 1 < n, isWordChar(b[j + 1]) {
                        j += 1; continue
                    }
                    break
                }
                body(i, j)
                i = j
            } else {
                body(i, i + 1)
                i += 1
            }
        }
    }
}

extension String {
    /// Runs of whitespace as one space, trimmed.
    var collapsedWhitespace: String {
        // ASCII with single spaces inside and none at the ends is collapsed already.
        var previous: UInt8 = 0x20
        var plain = true
        for b in utf8 {
            if b >= 0x80 || (b >= 0x09 && b <= 0x0D) || (b == 0x20 && previous == 0x20) { plain = false; break }
            previous = b
        }
        if plain && previous != 0x20 { return self }
        // Plain ASCII: the runs of white space are the bytes 9 to 13 and 32.
        var copy = self
        if let collapsed = copy.withUTF8({ b -> String? in
            guard Tokenizer.isPlainASCII(b) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var space = false
            for x in b {
                if x == 0x20 || (x >= 0x09 && x <= 0x0D) {
                    space = !out.isEmpty
                } else {
                    if space { out.append(0x20); space = false }
                    out.append(x)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }) { return collapsed }
        return split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func characterSlice(_ from: Int, _ to: Int) -> String {
        // Walks to the offsets instead of copying every character into an array first.
        let lo = index(startIndex, offsetBy: max(0, from), limitedBy: endIndex) ?? endIndex
        let hi = index(lo, offsetBy: max(0, to - max(0, from)), limitedBy: endIndex) ?? endIndex
        return String(self[lo..<hi])
    }
}

extension Character {
    /// `isLetter || isNumber`, with ASCII answered without the Unicode property tables
    /// (looking those up was a tenth of import time).
    var isLetterOrDigit: Bool {
        if utf8.count == 1, let a = asciiValue {
            return (a >= 0x61 && a <= 0x7A) || (a >= 0x41 && a <= 0x5A) || (a >= 0x30 && a <= 0x39)
        }
        return isLetter || isNumber
    }
}
