import Foundation
import Testing
@testable import RemindDelivery

/// The text steps around the templates — the subject made one line, the body tidied — run on
/// bytes where they can; each must give exactly what the Character- and scalar-based code
/// it replaced gave.
@Suite struct MessageTextTests {
    /// `MailHeader.sanitize` as it was: every scalar looked at.
    static func referenceSanitize(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            out.append(v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) ? " " : u)
        }
        return String(out)
    }

    /// The subject line as `MessageRenderer.render` made it before.
    static func referenceOneLine(_ s: String) -> String {
        referenceSanitize(s).split(separator: " ").joined(separator: " ")
    }

    /// Spaces, controls, and scalars that join a space to a grapheme cluster: combining
    /// marks, ZWJ and variation selectors after one, prepended concatenation marks before.
    static let pieces = [
        "a", "Zz", "ü", "ß", "é", " ", "  ", "\t", "\r\n", "\n", "\r", "\0", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}",
        "\u{301}", " \u{301}", "\u{600}", "\u{600} ", "\u{200D}", "\u{FE0F}", "👩‍👩‍👧", "🇳🇱", "Ünï", "\u{2028}", "x y", "=?",
    ]

    static func randomText(_ rng: inout CompiledTemplateTests.Rng, maxPieces: Int = 14) -> String {
        (0..<Int.random(in: 0...maxPieces, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    @Test func subjectLineIsWhatSplittingOnCharactersGave() {
        let samples = ["", " ", "   ", "Herinnering: x (deadline ma 2 okt)", "  [sent late]  Due today: a\r\nBcc: b  ",
                       "Oekraïense ontheemden", "a \u{301}b", "\u{600} a", "a \u{600}", "tab\there", "één  twee", "x\u{85}y"]
        for s in samples { #expect(MessageRenderer.oneLine(s) == Self.referenceOneLine(s), "\(s.debugDescription)") }
        var rng = CompiledTemplateTests.Rng(state: 42)
        for _ in 0..<5000 {
            let s = Self.randomText(&rng)
            #expect(MessageRenderer.oneLine(s) == Self.referenceOneLine(s), "\(s.debugDescription)")
        }
    }

    @Test func sanitizeIsUnchanged() {
        var rng = CompiledTemplateTests.Rng(state: 43)
        for _ in 0..<5000 {
            let s = Self.randomText(&rng)
            #expect(MailHeader.sanitize(s) == Self.referenceSanitize(s), "\(s.debugDescription)")
            #expect(MailHeader.hasControls(s) == (Self.referenceSanitize(s) != s), "\(s.debugDescription)")
        }
    }

    @Test func tidyIsWhatTheLineByLineTidyGave() {
        var rng = CompiledTemplateTests.Rng(state: 44)
        let lines = ["", " ", "\t", " \t ", "Actie:        x", "  - a (b)", "--\u{20}", "ü", "\u{A0}", "x  "]
        for _ in 0..<5000 {
            let s = (0..<Int.random(in: 0...20, using: &rng)).map { _ in lines.randomElement(using: &rng)! }
                .joined(separator: Bool.random(using: &rng) ? "\n" : "\n\n")
                + (Bool.random(using: &rng) ? "\n" : "")
            #expect(MessageRenderer.tidy(s) == FastPathTests.referenceTidy(s), "\(s.debugDescription)")
        }
    }
}
