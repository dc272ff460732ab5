import Foundation
import RemindCore
import Testing
@testable import MinutesImport

@Suite struct UnitRulesTests {
    static let r = LocalDate("2023-09-25")!   // a Monday
    static let cal = ImportOptions.defaultCalendar

    static func due(_ s: String) -> (String?, String?) {
        let g = DeadlinePhrases.guess(in: s, reference: r, series: "lrt", calendar: cal, allowBareDate: false)
        let d = g?.due
        return (d?.text, d?.resolve(reference: r, calendar: cal)?.description)
    }

    @Test(arguments: [
        ("X doet dit vandaag.", "2023-09-25", "2023-09-25"),
        ("X doet dit deze week.", "this week", "2023-09-29"),
        ("X kijkt de komende week naar Y.", "in 1 week", "2023-10-02"),
        ("X stuurt volgende week de brief.", "next week", "2023-10-06"),
        ("X will send it next week.", "next week", "2023-10-06"),
        ("X zal over drie weken rapporteren.", "in 3 weeks", "2023-10-16"),
        ("Bob will report in 10 working days.", "in 10 workdays", "2023-10-09"),
        ("X levert uiterlijk 1 november aan.", "2023-11-01", "2023-11-01"),
        ("X stuurt de brief voor 5 januari.", "2024-01-05", "2024-01-05"),
        ("Bob will circulate it by November 3rd.", "2023-11-03", "2023-11-03"),
        ("X doet het in oktober.", "2023-10-31", "2023-10-31"),
        ("X rondt het eind oktober af.", "2023-10-31", "2023-10-31"),
        ("X rondt het begin december af.", "2023-12-08", "2023-12-08"),
        ("X doet dit voor de zomer.", "2024-06-28", "2024-06-28"),
        ("X regelt dit voor het eind van het jaar.", "2023-12-29", "2023-12-29"),
        ("X agendeert het op de volgende LRT.", "next meeting", nil),
        ("Alice will bring it to the next call.", "next meeting", nil),
        ("X stuurt dit een week voor de volgende vergadering.", "next meeting -7d", nil),
        ("X zorgt voor een plan eind van de maand.", "end of month", "2023-09-29"),
        ("Finance to confirm by Friday.", "2023-09-29", "2023-09-29"),
        ("X doet dit in week 42.", "2023-10-20", "2023-10-20"),
    ] as [(String, String?, String?)])
    func deadlinePhrase(_ text: String, _ due: String?, _ deadline: String?) {
        let (d, dl) = Self.due(text)
        #expect(d == due, "\(text)")
        #expect(dl == deadline, "\(text)")
    }

    @Test func vagueWordsKeepNoDate() {
        for s in ["X pakt dit binnenkort op.", "Bob will do it soon.", "X doet dit z.s.m."] {
            let g = DeadlinePhrases.guess(in: s, reference: Self.r, series: nil, calendar: Self.cal, allowBareDate: false)
            #expect(g?.vague == true && g?.due == nil, "\(s)")
        }
    }

    @Test func afterEventWithExpectedWindow() {
        let text = """
        De uitspraak van de Raad van State wordt half januari verwacht.

        Actie: JenV informeert de leden direct na de uitspraak.
        """
        let r = MinutesImporter.extract(text, options: ImportOptions(meetingDate: LocalDate("2023-11-06")))
        #expect(r.items.count == 1)
        #expect(r.items.first?.due == "after raad-van-state-uitspraak +1wd")
        #expect(r.events.first?.expectedText == "mid January 2024")
        #expect(r.events.first?.title == "Uitspraak van de Raad van State")
    }

    @Test func passiveVoiceHasNoOwnerAndIsCommentedOut() throws {
        let text = "Verslag werkgroep 3 april 2024\n\nHet voorstel wordt voor de volgende vergadering geagendeerd.\n"
        let r = MinutesImporter.extract(text)
        let item = try #require(r.items.first)
        #expect(item.owner == nil && item.due == "next meeting")
        let yaml = DraftYAML.render(r)
        #expect(yaml.contains("# owner unknown"))
        #expect(yaml.contains("items: []"))
        #expect(!yaml.split(separator: "\n").contains { $0.hasPrefix("  - id:") })
    }

    @Test func conditionalsDecisionsAndDoneAreNotActions() {
        let text = """
        Notulen 2 februari 2024

        Als de begroting wordt goedgekeurd, dan zal Anna een extra medewerker werven.
        Besluit: de werkgroep stemt in met het plan.
        Bob heeft de stukken inmiddels verstuurd.
        If the vendor agrees, Chris will sign the contract.
        - [x] Dana: send the agenda
        """
        #expect(MinutesImporter.extract(text).items.isEmpty)
    }

    @Test func yamlQuotingIsSafe() {
        #expect(DraftYAML.quote("Plan: \"fase 2\" — één #1") == "\"Plan: \\\"fase 2\\\" — één #1\"")
        #expect(DraftYAML.quote("a\\b\nc") == "\"a\\\\b\\nc\"")
        #expect(DraftYAML.key("rvs-uitspraak") == "rvs-uitspraak")
        #expect(DraftYAML.key("the chairs") == "\"the chairs\"")
    }

    @Test func binaryInputIsRefusedWithAReason() throws {
        #expect(throws: UnreadableInput.self) { try MinutesText.decode(Data("%PDF-1.7\n...".utf8)) }
        #expect(throws: UnreadableInput.self) { try MinutesText.decode(Data([0x50, 0x4B, 0x03, 0x04, 1, 2])) }
        #expect(throws: UnreadableInput.self) { try MinutesText.decode(Data([0x41, 0x00, 0x42, 0x43])) }
        let cp1252 = Data([0x43, 0x72, 0x65, 0xEB, 0x65, 0x72, 0x74, 0x20, 0x93, 0x78, 0x94])   // Windows-1252, not UTF-8
        #expect(try MinutesText.decode(cp1252) == "Creëert “x”")
        #expect(try MinutesText.decode(Data("Actie: X\n".utf16BOM)) == "Actie: X\n")
    }

    @Test func sidebarTextIsRemovedAndGivesTheDate() {
        let lines = [
            "Het voorstel is besproken en wordt verder uitgewerkt door de Directie Wonen",
            "werkgroep in de komende periode. Migratie",
            "", "Datum",
            "Actie: MBZK stuurt de notitie naar de leden. 25 september 2023",
            "Verder geen punten. Directie Wonen", "De voorzitter sluit af. Migratie",
            "Bijlage volgt. Datum", "Tot slot. 25 september 2023", "Einde. Directie Wonen", "Slot. Migratie",
        ]
        let noise = PageNoise(lines: lines)
        #expect(noise.lines[4] == "Actie: MBZK stuurt de notitie naar de leden.")
        #expect(noise.lines[1] == "werkgroep in de komende periode.")
        #expect(MeetingDateFinder.find(rawLines: lines, cleanLines: noise.lines, sidebar: noise.sidebar) == LocalDate("2023-09-25"))
    }
}

extension String {
    var utf16BOM: [UInt8] {
        [0xFF, 0xFE] + Array(self.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }
}
