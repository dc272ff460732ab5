import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// `--explain` says why each item was taken and why a sentence that looks like an action
/// was not; the items scored below `--min-confidence` stay in the YAML, commented out with
/// their quote, and switching one on gives a config that still loads.
@Suite struct ExplainAndDoubtfulTests {
    static let minutes = """
    Verslag werkgroep 25 september 2023

    Actie: Jan stuurt de planning rond voor vrijdag.

    Piet deelt de presentatie met de leden.

    Als de begroting klopt, zal Anna het rapport versturen.

    Besluit: de werkgroep gaat akkoord met het plan.
    """

    static func result() -> ImportResult { MinutesImporter.extract(minutes) }

    @Test func everyItemSaysWhyItWasTaken() {
        let r = Self.result()
        let jan = r.items.first { $0.owner == "Jan" }
        #expect(jan != nil, "\(r.items.map(\.title))")
        #expect(jan?.why.contains { $0.contains("marked as an action") && $0.contains("Actie") } == true, "\(jan?.why ?? [])")
        #expect(jan?.why.contains { $0.contains("deadline from") } == true)
        #expect(r.items.allSatisfy { !$0.why.isEmpty })
    }

    @Test func sentencesThatLookLikeActionsSayWhyNot() {
        let r = Self.result()
        #expect(r.rejected.contains { $0.quote.hasPrefix("Als de begroting") && $0.reason.contains("conditional") }, "\(r.rejected)")
        #expect(r.rejected.contains { $0.quote.hasPrefix("Besluit:") && $0.reason.contains("decision") }, "\(r.rejected)")
        let doubtful = r.doubtful.first { $0.owner == "Piet" }
        #expect(doubtful?.why.last?.hasPrefix("scored 0.") == true, "\(doubtful?.why ?? [])")
        let text = DraftExplain.render(r)
        #expect(text.contains("Taken (1):"))
        #expect(text.contains("why: marked as an action"))
        #expect(text.contains("Possible, below --min-confidence"))
        #expect(text.contains("why not: conditional"))
    }

    @Test func lowConfidenceItemsStayInTheYAMLCommentedOutWithTheirQuote() {
        let yaml = DraftYAML.render(Self.result())
        #expect(yaml.contains("  # - id: piet-"), "\(yaml)")
        #expect(yaml.contains("  #   # Piet deelt de presentatie met de leden."), "\(yaml)")
        #expect(!yaml.contains("\n  - id: piet-"))
    }

    /// Writes the draft beside a main config that defines everyone it names, and loads it.
    static func load(_ draft: String) throws -> Config {
        try DraftInclusion.load(draft, people: Self.result().peopleSeen.map(\.id))
    }

    @Test func theDraftLoadsAndStillLoadsWithAPossibleActionSwitchedOn() throws {
        let r = Self.result()
        let yaml = DraftYAML.render(r)
        let before = try Self.load(yaml)
        #expect(before.items.map(\.owner) == ["Jan"])
        // Switch on Piet's: remove "# " from each line of its block, as the comment says.
        let id = try #require(r.doubtful.first { $0.owner == "Piet" }?.id)
        var lines = yaml.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "  # - id: \(id)"))
        var k = start
        while k < lines.count, lines[k].hasPrefix("  # "), k == start || !lines[k].hasPrefix("  # - id:") {
            lines[k] = "  " + lines[k].dropFirst(4)
            k += 1
        }
        let after = try Self.load(lines.joined(separator: "\n"))
        #expect(after.items.map(\.owner).sorted() == ["Jan", "Piet"], "\(lines.joined(separator: "\n"))")
    }
}
