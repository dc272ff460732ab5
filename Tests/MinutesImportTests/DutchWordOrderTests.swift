import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// Dutch main clauses with the verb second, the group's own plans, a clause after a comma,
/// notes under a bullet's title, and labels decorated with an emoji: one rule per case.
@Suite struct DutchWordOrderTests {
    static let reference = LocalDate(year: 2023, month: 4, day: 20)

    @Test(arguments: [
        ("Deze stuurt Sjaak rond zodra hij deze heeft ontvangen.", "Sjaak"),
        ("Voor de sprekersbedanking gaat Timo kijken naar de maximale prijs.", "Timo"),
        ("Volgende week neemt Anna contact op met de gemeente.", "Anna"),
        ("Hiervoor zorgt Piet.", "Piet"),
    ])
    func theSubjectAfterTheVerbOwnsIt(_ sentence: String, _ owner: String) {
        let a = ProseRules.analyze(sentence)
        #expect(a.owner == owner, "\(sentence)")
        #expect(a.commitment != nil, "\(sentence)")
    }

    @Test func whatOpensTheClauseMustNotBeItsSubject() {
        // "Het bestuur" is the subject; Jan only receives the letter.
        #expect(ProseRules.analyze("Het bestuur stuurt Jan een brief.").owner != "Jan")
        // A proposal is not a commitment, and a condition stays one.
        #expect(ProseRules.analyze("Daarom stelt Piet voor om te stoppen.").commitment == nil)
        #expect(ProseRules.analyze("Dit punt blijft staan.").commitment == nil)
    }

    @Test func theGroupsOwnPlanHasNoOwner() {
        let plan = ProseRules.analyze("We gaan de domeinnaam kopen en als standaard gebruiken.")
        #expect(plan.commitment == .modal && plan.owner == nil)
        #expect(ProseRules.analyze("We gaan ervan uit dat het lukt.").commitment == nil)
        // A present tense mostly says what is going on: a commitment, at risk of being narrative.
        let present = ProseRules.analyze("We zoeken naar de chips.")
        #expect(present.commitment == .present && present.narrativeRisk)
        let inverted = ProseRules.analyze("Ook zetten we het formulier online.")
        #expect(inverted.commitment == .present && inverted.owner == nil && inverted.narrativeRisk)
    }

    @Test func goingSomewhereIsNoPlan() {
        #expect(ProseRules.analyze("Daarna gaan we verder met punt 4.").commitment == nil)
        #expect(ProseRules.analyze("Volgende week gaat Marieke met verlof.").commitment == nil)
        #expect(ProseRules.analyze("We gaan akkoord met het voorstel.").commitment == nil)
        #expect(ProseRules.analyze("Volgende week gaat Marieke de cijfers controleren.").owner == "Marieke")
    }

    @Test func aClauseAfterACommaCanCommit() {
        let a = ProseRules.analyze("Dit punt blijft staan, Coretta pakt dit met Evert en Sjaak op.")
        #expect(a.owner == "Coretta")
        #expect(a.commitment == .present)
        // The condition before the comma still holds.
        #expect(ProseRules.analyze("Als het budget er is, Jan zal de brief sturen.").conditional)
        #expect(ProseRules.analyze("If the grant is approved, Chris will hire a second caseworker.").conditional)
    }

    @Test func aDecisionThatNamesSomeoneIsTheirStep() {
        let a = ProseRules.analyze("Besloten wordt dat René deze bijeenkomst bijwoont.")
        #expect(a.owner == "René" && a.commitment == .agreed)
        #expect(ProseRules.analyze("Besloten wordt dat het plan doorgaat.").owner == nil)
        // The verb comes last: being invited, staying chair or no longer taking part is no step.
        #expect(ProseRules.analyze("Besloten wordt dat Jan voor de volgende vergadering wordt uitgenodigd.").commitment != .agreed)
        #expect(ProseRules.analyze("Besloten wordt dat Jan voorzitter blijft.").commitment != .agreed)
        #expect(ProseRules.analyze("Er is besloten dat Jan niet meer in de werkgroep zit.").commitment != .agreed)
    }

    @Test func makingAndKeepingDoUnlessTheyReportTheTalk() {
        #expect(!ProseRules.analyze("Rien maakt de reservatie.").narrativeRisk)
        #expect(ProseRules.analyze("Jan maakt een opmerking over de begroting.").narrativeRisk)
        #expect(!ProseRules.analyze("Moniek houdt de post in de gaten.").narrativeRisk)
        #expect(ProseRules.analyze("Piet houdt een pleidooi voor meer geld.").narrativeRisk)
        #expect(ProseRules.analyze("Het team maakt goede voortgang.").narrativeRisk)
        #expect(ProseRules.analyze("Piet houdt zitting in de raad.").narrativeRisk)
    }

    @Test func sendingSomethingOnIsAPlanInThePassive() {
        #expect(Clauses.passive(" deze wordt apart doorgemaild. ") == .passive)
        #expect(Clauses.passive(" de agenda wordt vastgesteld. ") == nil)
        // How things go, not a step: a plural without a word of time, working with a tool.
        #expect(Clauses.passive(" vragen worden doorgestuurd naar het secretariaat. ") == nil)
        #expect(Clauses.passive(" de stukken worden volgende week doorgestuurd. ") == .passive)
        #expect(Clauses.passive(" er wordt gebruik gemaakt van teams voor de vergaderingen. ") == nil)
        // Sharing and sending out is sending on.
        #expect(Clauses.passive(" het document met de feedback wordt met de leden van de werkgroep gedeeld. ") == .passive)
        #expect(Clauses.passive(" de uitnodiging wordt per mail verstuurd. ") == .passive)
        #expect(Clauses.passive(" notulen worden gedeeld via de website. ") == nil)
        #expect(Clauses.passive(" de tekst is gereed om als definitieve versie te worden gepubliceerd. ") == nil)
        // Shared as a view is agreement, not sending on.
        #expect(Clauses.passive(" deze zorg wordt breed gedeeld. ") == nil)
        #expect(Clauses.passive(" het standpunt wordt gedeeld door de voorzitter. ") == nil)
        #expect(Clauses.passive(" de zorgen over de begroting worden gedeeld. ") == nil)
    }

    @Test func aNoteUnderABulletsTitleIsASentenceOfItsOwn() {
        let text = """
        Notulen 20 april 2023

        4. Mededelingen en ingekomen stukken

         • De Koepel -workshop inzicht in de Jeugdwet 11 mei, een lange titel om de regel breder te maken dan de rest
         • Werkbezoek
          Sjaak gaat deze workshop volgen.
        """
        let r = MinutesImporter.extract(text)
        let item = r.items.first { $0.owner == "Sjaak" }
        #expect(item?.quote == "Sjaak gaat deze workshop volgen.")
        #expect(item?.line == 7)
        // Under an announcements heading a named person's own plan is still taken.
        #expect(item.map { $0.confidence >= 0.5 } == true)
    }

    @Test func aLabelDecoratedWithAnEmojiIsStillALabel() {
        let short = MarkerScan.scan(":pushpin: **Actiepunt:** Marc Buis informeren over het logboek")
        #expect(short?.kind == .action)
        #expect(short?.rest == "Marc Buis informeren over het logboek")
        let emoji = MarkerScan.scan("📌 Actie: Jan stuurt de planning rond")
        #expect(emoji?.kind == .action)
        #expect(emoji?.rest == "Jan stuurt de planning rond")
        // A colon that opens no shortcode is no decoration.
        #expect(MarkerScan.scan(": Actie: Jan") == nil)
        #expect(MarkerScan.mayStartWithMarker(":white_check_mark: TODO update the docs"))
        // The byte path and the Character path agree where a shortcode runs into a letter
        // that is not ASCII.
        let odd = ":aaaaaaaaaaaaaaaaé: Actie: bel Jan"
        #expect(MarkerScan.mayStartWithMarkerASCII(odd) == nil)
        #expect(MarkerScan.mayStartWithMarker(odd) == (MarkerScan.scan(odd) != nil))
    }

    @Test func theNextMeetingOfASeriesWithANeuterNoun() {
        let g = DeadlinePhrases.guess(in: "Logius zal een oplossing inbrengen volgend TO", reference: Self.reference, series: nil,
                                      calendar: ImportOptions.defaultCalendar, allowBareDate: false)
        #expect(g?.due?.text == "next meeting")
        let year = DeadlinePhrases.guess(in: "terug laten komen op de agenda eind v/h jaar", reference: Self.reference, series: nil,
                                         calendar: ImportOptions.defaultCalendar, allowBareDate: false)
        let written = DeadlinePhrases.guess(in: "terug laten komen op de agenda eind van het jaar", reference: Self.reference,
                                            series: nil, calendar: ImportOptions.defaultCalendar, allowBareDate: false)
        #expect(year?.due != nil && year?.due?.text == written?.due?.text)
    }
}

/// The next meeting's date where the minutes give it.
@Suite struct NextMeetingDateTests {
    static let r = LocalDate(year: 2024, month: 11, day: 12)

    @Test(arguments: [
        ("Volgende vergadering: 10 december 2024", "2024-12-10"),
        ("| Volgende vergadering | 10-12-2024 |", "2024-12-10"),
        ("De eerstvolgende bijeenkomst is op 4 februari.", "2025-02-04"),
        ("Next meeting: Thursday, December 5", "2024-12-05"),
        ("**Next call**: 2024-11-26", "2024-11-26"),
    ])
    func aLabelledDateIsTheNextMeeting(_ line: String, _ expected: String) {
        #expect(NextMeetingFinder.find(lines: ["Notulen", line], after: Self.r)?.description == expected, "\(line)")
    }

    @Test func theDateMayStandOnTheNextLine() {
        #expect(NextMeetingFinder.find(lines: ["Volgende vergadering:", "", "dinsdag 10 december 2024, 14:00"], after: Self.r)?.description
            == "2024-12-10")
    }

    @Test func otherDatesAreNotTheNextMeeting() {
        // The meeting itself, a date before it, a date far from the label, no label at all.
        #expect(NextMeetingFinder.find(lines: ["Vergadering van 12 november 2024"], after: Self.r) == nil)
        #expect(NextMeetingFinder.find(lines: ["Volgende vergadering: 1 oktober 2024"], after: Self.r) == nil)
        #expect(NextMeetingFinder.find(lines: ["Jan stuurt de notitie voor de volgende vergadering rond, want die moet echt op tijd bij iedereen zijn, uiterlijk 1 december 2024."],
                                       after: Self.r) == nil)
        #expect(NextMeetingFinder.find(lines: ["Jan stuurt de notitie uiterlijk 1 december 2024 rond."], after: Self.r) == nil)
    }

    @Test func itemsDueAtTheNextMeetingGetItsDate() throws {
        let text = """
        Verslag werkgroep 12 november 2024

        Jan stuurt de notitie rond voor de volgende vergadering.

        Volgende vergadering: 10 december 2024
        """
        let r = MinutesImporter.extract(text)
        #expect(r.nextMeetingDate?.description == "2024-12-10")
        #expect(r.items.first?.due == "next meeting")
        #expect(r.items.first?.deadline?.description == "2024-12-10")
        let yaml = DraftYAML.render(r)
        #expect(yaml.contains("dates: [2024-11-12, 2024-12-10]"))
        // The draft, included from a main config that defines Jan, loads with both dates.
        let config = try DraftInclusion.load(yaml, people: ["Jan"])
        #expect(config.meetings[r.series]?.dates.map(\.description) == ["2024-11-12", "2024-12-10"])
        #expect(config.items.count == 1)
    }
}

/// Hedges, topics, coordinated clauses and explanations.
@Suite struct ClauseScopeTests {
    @Test func aHedgeInsideTheQuestionToLookIntoDoesNotHedge() {
        let a = ProseRules.analyze("Sander gaat met hem overleggen of hij in januari kan komen.")
        #expect(a.owner == "Sander" && !a.hedged)
        #expect(ProseRules.analyze("Jan of Piet zou de brief kunnen sturen.").commitment == nil
                || ProseRules.analyze("Jan of Piet zou de brief kunnen sturen.").hedged)
        #expect(!ProseRules.analyze("Jan stuurt zo snel mogelijk de brief.").hedged)
        #expect(ProseRules.analyze("Jan stuurt mogelijk de brief.").hedged)
    }

    @Test func aTopicBeforeAColonOrAWordBeforeACommaIsNoSubject() {
        #expect(ProseRules.analyze("Muzikale avond: Annelieke en Barbara gaan dit nu oppakken.").owner == "Annelieke")
        #expect(ProseRules.analyze("Geen, Moniek houdt de post in de gaten.").owner == "Moniek")
        // A speaker's label is left to the rules for turns.
        #expect(ProseRules.analyze("KR: Repeat issues -- If we have to keep addressing them").owner != "Repeat")
    }

    @Test func stillToGiveIsAStep() {
        #expect(ProseRules.analyze("Logius geeft nog een officiële reactie op het document.").commitment == .present)
        #expect(ProseRules.analyze("Logius geeft nog aan of het kan.").commitment != .present)
        // "geeft aan … te zien" informs; "zegt toe … te sturen" commits.
        #expect(ProseRules.analyze("René geeft aan een patroon van rollen te zien.").commitment == nil)
        #expect(ProseRules.analyze("JenV zegt toe de brief te sturen.").commitment != nil)
    }

    @Test func twoClausesWithTheirOwnSubjectsAreTwoSentences() {
        let unit = Unit(kind: .paragraph, text: "**Rien** maakt de reservatie, en **Wout** en **Ilion** doen de mail.",
                        lineStarts: [(0, 4)], section: nil)
        let s = Sentences.split(unit)
        #expect(s.map(\.text) == ["**Rien** maakt de reservatie", "**Wout** en **Ilion** doen de mail."])
        let en = Sentences.split(Unit(kind: .paragraph, text: "Bob will draft the letter, and Alice will send it.",
                                      lineStarts: [(0, 1)], section: nil))
        #expect(en.count == 2)
        // A list of names is not a second clause.
        let list = Sentences.split(Unit(kind: .paragraph, text: "Jan stuurt de brief naar Piet, en Kees.",
                                        lineStarts: [(0, 1)], section: nil))
        #expect(list.count == 1)
    }

    @Test func aSentenceThatSpeaksToYouExplains() {
        let text = """
        Notulen 20 april 2023

        De PDP controleert dan of je medewerker bent bij de gemeente.
        """
        #expect(MinutesImporter.extract(text).items.isEmpty)
    }
}

@Suite struct CompactMeetingDateTests {
    @Test func aTitleWithTheDateAsOneNumber() {
        #expect(MeetingDateFinder.compactDate(in: "# 20220622-werkgroep1-notes")?.description == "2022-06-22")
        #expect(MeetingDateFinder.compactDate(in: "Order 120220622") == nil)
        #expect(MeetingDateFinder.compactDate(in: "ticket 20221345") == nil)
        let r = MinutesImporter.extract("# 20221024-werkgroep3-notes\n\nBen zal via mail verder afspreken met de musea.\n")
        #expect(r.meetingDate?.description == "2022-10-24")
    }
}

@Suite struct QuestionsAbsencesAndPronounsTests {
    @Test func theQuestionPutIsNoStep() {
        #expect(ProseRules.analyze("De vraag is of de gemeente hier budget voor heeft.").question)
        #expect(ProseRules.analyze("De vraag was hoe de adressering zal worden geregeld.").question)
        #expect(ProseRules.analyze("The question is whether the board will approve it.").question)
    }

    @Test func anAbsenceIsNoStep() {
        #expect(ProseRules.analyze("Jeanne zal het eerste deel van de vergadering niet aanwezig zijn.").commitment == nil)
        #expect(ProseRules.analyze("Bob will not attend the March meeting.").commitment == nil)
    }

    @Test func aPronounWithAModalPlansWithoutAName() {
        let a = ProseRules.analyze("Ze gaan dit zo snel mogelijk onderzoeken en aanpassen.")
        #expect(a.commitment == .modal && a.owner == nil)
        #expect(ProseRules.analyze("Ze zullen wel gelijk hebben.").commitment == nil)
        #expect(ProseRules.analyze("Hij gaat met verlof.").commitment == nil)
    }

    @Test func aSecondClauseAfterAndWithoutAComma() {
        let s = Sentences.split(Unit(kind: .paragraph, text: "Hedde koopt wat in en Johan zal voor een tafel zorgen.",
                                     lineStarts: [(0, 1)], section: nil))
        #expect(s.map(\.text) == ["Hedde koopt wat in", "Johan zal voor een tafel zorgen."])
        // A list of names before one verb stays one sentence.
        #expect(Sentences.split(Unit(kind: .paragraph, text: "Johan, Steven, Arnold en Hedde zullen de commissie vertegenwoordigen.",
                                     lineStarts: [(0, 1)], section: nil)).count == 1)
    }
}
