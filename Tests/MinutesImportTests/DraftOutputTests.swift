import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// The draft as the config loader and scripts see it: owners as valid person ids, the
/// names as written beside them, and a YAML file that a main config can include.
@Suite struct DraftOutputTests {
    @Test(arguments: [
        ("MvdB", "MvdB"), ("JenV", "JenV"), ("VNG-regio", "VNG-regio"), ("the chairs", "the-chairs"),
        ("Jan de Vries", "jan-de-vries"), ("G. Walsh", "g-walsh"), ("Financiën", "financien"),
        ("PRT's", "prts"), ("de secretaris-directeur", "de-secretaris-directeur"), ("Wethouder Yilmaz", "wethouder-yilmaz"),
    ])
    func personIDs(_ name: String, _ id: String) {
        #expect(Slug.personID(name) == id)
        #expect(Slug.personID(name).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
    }

    static let minutes = """
    Verslag werkgroep Wijkaanpak
    Datum: 3 april 2024
    Aanwezig: Jan de Vries (voorzitter), Marco van den Berg (MvdB), Priya Shah

    1. Stand van zaken
    De uitspraak van de Raad van State wordt half mei verwacht.
    Jan de Vries zal in overleg met MvdB de planning voor 1 mei aanpassen.
    It was agreed that the chairs will write to the council before the next meeting.
    MvdB informeert de bewoners direct na de uitspraak.
    De notitie wordt voor de volgende vergadering geagendeerd.
    """

    @Test func jsonGivesTheIdAndTheNameAsWritten() throws {
        let r = MinutesImporter.extract(Self.minutes)
        let json = try JSONSerialization.jsonObject(with: Data(DraftJSON.render(r).utf8)) as! [String: Any]
        let items = json["items"] as! [[String: Any]]
        let jan = try #require(items.first { ($0["owner_name"] as? String) == "Jan de Vries" })
        #expect(jan["owner"] as? String == "jan-de-vries")
        #expect(jan["with"] as? [String] == ["MvdB"])
        #expect(jan["deadline"] as? String == "2024-05-01")
        let chairs = try #require(items.first { ($0["owner_name"] as? String) == "the chairs" })
        #expect(chairs["owner"] as? String == "the-chairs")
        #expect(chairs["due"] as? String == "next meeting")
        #expect(items.contains { $0["owner"] is NSNull && $0["owner_name"] is NSNull }, "the passive item has no owner")
    }

    @Test func yamlListsOwnersByIdWithTheirNames() {
        let y = DraftYAML.render(MinutesImporter.extract(Self.minutes))
        #expect(y.contains("#   jan-de-vries: Jan de Vries\n"))
        #expect(y.contains("#   MvdB: MvdB (Marco van den Berg)\n"))
        #expect(y.contains("#   the-chairs: the chairs\n"))
        #expect(y.contains("  owner: jan-de-vries\n") && y.contains("  with: [MvdB]\n"))
    }

    /// The draft, included from a main config that defines its people, loads.
    @Test func draftIncludedFromAConfigLoads() throws {
        let r = MinutesImporter.extract(Self.minutes)
        #expect(r.items.count == 4)
        #expect(r.peopleSeen.map(\.id) == ["jan-de-vries", "MvdB", "the-chairs"])
        let config = try DraftInclusion.load(DraftYAML.render(r), people: r.peopleSeen.map(\.id))
        // The passive item is commented out until someone owns it.
        #expect(config.items.count == 3)
        #expect(Set(config.items.map(\.owner)) == ["jan-de-vries", "MvdB", "the-chairs"])
    }

    /// Without the people the same draft fails, naming the missing id: the test above is
    /// not passing by accident.
    @Test func draftWithoutItsPeopleDoesNotLoad() throws {
        let r = MinutesImporter.extract(Self.minutes)
        #expect { try DraftInclusion.load(DraftYAML.render(r), people: ["MvdB"]) } throws: { "\($0)".contains("jan-de-vries") }
    }
}
