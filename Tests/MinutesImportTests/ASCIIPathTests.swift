import Foundation
import Testing
@testable import MinutesImport

/// Plain ASCII text is tokenised and split into sentences on its bytes; every other text
/// Character by Character. Both must give the same result wherever the byte path applies:
/// over every line and paragraph of the fixtures and the dev corpus, and over edge cases.
@Suite struct ASCIIPathTests {
    static let edges = [
        "Actie: JenV neemt contact op met IPO/CdK vóór 1-11.", "e-mail m.b.t. PRT's om 12:00, 1/11 en 2023-II",
        "MvdB/RO en JenV/MBZK.  Dr. Smit zegt: ok!  Nog iets? (Ja.) \"Zeker.\" [x] *vet*",
        "a.s. maandag, d.w.z. t.z.t. Fig. 3 toont het", "  \t leading and trailing \t ", "A. B. C. D", "x", "",
        "tab\there and\u{0B}vertical\u{0C}feed", "end with dot.", "AT&T's R&D-plan: 3.5 of 4/5", "--- *** ...",
    ]

    static func texts() throws -> [String] {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        var out: [String] = []
        for dir in [fixtures, fixtures.appendingPathComponent("corpus/dev")] {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            where name.hasSuffix(".md") || name.hasSuffix(".txt") {
                out.append(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))
            }
        }
        return out
    }

    static func plain(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } }

    @Test func tokensOnBytesAgreeWithTokensOnCharacters() throws {
        var checked = 0
        for text in try Self.texts() {
            for line in text.split(separator: "\n").map(String.init) + Self.edges where Self.plain(line) {
                #expect(Tokenizer.asciiTokens(line) == Tokenizer.characterTokens(line), "\(line)")
                checked += 1
            }
        }
        #expect(checked > 1_000, "lines checked: \(checked)")
        #expect(Tokenizer.asciiTokens("café") == nil && Tokenizer.asciiTokens("a\r\nb") == nil)
    }

    @Test func sentencesOnBytesAgreeWithSentencesOnCharacters() throws {
        var checked = 0
        for text in try Self.texts() + [Self.edges.joined(separator: " ")] {
            for unit in Segmenter.units(lines: text.components(separatedBy: "\n")) {
                var t = unit.text
                guard let bytes = t.withUTF8({ Tokenizer.isPlainASCII($0) ? Sentences.splitASCII($0, unit) : nil })
                else { continue }
                let chars = Sentences.splitCharacters(unit)
                #expect(bytes.map { "\($0.offset)/\($0.line)/\($0.text)" } == chars.map { "\($0.offset)/\($0.line)/\($0.text)" },
                        "\(unit.text)")
                checked += 1
            }
        }
        #expect(checked > 500, "units checked: \(checked)")
    }
}
