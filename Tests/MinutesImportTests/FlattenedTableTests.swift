import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// Action tables that a conversion to text flattened into lines of words, and the names
/// that end their rows.
@Suite struct FlattenedTableTests {
    static let date = LocalDate(year: 2017, month: 9, day: 25)

    static func items(_ text: String) -> [DraftItem] {
        MinutesImporter.extract(text, options: ImportOptions(meetingDate: date)).items
    }

    @Test func headersOfFlattenedTables() {
        #expect(Segmenter.flatTableHeader("Datum Omschrijving Naam Einddatum Voltooid") == true)
        #expect(Segmenter.flatTableHeader("Nr Actie Wie Wanneer") == false)
        #expect(Segmenter.flatTableHeader("Action Owner Due Status") == false)
        // Not a header: a sentence, column names without an action column, too few words.
        #expect(Segmenter.flatTableHeader("Actie wie doet wat") == nil)
        #expect(Segmenter.flatTableHeader("Datum Naam Status") == nil)
        #expect(Segmenter.flatTableHeader("Actie Wie") == nil)
    }

    @Test func eachLineUnderTheHeaderIsARowWithItsOwnerAtTheEnd() {
        let text = """
        Notulen MR 25-09-2017

        Aanwezig: Luc, Jeanne, Moniek, Finn

        1. Opening
        Luc opent de vergadering.

        Actiepunten:
        Datum Omschrijving Naam Einddatum Voltooid
        8-2-2017 Stukje schrijven voor op de website Finn
        6-4-2017 Vacature MR Jeanne Apr 2017
        8-2-2017 Zaal reserveren voor de info-avond Moniek

        Volgende vergadering: 10 december 2017
        """
        let found = Self.items(text)
        #expect(found.map(\.owner) == ["Finn", "Jeanne", "Moniek"], "\(found.map(\.quote))")
        // The date the action was raised is no deadline, nor part of the action.
        #expect(found.allSatisfy { !$0.quote.hasPrefix("8-2-2017") && !$0.quote.hasPrefix("6-4-2017") }, "\(found.map(\.quote))")
        #expect(found.allSatisfy { $0.deadline.map { $0 >= Self.date } ?? true }, "\(found.map(\.deadline))")
    }

    @Test func whoAfterACommaWithDoorOrBy() {
        #expect(TrailingOwner.find("Brief opstellen, door Jan") == ["Jan"])
        #expect(TrailingOwner.find("Draft the letter, by Anna.") == ["Anna"])
        #expect(TrailingOwner.find("Draft the letter, by next week.") == nil)
        #expect(TrailingOwner.find("Brief opstellen, door de gemeente te ondertekenen") == nil)
    }

    @Test func onlyNamesTheRosterKnowsEndAnEntry() {
        var roster = Roster(lines: ["Aanwezig: Luc, Jeanne, Finn"])
        #expect(TrailingOwner.onRoster("Stukje schrijven voor de website Finn", roster: roster) == ["Finn"])
        #expect(TrailingOwner.onRoster("Vacature MR Jeanne Apr 2017", roster: roster) == ["Jeanne"])
        #expect(TrailingOwner.onRoster("Agenda rondsturen Luc/Jeanne 12-03", roster: roster) == ["Luc", "Jeanne"])
        #expect(TrailingOwner.onRoster("Kamer reserveren in Utrecht", roster: roster) == nil)
        // The one the action goes to, or is thanked, does not do it.
        #expect(TrailingOwner.onRoster("Notulen doorsturen naar Finn", roster: roster) == nil)
        #expect(TrailingOwner.onRoster("Met dank aan Jeanne voor de koffie en Finn", roster: roster) == ["Finn"])
        #expect(TrailingOwner.onRoster("Send the slides to Finn", roster: roster) == nil)
        // "Jan" is a month and a name.
        let withJan = Roster(lines: ["Aanwezig: Jan, Finn"])
        #expect(TrailingOwner.onRoster("Agenda rondsturen aan de leden Jan 12-03", roster: withJan) == ["Jan"])
        // At least two words stay for the action.
        #expect(TrailingOwner.onRoster("Stukje Finn", roster: roster) == nil)
        roster = .empty
        #expect(TrailingOwner.onRoster("Stukje schrijven voor de website Finn", roster: roster) == nil)
    }

    /// The rows end at a blank line, and also at a bullet, a table row or a numbered heading.
    @Test func theRowsEndWhereTheTableEnds() {
        let text = """
        Notulen MR 25-09-2017

        Aanwezig: Luc, Jeanne, Moniek, Finn

        Actiepunten:
        Datum Omschrijving Naam Einddatum Voltooid
        8-2-2017 Stukje schrijven voor op de website Finn
        2. Rondvraag
        Moniek vraagt naar de planning van de info-avond en
        de datum van de volgende ouderavond.
        - Luc zal de planning rondsturen voor vrijdag.
        """
        let units = Segmenter.units(lines: text.components(separatedBy: "\n"))
        #expect(!units.contains { $0.kind == .paragraph && $0.text.contains("Rondvraag") }, "\(units.map(\.text))")
        // The wrapped sentence under the heading stays one paragraph.
        #expect(units.contains { $0.text == "Moniek vraagt naar de planning van de info-avond en de datum van de volgende ouderavond." },
                "\(units.map(\.text))")
        #expect(units.first { $0.text.hasPrefix("Stukje") }?.lineStarts.first?.offset == 0)
        #expect(Segmenter.flatTableHeader("Datum    Omschrijving    Naam    Einddatum") == true)
    }

    /// A name that ends several lines and occurs nowhere else looks like a sidebar of a
    /// PDF; a person listed as present is not one.
    @Test func aPersonPresentIsNoSidebar() {
        let lines = ["Aanwezig: Luc, Jeanne, Finn", "", "Het stukje voor de website schrijft Finn",
                     "", "De foto's voor het jaarverslag maakt Finn"]
        let noise = PageNoise(lines: lines)
        #expect(noise.sidebar.isEmpty, "\(noise.sidebar)")
        #expect(noise.lines[2].hasSuffix("Finn"))
    }
}
