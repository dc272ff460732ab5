import Foundation
import Testing
@testable import RemindCore

/// RFC 5545's text rules: escaping (§3.3.11) and folding at 75 octets (§3.1).
@Suite struct ICalTextTests {
    static func folded(_ line: String) -> [UInt8] {
        var out: [UInt8] = []
        ICalText.appendFolded(line, to: &out)
        return out
    }

    /// Every physical line at most 75 octets, each valid UTF-8 on its own, continuation
    /// lines starting with one space, and unfolding giving the line back.
    static func checkFolding(_ line: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let lines = ICalReading.physicalLines(folded(line))
        guard let lines else { Issue.record("a line end that is not CRLF", sourceLocation: sourceLocation); return }
        for (i, l) in lines.enumerated() {
            #expect(l.count <= 75, "line \(i) has \(l.count) octets", sourceLocation: sourceLocation)
            #expect(String(validating: l, as: UTF8.self) != nil, "line \(i) cut inside a UTF-8 sequence",
                    sourceLocation: sourceLocation)
            if i > 0 { #expect(l.first == 0x20, sourceLocation: sourceLocation) }
        }
        let unfolded = lines.enumerated().flatMap { i, l in i == 0 ? l : Array(l.dropFirst()) }
        #expect(unfolded == Array(line.utf8), sourceLocation: sourceLocation)
    }

    @Test func separatorsBackslashesAndLineBreaksAreEscaped() {
        #expect(ICalText.escape(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalText.escape("een\ntwee\r\ndrie\rvier") == #"een\ntwee\ndrie\nvier"#)
        #expect(ICalText.escape("\r\n\r\n") == #"\n\n"#)
        #expect(ICalText.escape("BEGIN:VEVENT") == "BEGIN:VEVENT", "a colon needs no escape in a value")
    }

    @Test func controlCharactersAreDroppedButTabsStay() {
        #expect(ICalText.escape("a\u{0}b\u{7}c\u{1B}[0md\u{7F}e\u{85}f\u{9F}g") == "abc[0mdefg")
        #expect(ICalText.escape("a\tb") == "a\tb")
        // U+00A0 and U+00C2 are no controls, though they share bytes with the C1 range.
        #expect(ICalText.escape("a\u{A0}b Â\u{80}") == "a\u{A0}b Â")
        #expect(ICalText.kept("a\u{0}b\r\nc\u{85}d\te") == "ab\ncd\te")
    }

    @Test func dutchDiacriticsAndEmojiArePassedThrough() {
        let title = "Oekraïense ontheemden: café, financiën; één 🏠👩🏽‍💻"
        #expect(ICalText.escape(title) == #"Oekraïense ontheemden: café\, financiën\; één 🏠👩🏽‍💻"#)
        #expect(ICalReading.unescape(ICalText.escape(title)) == title)
    }

    @Test func aLineOf75OctetsIsNotFolded() {
        let line = "SUMMARY:" + String(repeating: "a", count: 67)
        #expect(Self.folded(line) == Array((line + "\r\n").utf8))
        let longer = line + "b"
        #expect(Self.folded(longer) == Array((line + "\r\n b\r\n").utf8))
    }

    @Test func continuationLinesHold74OctetsAfterTheirSpace() {
        let line = String(repeating: "x", count: 75 + 74 + 74 + 3)
        let lines = ICalReading.physicalLines(Self.folded(line))!
        #expect(lines.map(\.count) == [75, 75, 75, 4])
        Self.checkFolding(line)
    }

    /// The cut moves back to the start of a character when a 2-, 3- or 4-octet sequence
    /// would straddle octet 75, for every position it can start at.
    @Test(arguments: ["é", "€", "🏠"])
    func multiOctetCharactersAreNeverSplit(_ char: String) {
        let width = char.utf8.count
        for prefix in (75 - width - 2)...76 {
            let line = String(repeating: "a", count: prefix) + char + String(repeating: "b", count: 80)
            Self.checkFolding(line)
            let first = ICalReading.physicalLines(Self.folded(line))![0]
            let expected = prefix < 75 && prefix + width > 75 ? prefix : 75
            #expect(first.count == expected, "prefix \(prefix): first line \(first.count) octets")
        }
    }

    @Test func textOfOnlyMultiOctetCharactersFolds() {
        Self.checkFolding("SUMMARY:" + String(repeating: "ë", count: 300))
        Self.checkFolding("SUMMARY:" + String(repeating: "👩🏽‍💻", count: 60))
        Self.checkFolding("SUMMARY:" + String(repeating: "€a", count: 100))
        Self.checkFolding("")
    }

    @Test func randomTextFoldsAndComesBack() {
        var rng = SplitMix(seed: 20231002)
        let pool: [Unicode.Scalar] = ["a", " ", ";", ",", "\\", "é", "ï", "€", "ё", "你", "🏠", "\u{301}", "\u{200D}", "\n", "\r", "\u{0}", "\u{85}", "\t"]
        for _ in 0..<300 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 400) { s.append(pool[Int(rng.next() % UInt64(pool.count))]) }
            let text = String(s)
            let line = "SUMMARY:" + ICalText.escape(text)
            Self.checkFolding(line)
            var out: [UInt8] = []
            ICalText.appendFolded(line, to: &out)
            #expect(ICalReading.value("SUMMARY", in: String(decoding: out, as: UTF8.self)) == ICalText.kept(text))
        }
    }
}

/// A small deterministic generator, so a failing case can be run again.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
