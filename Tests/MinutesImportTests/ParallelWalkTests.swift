import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// Long minutes are walked in two halves, one on each core: what the two halves find
/// together is what one walk over the whole finds.
@Suite struct ParallelWalkTests {
    static func units(_ text: String) -> [MinutesImport.Unit] {
        Segmenter.units(lines: text.components(separatedBy: "\n"))
    }

    /// A marker with only a name after a sentence owns that sentence, and the walk keeps
    /// one candidate for it. With the cut between the two, the second half's candidate
    /// must still replace the first half's.
    @Test func aMarkerRightAfterTheCutOwnsTheSentenceBeforeIt() {
        let text = "# Meeting 2024-03-01\n\n"
            + (0..<149).map { "The weather on day \($0) was discussed.\n\n" }.joined()
            + "Alice sends the report by Friday.\n\nAction: AK\n\n"
            + (0..<150).map { "The rain on day \($0) was discussed.\n\n" }.joined()
        let units = Self.units(text)
        let doc = CandidateFinder.document(units)
        let cut = CandidateFinder.splitPoint(doc)
        #expect(cut < units.count && units[cut].text == "Action: AK", "cut at \(cut): \(cut < units.count ? units[cut].text : "-")")
        let whole = CandidateFinder.walk(doc, 0..<units.count, .init())
        let found = CandidateFinder.find(units)
        #expect(found.candidates.map(\.quote) == whole.candidates.map(\.quote))
        #expect(found.candidates.map(\.owner) == ["AK"], "\(found.candidates.map(\.owner))")
    }

    /// Every fixture document, one after the other, as one long set of minutes: the same
    /// candidates, owners and rejections as one walk, in the same order.
    @Test func halvesFindWhatOneWalkFinds() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/corpus/dev")
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".md") || $0.hasSuffix(".txt") }.sorted()
        #expect(files.count >= 20)
        let text = try files.map { try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n\n")
        let units = Self.units(text)
        let doc = CandidateFinder.document(units)
        let cut = CandidateFinder.splitPoint(doc)
        #expect(cut > 0 && cut < units.count)
        let whole = CandidateFinder.walk(doc, 0..<units.count, .init())
        let found = CandidateFinder.find(units)
        #expect(found.candidates.count > 100)
        #expect(found.candidates.map(\.quote) == whole.candidates.map(\.quote))
        #expect(found.candidates.map(\.owner) == whole.candidates.map(\.owner))
        #expect(found.candidates.map(\.confidence) == whole.candidates.map(\.confidence))
        let taken = Set(whole.candidates.map(\.line))
        let rejected = whole.rejected.filter { !taken.contains($0.line) }.sorted { $0.line < $1.line }
        #expect(found.rejected.map(\.quote) == rejected.map(\.quote))
    }
}
