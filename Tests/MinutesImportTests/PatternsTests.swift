import Foundation
import Testing
@testable import MinutesImport

/// The rules' patterns are parsed with their literal runs quoted (`Patterns.regex`), which
/// the parser reads ten times faster. Quoting must not change what any of them matches.
@Suite struct PatternsTests {
    @Test func literalRunsAreQuotedAndTheRestCopied() {
        #expect(Patterns.quotingLiterals(#"\b(voor|vóór|by)\s+(?:de |the )?week\b"#)
            == #"\b(\Qvoor\E|\Qvóór\E|\Qby\E)\s+(?:\Qde \E|\Qthe \E)?\Qweek\E\b"#)
        // A quantifier applies to the one character before it, which stays outside the quote.
        #expect(Patterns.quotingLiterals("einde?n") == #"\Qeind\Ee?n"#)
        #expect(Patterns.quotingLiterals("ab{1,3}cd") == #"ab{1,3}\Qcd\E"#)
        #expect(Patterns.quotingLiterals("abc+?") == #"\Qab\Ec+?"#)
        // Classes, property escapes, counted quantifiers, group openers and options as they stand.
        #expect(Patterns.quotingLiterals(#"[A-Za-z ]{1,14}\p{Lu}x(?<name>ab)(?i:actie)(?<=ab)(?!cd)"#)
            == #"[A-Za-z ]{1,14}\p{Lu}x(?<name>\Qab\E)(?i:\Qactie\E)(?<=\Qab\E)(?!\Qcd\E)"#)
        #expect(Patterns.quotingLiterals(#"[^()\[\]]{1,60}[\)\]]"#) == #"[^()\[\]]{1,60}[\)\]]"#)
        #expect(Patterns.quotingLiterals(#"a\.s\.|z\.s\.m\.?"#) == #"a\.s\.|z\.s\.m\.?"#)
        #expect(Patterns.quotingLiterals(#"\Qa|b\E|cd"#) == #"\Qa|b\E|\Qcd\E"#)
        #expect(Patterns.quotingLiterals("^x$") == "^x$")
    }

    /// Every pattern of the rules, from its source and quoted, over every line of the
    /// fixtures and the dev corpus, as written and lowercased, and over edge cases: the same
    /// matches, with the same ranges and the same captures.
    @Test func everyRulePatternMatchesAsItsSourceDoes() throws {
        Patterns.compileAll()
        let sources = Set(Patterns.sources.withLock { $0 })
        #expect(sources.count >= 40, "patterns registered: \(sources.count)")
        var lines = Set<String>()
        for text in try ASCIIPathTests.texts() {
            for line in text.split(separator: "\n") where line.utf8.count <= 400 {
                lines.insert(String(line))
                lines.insert(line.lowercased())
            }
        }
        lines.formUnion(ASCIIPathTests.edges)
        lines.formUnion(["voor de zomer", "EIND VAN DE MAAND", "kort na de uitspraak van de Raad van State",
                         "binnen twee weken na de publicatie", "Actie: Jan", "(ACTIE: jan) x", "einde van het jaar",
                         "vóór 1 mei 2024", "by 3rd of June, 2024", "in het vierde kwartaal", "the next steering group"])
        let all = Array(lines)
        var compared = 0
        for source in sources.sorted() {
            let plain = try Regex(source), quoted = try Regex(Patterns.quotingLiterals(source))
            for line in all {
                let a = line.matches(of: plain), b = line.matches(of: quoted)
                guard a.count == b.count else {
                    Issue.record("\(source) on \(line): \(a.count) matches, quoted \(b.count)")
                    continue
                }
                for (x, y) in zip(a, b) {
                    let same = x.output.count == y.output.count
                        && zip(x.output, y.output).allSatisfy { $0.range == $1.range }
                    #expect(same, "\(source) on \(line)")
                }
                compared += a.count
            }
        }
        #expect(compared > 1_000, "matches compared: \(compared)")
    }
}
