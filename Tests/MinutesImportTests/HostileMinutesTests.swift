import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// Minutes that crashed the importer, each in its smallest form. A Regex `\d` takes every
/// Unicode digit ("²", "₂", "᠓"), which `Int(_:)` refuses: the date patterns force-unwrapped
/// that `Int` and died with SIGILL on a six-byte file.
@Suite struct HostileMinutesTests {
    @Test(arguments: ["Mar ²", "₂ Mar", "᠓ september", "Mar ²³", "٣ maart ٢٠٢٣", "２０２３-１０-０２", "᠑᠐-᠑᠐-᠒᠐᠒᠓",
                      "Actie: X stuurt de brief voor ³ januari.", "X doet dit in week ４２."])
    func nonASCIIDigitsAreNotDates(_ text: String) throws {
        let r = MinutesImporter.extract(text, options: ImportOptions(meetingDate: LocalDate("2023-09-25")))
        #expect(r.items.allSatisfy { $0.deadline == nil })
        #expect(DateParser.dates(in: text, reference: LocalDate("2023-09-25"), numericDayMonth: true).isEmpty)
    }

    /// The byte 0xB2 after a month is read as Latin-1 "²".
    @Test func handlesInBracketsAreUnwrappedInOnePass() {
        #expect(PageNoise.unwrapNames("Actie [name=Jan] en [name=Piet]: bellen") == "Actie Jan en Piet: bellen")
        // A "]" more than 40 characters on ends the unwrapping there, as before.
        let far = "[name=" + String(repeating: "x", count: 41) + "] [name=Jan]"
        #expect(PageNoise.unwrapNames(far) == far)
        #expect(PageNoise.unwrapNames("[name=Jan] [name=zonder eind") == "Jan [name=zonder eind")
        // One line of 102 KB holding 6,000 of them (was 2 s in a release build: each
        // replacement searched the line again from its start).
        let line = String(repeating: "Notes [name=Jan] ", count: 6_000)
        #expect(PageNoise.normalizeLine(line) == String(repeating: "Notes Jan ", count: 6_000))
    }

    @Test func latin1SuperscriptAfterAMonth() throws {
        let text = try MinutesText.decode(Data([0x4D, 0x61, 0x72, 0x20, 0xB2, 0x0A]))
        _ = MinutesImporter.extract(text)
    }

    @Test func asciiDatesStillParse() {
        let found = DateParser.dates(in: "Mar 2, 2024 en 2023-10-02 en 5-11-2023", reference: nil)
        #expect(found.map(\.date.description) == ["2024-03-02", "2023-10-02", "2023-11-05"])
    }
}
