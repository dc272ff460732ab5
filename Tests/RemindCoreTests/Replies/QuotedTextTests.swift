import Testing
@testable import RemindCore

/// What cuts a reply's quoted history, and what the reply is when it is written inline.
@Suite struct QuotedTextTests {
    static let reminder = "Herinnering: de deadline van deze actie is over 2 dagen.\n\nAfgerond? Antwoord met klaar."

    @Test(arguments: [
        "> quoted",
        "   > quoted after spaces",
        "On Sat, 7 Oct 2023 at 10:12, Remindd <lrt@example.org> wrote:",
        "On Sat, 7 Oct 2023 at 10:12, Remindd <lrt@example.org>\nwrote:",
        "On Saturday, 7 October 2023,\nRemindd <lrt+abc@example.org>\nwrote:",
        "Op za 7 okt 2023 om 10:12 schreef Remindd <lrt@example.org>:",
        "Op za 7 okt 2023 om 10:12 schreef Remindd <\nlrt@example.org>:",
        "Op 7 okt. 2023, om 10:12 heeft Remindd <lrt@example.org> het volgende geschreven:",
        "Op 07-10-2023 om 10:12 schreef Remindd:",
        "Remindd <lrt@example.org> schreef:",
        "Remindd <lrt@example.org> wrote:",
        "Am 07.10.2023 um 10:12 schrieb Remindd:",
        "Le sam. 7 oct. 2023 à 10:12, Remindd <lrt@example.org> a écrit :",
        "-----Original Message-----",
        "-----Oorspronkelijk bericht-----",
        "---------- Forwarded message ---------",
        "________________________________",
        "Van: Remindd <lrt@example.org>\nVerzonden: zaterdag 7 oktober 2023 10:12",
        "From: Remindd <lrt@example.org>\nSent: Saturday, October 7, 2023 10:12 AM",
        "Van: Remindd\nDatum: 7 oktober 2023",
        "*From:* Remindd <lrt@example.org>\n*Date:* Saturday",
        "From: Remindd <lrt@example.org>\n\nTo: Anne",
        "-- ",
        "--",
    ])
    func historyStartsAt(_ marker: String) {
        let text = "klaar, zie bijlage\n\nGroet,\nAnne\n\n" + marker + "\n" + Self.reminder
        #expect(QuotedText.cut(text) == "klaar, zie bijlage\n\nGroet,\nAnne")
    }

    @Test(arguments: [
        "On my way",                       // no "wrote:"
        "Op maandag lever ik het aan.",    // no "schreef"
        "From: the minutes, point 3",      // no header line follows
        "Van: het secretariaat",
        "----",
        "__",
        "Sent from my iPhone",
        "--\u{20}\u{20}x",
    ])
    func notHistory(_ line: String) {
        let text = "klaar\n" + line + "\nmeer tekst"
        #expect(QuotedText.cut(text) == text)
    }

    @Test func inlineTheReplyIsTheFirstUnquotedBlock() {
        let text = """
            On 07-10-2023 10:12, Remindd wrote:
            > Herinnering: de deadline is over 2 dagen.
            >
            > Actie: BAK OEK agenderen

            uitstel 1 week

            > Eigenaar: SJenV

            nog een opmerking
            """
        #expect(QuotedText.cut(text) == "uitstel 1 week")
        #expect(QuotedText.cut("> a\n> b\n\n\ngedaan\n-- \nJan") == "gedaan")
        #expect(QuotedText.cut("> a\n>b\n") == "")
    }

    /// Below an Outlook header, a separator or a signature everything is the old message:
    /// its words are never read as the reply, even with nothing written above.
    @Test(arguments: ["Van: Remindd\nVerzonden: zaterdag\n\nklaar", "-----Original Message-----\nklaar",
                      "________________________________\nklaar", "-- \nklaar"])
    func nothingAboveASeparatorIsAnEmptyReply(_ text: String) {
        #expect(QuotedText.cut(text) == "")
        #expect(QuotedText.cut("\n\n" + text) == "")
    }

    @Test func blankLinesAtTheEndsAreTrimmedAndInsideKept() {
        #expect(QuotedText.cut("\n\n  \nklaar\n\nJan\n\n") == "klaar\n\nJan")
        #expect(QuotedText.cut("") == "")
    }

    @Test func aLongLineIsNeverAnAttribution() {
        let long = "On " + String(repeating: "x", count: 500) + " wrote:"
        #expect(QuotedText.cut("klaar\n" + long) == "klaar\n" + long)
    }
}
