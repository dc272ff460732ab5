import Foundation
import RemindCore
import Testing
@testable import RemindDelivery

@Suite struct MessageRendererTests {
    func render(_ d: PlannedDelivery, language: Language = .nl, late: Bool = false,
                templates: [String: MessageTemplate] = [:]) throws -> RenderedMessage {
        try MessageRenderer(config: Fixture.config(language: language, templates: templates))
            .render(Fixture.message(d, late: late))
    }

    @Test func dutchLeadReminderSaysWhatWhoWhenAndWhere() throws {
        let m = try render(Fixture.delivery(.before, lead: DurationSpec(7, .days)))
        #expect(m.subject == "Herinnering: \(Fixture.title) (deadline ma 2 okt)")
        #expect(m.body.hasPrefix("Herinnering: de deadline van deze actie is over 7 dagen.\n"))
        #expect(m.body.contains("Actie:        \(Fixture.title)\n"))
        #expect(m.body.contains("Eigenaar:     Staatssecretaris JenV\n"))
        #expect(m.body.contains("Samen met:    Minister BZK\n"))
        #expect(m.body.contains("Deadline:     maandag 2 oktober 2023 om 17:00\n"))
        #expect(m.body.contains("Herkomst:     LRT, vergadering van maandag 25 september 2023\n"))
        #expect(m.body.contains("    remindd done taakstelling\n"))
        #expect(!m.body.contains("later dan gepland"))
        #expect(!m.body.contains("\n\n\n"))
    }

    @Test func englishOverdueEscalatedAndLate() throws {
        let d = Fixture.delivery(.overdue, at: Fixture.utc("2023-10-05T07:00:00Z"), escalation: ["chair"], ordinal: 2, lead: nil)
        let m = try render(d, language: .en, late: true)
        #expect(m.subject == "[sent late] [escalated] Overdue (2nd reminder): \(Fixture.title)")
        #expect(m.body.contains("This action is overdue: this is the 2nd reminder since its deadline."))
        #expect(m.body.contains("Escalated to you, Voorzitter Één: this action is still open at the 2nd reminder"))
        #expect(m.body.contains("it was due on Thursday 5 October 2023 at 09:00."))
        #expect(m.body.contains("Deadline:     Monday 2 October 2023 at 17:00"))
        #expect(m.body.contains("Source:       LRT, meeting of Monday 25 September 2023"))
    }

    @Test func dueTodayAndOrdinals() throws {
        #expect(try render(Fixture.delivery(.due, lead: nil)).subject == "Vandaag deadline: \(Fixture.title)")
        #expect(try render(Fixture.delivery(.due, lead: nil), language: .en).body.hasPrefix("This action is due today.\n"))
        let w = Wording(language: .en)
        #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(w.ordinal)
                == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"])
        #expect(Wording(language: .nl).ordinal(2) == "2e")
        #expect(Wording(language: .nl).duration(DurationSpec(1, .workdays)) == "1 werkdag")
        #expect(Wording(language: .en).duration(DurationSpec(2, .hours)) == "2 hours")
    }

    @Test func eventNoticeSaysWindowWaitingItemsAndHowToRecord() throws {
        let r = Reminder(subject: "rvs-ruling", kind: .eventExpected, at: Fixture.utc("2023-12-01T08:00:00Z"), people: ["JenV"])
        let d = PlannedDelivery(key: r.key(channel: "mail"), reminder: r, channel: "mail", to: ["JenV"], cc: [])
        let nl = try render(d)
        #expect(nl.subject == "Verwacht: Uitspraak Raad van State over derdelanders")
        #expect(nl.body.contains("vrijdag 1 december 2023 t/m zondag 10 december 2023"))
        #expect(nl.body.contains("  - LRT komt samen kort na de uitspraak (lrt-na-uitspraak)\n"))
        #expect(nl.body.contains("remindd event rvs-ruling --occurred JJJJ-MM-DD"))
        #expect(nl.body.contains("Eigenaar:     JenV\n"))
        var late = r
        late.kind = .eventLate
        let en = try render(PlannedDelivery(key: late.key(channel: "mail"), reminder: late, channel: "mail", to: ["JenV"], cc: []),
                            language: .en)
        #expect(en.subject == "Not recorded yet: Uitspraak Raad van State over derdelanders")
        #expect(en.body.contains("The expected window (Friday 1 December 2023 to Sunday 10 December 2023) has passed"))
        #expect(en.body.contains("remindd event rvs-ruling --occurred YYYY-MM-DD"))
    }

    @Test func overridesPerKindThenDefaultAndNoHTMLEscaping() throws {
        let templates = [
            "due": MessageTemplate(subject: "DUE {{title}} & co <{{owner}}>", body: nil),
            "default": MessageTemplate(subject: "ANY {{kind}}", body: "{{which}}|{{deadline}}|{{#late}}LATE{{/late}}"),
        ]
        let due = try render(Fixture.delivery(.due, lead: nil), templates: templates)
        #expect(due.subject == "DUE \(Fixture.title) & co <Staatssecretaris JenV>")
        #expect(due.body == "De deadline van deze actie is vandaag.|maandag 2 oktober 2023 om 17:00|\n")
        let before = try render(Fixture.delivery(.before), late: true, templates: templates)
        #expect(before.subject == "ANY before")
        #expect(before.body.hasSuffix("|LATE\n"))
    }

    @Test func brokenOverrideIsReportedWithItsKey() {
        #expect {
            try MessageRenderer(config: Fixture.config(templates: ["overdue": MessageTemplate(subject: "{{#open}} never closed", body: nil)]))
        } throws: { error in
            (error as? TemplateError).map { $0.key == "overdue" && $0.part == "subject" } ?? false
        }
    }

    @Test func subjectNeverHoldsALineBreak() throws {
        let item = Item(id: "x", title: "Eerste regel\r\nBcc: evil@example.org", owner: "SJenV")
        let c = Fixture.config(items: [item])
        let m = try MessageRenderer(config: c).render(Fixture.message(Fixture.delivery(.due, item: "x", lead: nil)))
        #expect(m.subject == "Vandaag deadline: Eerste regel Bcc: evil@example.org")
    }

    @Test func undatedItemSaysSo() throws {
        let m = try render(Fixture.delivery(.undated, deadline: nil, ordinal: 3, lead: nil))
        #expect(m.body.hasPrefix("Deze actie heeft geen deadline en staat nog open (3e herinnering).\n"))
        #expect(m.body.contains("Deadline:     geen\n"))
    }
}
