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
        var text = unit.text
        let sentences = text.withUTF8({ Tokenizer.isPlainASCII($0) ? splitASCII($0, unit) : nil }) ?? splitCharacters(unit)
        let cutAtBreaks = unit.breaks.isEmpty ? sentences : cut(sentences, at: unit.breaks, unit)
        return cutAtBreaks.contains(where: mayCoordinate) ? cutAtBreaks.flatMap { coordinated($0, unit) } : cutAtBreaks
    }

    /// Whether a second clause with a named subject can start in the text: " en ", " and "
    /// or "; " before a capital, "*", "@" or a letter beyond ASCII. Most "and"s join words.
    static func mayCoordinate(_ s: Sentence) -> Bool {
        var text = s.text
        return text.withUTF8 { b in
            let n = b.count
            var i = 0
            while i + 3 < n {
                var next = -1
                if b[i] == 0x20, b[i + 1] == 0x65, b[i + 2] == 0x6E, b[i + 3] == 0x20 { next = i + 4 }            // " en "
                else if b[i] == 0x20, i + 4 < n, b[i + 1] == 0x61, b[i + 2] == 0x6E, b[i + 3] == 0x64, b[i + 4] == 0x20 { next = i + 5 }  // " and "
                else if b[i] == 0x3B, b[i + 1] == 0x20 { next = i + 2 }                                          // "; "
                if next >= 0, next < n, b[next] >= 0x41 && b[next] <= 0x5A || b[next] == 0x2A || b[next] == 0x40 || b[next] >= 0x80 {
                    return true
                }
                i += 1
            }
            return false
        }
    }

    /// "**Rien** maakt de reservatie, en **Wout** en **Ilion** doen de mail": two clauses,
    /// each with a subject and a verb of its own, are two sentences (two actions).
    static func coordinated(_ s: Sentence, _ unit: Unit) -> [Sentence] {
        guard mayCoordinate(s) else { return [s] }
        let tokens = Tokenizer.tokens(s.text).filter { !["*", "_"].contains($0.text) }
        for (k, t) in tokens.enumerated() where k >= 3 && (t.text == ";" || t.text == "," && k + 1 < tokens.count
                                                             && ["en", "and"].contains(tokens[k + 1].folded)
                                                             || ["en", "and"].contains(t.folded) && tokens[k - 1].text != ",") {
            let start = t.text == ";" ? k + 1 : t.text == "," ? k + 2 : k + 1
            let bare = t.text != ";" && t.text != ","
            guard let (_, e) = ActorParser.parseList(tokens, start), e < tokens.count,
                  Lexicon.modals.contains(tokens[e].folded)
                    // Without a comma only a finite verb: "met IPO en CdK contact opnemen" is one clause.
                    || (bare ? Clauses.dutchFiniteCommitment(tokens[e].folded)
                             : Lexicon.commitVerbs.contains(tokens[e].folded) || tokens[e].folded == "to"),
                  // The clause before has a verb of its own: one of the lists, or a name and
                  // at least two words after it ("Hedde koopt wat in en Johan zal …").
                  tokens[..<k].contains(where: { Lexicon.modals.contains($0.folded) || Lexicon.commitVerbs.contains($0.folded) })
                    || ActorParser.parseList(tokens, 0).map { $0.end + 2 <= k && tokens[$0.end].text.first?.isLowercase == true } == true
            else { continue }
            let chars = Array(s.text)
            let cutAt = tokens[start].start
            // Emphasis before the name ("**Wout**") belongs to the second clause.
            var from = cutAt
            while from > 0, "*_".contains(chars[from - 1]) { from -= 1 }
            let head = String(chars[..<tokens[k].start]).trimmedSpaces
            let tail = String(chars[from...]).trimmedSpaces
            guard !head.isEmpty, !tail.isEmpty else { continue }
            let second = Sentence(text: tail, offset: s.offset + from, line: unit.line(at: s.offset + from))
            return [Sentence(text: head, offset: s.offset, line: s.line)] + coordinated(second, unit)
        }
        return [s]
    }

    /// The sentences cut again where a joined line begins a sentence of its own
    /// (`Unit.breaks`); offsets are in characters of the unit's text.
    static func cut(_ sentences: [Sentence], at breaks: [Int], _ unit: Unit) -> [Sentence] {
        var out: [Sentence] = []
        for s in sentences {
            var rest = s
            for b in breaks where b > rest.offset && b < rest.offset + rest.text.count {
                let k = b - rest.offset
                let head = String(rest.text.prefix(k)).trimmedSpaces
                let tail = String(rest.text.dropFirst(k))
                let lead = tail.prefix(while: { $0 == " " }).count
                let t = tail.trimmedSpaces
                guard !head.isEmpty, !t.isEmpty else { continue }
                out.append(Sentence(text: head, offset: rest.offset, line: rest.line))
                rest = Sentence(text: t, offset: b + lead, line: unit.line(at: b + lead))
            }
            out.append(rest)
        }
        return out
    }

    /// `split` for any text, Character by Character; `splitASCII` must agree with it.
    static func splitCharacters(_ unit: Unit) -> [Sentence] {
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

    /// `split` for plain ASCII text (a byte a character), on its bytes: the same cuts,
    /// without an array of Characters and a String per word before a full stop.
    static func splitASCII(_ b: UnsafeBufferPointer<UInt8>, _ unit: Unit) -> [Sentence] {
        let n = b.count
        var out: [Sentence] = []
        var start = 0
        func emit(_ end: Int) {
            var lead = start
            while lead < end, b[lead] == 0x20 { lead += 1 }
            // trimmedSpaces: spaces and tabs off both ends.
            var lo = start, hi = end
            while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
            while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
            if lo < hi {
                out.append(Sentence(text: String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self),
                                    offset: lead, line: unit.line(at: lead)))
            }
        }
        @inline(__always) func isSpace(_ x: UInt8) -> Bool { x == 0x20 || (x >= 0x09 && x <= 0x0D) }
        var i = 0
        while i < n {
            let c = b[i]
            if c == 0x2E || c == 0x21 || c == 0x3F, i + 1 < n, b[i + 1] == 0x20 {
                var k = i + 1
                while k < n, b[k] == 0x20 { k += 1 }
                let next: UInt8 = k < n ? b[k] : 0x20
                var w = i
                while w > 0, !isSpace(b[w - 1]), b[w - 1] != 0x28 { w -= 1 }
                let word = Tokenizer.foldedASCII(UnsafeBufferPointer(rebasing: b[w..<i]))
                let isAbbrev = c == 0x2E && (abbreviations.contains(word)
                    || (i - w == 1 && ((b[w] >= 0x41 && b[w] <= 0x5A) || (b[w] >= 0x61 && b[w] <= 0x7A))))
                // A capital, a digit, or " ' ( * [
                let opens = (next >= 0x41 && next <= 0x5A) || (next >= 0x30 && next <= 0x39)
                    || next == 0x22 || next == 0x27 || next == 0x28 || next == 0x2A || next == 0x5B
                if !isAbbrev, opens {
                    emit(i + 1)
                    start = i + 1
                }
            }
            i += 1
        }
        emit(n)
        return out
    }
}
