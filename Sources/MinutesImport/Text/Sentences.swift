/// A sentence of a unit, with where it starts.
struct Sentence {
    var text: String
    /// Offset in the unit's text.
    var offset: Int
    var line: Int
}

enum Sentences {
    /// Abbreviations that end in a dot without ending the sentence.
    static let abbreviations: Set<String> = [
        "m.b.t", "i.h.k.v", "cf", "o.a", "bijv", "bv", "ca", "nr", "art", "dhr", "mevr", "mw", "mr",
        "dr", "drs", "ir", "prof", "e.g", "i.e", "vs", "etc", "incl", "excl", "t.a.v", "i.v.m", "z.s.m",
        "a.s", "resp", "evt", "jl", "p", "pag", "no", "st", "min", "max", "e.d", "d.w.z", "t.z.t",
        "n.a.v", "m.u.v", "o.b.v", "i.o.m", "m.i.v", "t.b.v", "w.v.t.t.k", "approx", "ref", "fig",
    ]

    static func split(_ unit: Unit) -> [Sentence] {
        let chars = Array(unit.text)
        var out: [Sentence] = []
        var start = 0
        var i = 0
        func emit(_ end: Int) {
            let raw = String(chars[start..<end])
            let lead = raw.prefix(while: { $0 == " " }).count
            let t = raw.trimmedSpaces
            if !t.isEmpty { out.append(Sentence(text: t, offset: start + lead, line: unit.line(at: start + lead))) }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "." || c == "!" || c == "?", i + 1 < chars.count, chars[i + 1] == " " {
                var k = i + 1
                while k < chars.count, chars[k] == " " { k += 1 }
                let next = k < chars.count ? chars[k] : " "
                // The word before the dot: an abbreviation or a single initial does not end it.
                var w = i
                while w > 0, !chars[w - 1].isWhitespace, chars[w - 1] != "(" { w -= 1 }
                let word = Fold.string(String(chars[w..<i]))
                let isAbbrev = c == "." && (abbreviations.contains(word) || (word.count == 1 && word.first!.isLetter))
                if !isAbbrev, next.isUppercase || next.isNumber || "\"'(*[".contains(next) {
                    emit(i + 1)
                    start = i + 1
                }
            }
            i += 1
        }
        emit(chars.count)
        return out
    }
}
