import Testing
@testable import RemindCore

/// The first words of a reply, Dutch and English, as the table in docs/replies.md says.
@Suite struct ReplyGrammarTests {
    static func command(_ text: String) -> ReplyCommand? { ReplyGrammar.command(in: text) }

    @Test(arguments: ["klaar", "Klaar!", "KLAAR.", "gedaan", "Afgerond, zie bijlage", "done", "Done - thanks",
                      "  klaar  ", "\n\n  Gedaan\n\nGroet", "*klaar*", "klaar: uitstel was niet nodig"])
    func done(_ text: String) {
        #expect(Self.command(text) == .done)
    }

    @Test(arguments: ["heropen", "Heropen graag", "reopen", "Reopen: the ruling moved"])
    func reopen(_ text: String) {
        #expect(Self.command(text) == .reopen)
    }

    @Test(arguments: [
        ("uitstel 3 dagen", 3), ("Uitstel 1 dag", 1), ("uitstel 2 weken", 14), ("uitstel 1 week", 7),
        ("uitstel een week", 7), ("uitstel één week", 7), ("uitstel twee weken", 14), ("uitstel tien dagen", 10),
        ("Uitstel met 4 dagen graag", 4), ("uitstel 2d", 2), ("uitstel 1w", 7), ("uitstel: 5 dagen.", 5),
        ("snooze 3 days", 3), ("Snooze 1 day", 1), ("snooze 2 weeks", 14), ("snooze a week", 7),
        ("snooze for two weeks", 14), ("snooze one day", 1), ("snooze ten days", 10), ("later 2 dagen", 2),
        ("uitstel 52 weken", 364),
    ])
    func snoozeForASpan(_ text: String, _ days: Int) {
        #expect(Self.command(text) == .snooze(.days(days)))
    }

    @Test(arguments: ["uitstel", "Uitstel!", "snooze", "later", "Later graag", "uitstel tot maandag",
                      "snooze until Monday", "later een keer", "uitstel een paar dagen"])
    func snoozeByTheDefaultChoice(_ text: String) {
        #expect(Self.command(text) == .snooze(.defaultChoice))
    }

    @Test(arguments: ["", "   \n  ", "Hoi,\n\nklaar", "nog niet klaar", "not done yet", "ok", "bedankt",
                      "uitstel 0 dagen", "uitstel 3", "snooze 2x", "uitstel 999 weken", "uitstel 99999999999999999999 dagen",
                      "uitstel ² dagen", "uitstel ₂ weken", "klaarblijkelijk niet", "donezo", "re: klaar"])
    func noCommand(_ text: String) {
        #expect(Self.command(text) == nil)
    }

    @Test func onlyTheFirstNonEmptyLineCounts() {
        #expect(Self.command("\n \nuitstel 1 week\nklaar") == .snooze(.days(7)))
        #expect(Self.command("Bedankt voor de herinnering.\nKlaar.") == nil)
    }

    @Test func theLongestSpanIsAYear() {
        #expect(Self.command("uitstel 365 dagen") == .snooze(.days(365)))
        #expect(Self.command("uitstel 366 dagen") == nil)
    }
}
