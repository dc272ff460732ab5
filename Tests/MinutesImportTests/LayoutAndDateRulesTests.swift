import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// How the text is cut into entries before anything is read: tables pdftotext pads with
/// spaces, sidebars, register numbers, speakers, numbered titles.
@Suite struct LayoutRulesTests {
    @Test func aSpaceAlignedActionsTableBecomesRows() {
        let lines = [
            "Actielijst",
            "Nr.       Actie                                Actiehouder    Termijn          Status",
            "2023-31   Overleg provincie over               Dijkgraaf      eind dit jaar    loopt",
            "          beheerovereenkomst",
            "2023-34   Rapport inspectie naar leden         Smits          5 oktober        gereed",
            "",
            "De volgende vergadering is op 8 november.",
        ]
        let out = LayoutTable.convert(lines)
        #expect(out[1] == "| Nr. | Actie | Actiehouder | Termijn | Status |")
        #expect(out[2] == "| 2023-31 | Overleg provincie over beheerovereenkomst | Dijkgraaf | eind dit jaar | loopt |")
        #expect(out[3] == "", "the wrapped cell joined the row above")
        #expect(out[4] == "| 2023-34 | Rapport inspectie naar leden | Smits | 5 oktober | gereed |")
        #expect(out[6] == lines[6], "prose after the table stays prose")
    }

    @Test func spacedProseIsNotATable() {
        let lines = ["Aanwezig:       mw. A. Verhoef (dijkgraaf), dhr. K. Smits",
                     "De voorzitter opent de vergadering. Het          Afdeling Wonen"]
        #expect(LayoutTable.convert(lines) == lines)
    }

    @Test func aSidebarBlockIsRemovedWhole() {
        let lines = [
            "De voorzitter heet de aanwezigen welkom. BZK meldt dat de circulaire Directoraat-Generaal",
            "over de woonzorgvisies op 1 maart is gepubliceerd. Volkshuisvesting",
            "VNG geeft aan dat de helft van de gemeenten een visie heeft. Datum",
            "Gemeenten ervaren knelpunten bij de prestatieafspraken. 12 maart 2024",
            "BZK schetst de stand van zaken rond het wetsvoorstel. Directoraat-Generaal",
            "Na de behandeling wordt de lagere regelgeving opgepakt. Volkshuisvesting",
            "IPO merkt op dat provincies graag betrokken worden. Datum",
            "Het voorstel wordt niet overgenomen. 12 maart 2024",
        ]
        let noise = PageNoise(lines: lines)
        #expect(noise.lines[1] == "over de woonzorgvisies op 1 maart is gepubliceerd.")
        #expect(noise.lines[5] == "Na de behandeling wordt de lagere regelgeving opgepakt.")
        #expect(noise.sidebar.contains("Volkshuisvesting"))
    }

    static func units(_ text: String) -> [MinutesImport.Unit] {
        Segmenter.units(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test func registerNumbersStatusTagsAndSpeakersStartEntries() {
        let u = Self.units("""
        Review of the action log
        A23-04 (KB) Update the risk log. Closed.
        A23-09 (DO) Report on the diversion costs. Ongoing.
        [DONE] ACTION: Chen to publish the draft
        [NEW] ACTION: Mira to write the migration note
        TODO(bob): regenerate the example feeds
        Olu: we need someone to look at the validator.
        """)
        let texts = u.filter { $0.kind != .heading }.map(\.text)
        #expect(texts == ["(KB) Update the risk log. Closed.", "(DO) Report on the diversion costs. Ongoing.",
                          "ACTION: Chen to publish the draft", "ACTION: Mira to write the migration note",
                          "TODO(bob): regenerate the example feeds", "Olu: we need someone to look at the validator."])
        #expect(u.first { $0.text.hasPrefix("ACTION: Chen") }?.kind == .listItem(checkbox: true), "[DONE] ticks it")
    }

    @Test func numberedTitlesAndLabels() {
        let u = Self.units("""
        2. Besluitenlijst 13 februari 2024
        De besluitenlijst wordt vastgesteld.

        3. Inkoop jeugdhulp 2025
        Besloten wordt:
        - in te stemmen met de inkoopstrategie;
        - de raad te informeren.
        Pranger stelt de brief op.

        ACTIEPUNTEN
        1. Anna neemt contact op met de netbeheerder
        2. Secretariaat: overzicht rondsturen
        """)
        #expect(u.contains { $0.kind == .heading && $0.text == "Inkoop jeugdhulp 2025" })
        #expect(u.first { $0.text.hasPrefix("Pranger") }?.section == "Inkoop jeugdhulp 2025", "the label heads only its list")
        #expect(u.first { $0.text.hasPrefix("in te stemmen") }?.section == "Besloten wordt")
        #expect(u.first { $0.text.hasPrefix("Secretariaat") }?.kind == .listItem(checkbox: nil), "an entry, not a title")
    }

    @Test func ofRunningHeadersSeenAsOftenTheFirstDatesTheMinutes() {
        // Five sets of minutes one after another, each with its header on two pages: the
        // dates tie, and the first one in the text wins, whatever order a hash table keeps.
        let days = [12, 3, 27, 8, 19]
        let text = days.map { d -> String in
            let header: String = "Werkgroep Huisvesting, \(d) maart 2024"
            return "\(header)\n\nJan stuurt de notitie rond.\n\n\(header)\n\nPiet belt de gemeente.\n"
        }.joined(separator: "\n")
        #expect(MinutesImporter.extract(text).meetingDate == LocalDate("2024-03-12"))
        #expect(MeetingDateFinder.find(rawLines: text.components(separatedBy: "\n"), cleanLines: [],
                                       sidebar: ["Huisvesting, 8 maart 2024", "Huisvesting, 3 maart 2024"])
                == LocalDate("2024-03-03"))
    }

    @Test func theRosterComesFromTheAttendanceLines() {
        let r = MinutesImporter.extract("""
        Notulen 4 maart 2024
        Aanwezig: Jan Visser (voorzitter), Koen Mulder

        De voorzitter zal de jaarverslagtekst binnen twee weken rondsturen.

        Actiepunten
        - Jan: tekst jaarverslag rondsturen (binnen 2 weken)
        """)
        #expect(r.items.count == 1)
        #expect(r.items.first?.owner == "Jan" && r.items.first?.deadline == LocalDate("2024-03-18"))
    }
}

@Suite struct MoreDeadlineRulesTests {
    static let r = LocalDate("2024-03-12")!   // a Tuesday
    static let cal = ImportOptions.defaultCalendar

    static func due(_ s: String, bare: Bool = false) -> (String?, String?, Bool?) {
        let g = DeadlinePhrases.guess(in: s, reference: r, series: "lrt", calendar: cal, allowBareDate: bare)
        return (g?.due?.text, g?.due?.resolve(reference: r, calendar: cal)?.description, g?.vague)
    }

    @Test(arguments: [
        ("Sanne levert het testrapport op, uiterlijk 29-03.", "2024-03-29"),
        ("Ruud vraagt offertes op (15/12).", "2024-12-15"),
        ("X stuurt de notitie voor de kerst.", "2024-12-24"),
        ("Bob will do it before Christmas.", "2024-12-24"),
        ("Mw. De Wit informeert het AB in de vergadering van november.", "2024-11-29"),
        ("Yilmaz bespreekt het in het regio-overleg van 4 april.", "2024-04-04"),
        ("LG to publish the FAQ next Tuesday.", "2024-03-19"),
        ("Mira to write the note within 10 working days.", "2024-03-26"),
        ("Democratic Services to arrange a session by the end of Q1.", "2024-03-29"),
        ("Aisha to add the tests by the end of the month.", "2024-03-29"),
        ("RP to issue it before 1 November.", "2024-11-01"),
        ("G. Walsh to present it on 15/11/2024.", "2024-11-15"),
        ("Marieke stuurt het uiterlijk vrijdag.", "2024-03-15"),
        ("X doet dit eind dit jaar.", "2024-12-31"),
        // The course of a month, this quarter, close of business.
        ("Jan werkt het voorstel uit in de loop van mei.", "2024-05-31"),
        ("Ann to migrate the wiki in the course of June.", "2024-06-28"),
        ("Piet rondt de evaluatie af voor eind dit kwartaal.", "2024-03-29"),
        ("Ann to close the books by the end of this quarter.", "2024-03-29"),
        ("Bob sends the figures by COB Friday.", "2024-03-15"),
        // A weekday with no word before it, when nothing more telling is said.
        ("Lisa stuurt de cijfers vrijdag rond.", "2024-03-15"), ("Aedes levert maandag aan.", "2024-03-18"),
        ("Bob sends it Thursday.", "2024-03-14"), ("Jan brengt het dinsdag in.", "2024-03-19"),
        ("Ann reports on Friday's findings by the end of March.", "2024-03-29"),
    ] as [(String, String)])
    func resolvedDeadlines(_ text: String, _ deadline: String) {
        #expect(Self.due(text).1 == deadline, "\(text)")
    }

    @Test(arguments: ["Jan stuurt het verslag van vrijdag rond.", "James to schedule the meetings starting Monday.",
                      "Petra meldt wat afgelopen maandag besproken is.", "Jan stuurt elke vrijdag de cijfers.",
                      "Ann to prepare the Friday meeting.", "Bob to check the numbers since Monday."])
    func aWeekdayThatIsNoDeadline(_ text: String) {
        #expect(Self.due(text).0 == nil, "\(text)")
    }

    @Test func aCountIsNotADate() {
        #expect(Self.due("Het duurt 2-3 weken.").0 == nil)
        #expect(Self.due("Score was 3-1 at half time.").0 == nil)
        #expect(Self.due("Item 15-10 is geparkeerd.").0 == nil, "a bare 15-10 in prose is no deadline")
    }

    @Test(arguments: ["Marloes schrijft een notitie voor de meivakantie.", "Jan pakt dit in het najaar op.", "JS to draft it ASAP."])
    func vaguePeriodsKeepNoDate(_ text: String) {
        let (due, _, vague) = Self.due(text)
        #expect(due == nil && vague == true, "\(text)")
    }

    /// "Na de zomer" names no end; the one who tracks it looks again in the middle of
    /// September, as "medio september" would resolve.
    @Test(arguments: ["Fatima bereidt het voor, na de zomer.", "Jan pakt dit na de zomervakantie op.",
                      "Bob will look at it after the summer."])
    func afterTheSummerIsMidSeptember(_ text: String) {
        let (due, deadline, _) = Self.due(text)
        #expect(due != nil && deadline == Self.due("Jan pakt dit medio september op.").1, "\(text)")
    }

    @Test func aWhenCellHoldingAMonthIsItsEnd() {
        #expect(Self.due("november", bare: true).1 == "2024-11-29")
        #expect(Self.due("22-03", bare: true).1 == "2024-03-22")
        #expect(Self.due("volgende DB", bare: true).0 == "next meeting")
    }

    @Test func anEventNamedByItsOwner() throws {
        let r = MinutesImporter.extract("""
        Audit Committee, 5 October 2023
        The external auditor's opinion is now expected by the end of November.
        The Chief Finance Officer will present the audited accounts shortly after the auditor's opinion.
        """)
        let item = try #require(r.items.first)
        #expect(item.due == "after auditor-opinion +5wd")
        #expect(r.events.first?.expectedText == "late November 2023")
    }
}

/// Shapes of marking an action that are not a label at the start of an entry.
@Suite struct OtherMarkingTests {
    @Test func aNameOnlyLabelAfterTheSentenceOwnsIt() throws {
        let r = MinutesImporter.extract("""
        Minutes of the meeting held on 4 March 2024
        The lease remains with the solicitors and a reply is needed by Friday. Action: AK
        Members discussed the car park. Action by: TE, PS
        """)
        #expect(r.items.map(\.owner) == ["AK", "TE"])
        #expect(r.items.first?.deadline == LocalDate("2024-03-08"))
        #expect(r.items.last?.with == ["PS"])
    }

    @Test func minutesKeptInATableKeepTheirActions() throws {
        let r = MinutesImporter.extract("""
        Notulen 7 februari 2024
        Agendapunt\tBesproken\tActie
        Thuiszitters\tDe cijfers zijn licht gedaald. VWS brengt de rol van de jeugdarts in kaart.\tVWS
        Passend onderwijs\tOCW licht de stand van zaken toe. Het verbeterplan loopt volgens planning.\t
        Rondvraag\tWe need someone to check the grant. CN to find out whether we are eligible by 1 March.\t
        """)
        #expect(r.items.map(\.owner) == ["VWS", "CN"])
        #expect(r.items.last?.deadline == LocalDate("2024-03-01"))
    }

    @Test func moreWaysOfSayingWho() {
        #expect(ProseRules.analyze("Van Dijk zal de offerte opvragen.").owner == "Van Dijk")
        let said = ProseRules.analyze("Tom said that he would send the figures.")
        #expect(said.owner == "Tom" && said.commitment == .reported)
        let agreed = ProseRules.analyze("AGREED: Bob to circulate the minutes.")
        #expect(agreed.owner == "Bob" && agreed.commitment == .agreed)
        #expect(ProseRules.analyze("AGREED: to extend the opening hours.").owner == nil)
    }

    @Test func aSpeakerWhoCommitsInTheFirstPersonOwnsIt() {
        let a = ProseRules.analyze("Franziska: can we get the initial phase done by Friday and I'll take it over from there?")
        #expect(a.owner == "Franziska" && a.commitment == .modal && !a.question)
        #expect(ProseRules.analyze("Rich: needs a guide, that's being worked on by various people.").commitment != .modal)
        #expect(ProseRules.analyze("Wanted to make sure the TSC was comfortable moving forward.").owner == nil)
    }
}

@Suite struct ActionColumnTests {
    @Test func initialsInAnActionColumnOwnTheirParagraph() {
        let lines = [
            "Item                                                                          Action",
            "The second van is off the road. ST to book the MOT and arrange a temporary     ST",
            "hire van.",
            "The rota for Saturday openings to be drawn up by the end of March.            ST",
            "The trustees discussed the grant; CN to find out whether we are eligible.  CN/AF",
            "Demand rose by 18% in February, the highest figure in two years of records.",
        ]
        let out = ActionColumn.convert(lines)
        #expect(out[1] == "The second van is off the road. ST to book the MOT and arrange a temporary (action: ST)")
        #expect(out[3] == "The rota for Saturday openings to be drawn up by the end of March (action: ST).")
        #expect(out[4] == "The trustees discussed the grant; CN to find out whether we are eligible (action: CN/AF).")
        #expect(out[5] == lines[5])
        let r = MinutesImporter.extract("Board minutes, Monday 4 March 2024\n\n" + lines.joined(separator: "\n"))
        #expect(r.items.map(\.owner) == ["ST", "ST", "CN"])
        #expect(r.items[1].deadline == LocalDate("2024-03-29"))
        #expect(r.items[2].with == ["AF"])
    }

    @Test func withoutAnActionHeaderNothingMoves() {
        let lines = ["De voorzitter opent de vergadering. Het                                   Afdeling Wonen",
                     "verslag wordt vastgesteld.                                                 Datum"]
        #expect(ActionColumn.convert(lines) == lines)
    }
}

/// Faults the held-out minutes showed, kept fixed.
@Suite struct HeldOutRegressionTests {
    @Test func aTitleRunningOntoTheNextLineGivesTheDate() {
        let r = MinutesImporter.extract("""
        MINUTES of a meeting of the PLANNING POLICY COMMITTEE held at the Council Offices,
        Westbridge on Wednesday, 17 January 2024 at 7.00 pm

        The minutes of the meeting held on 15 November 2023 were confirmed as a correct record.
        """)
        #expect(r.meetingDate == LocalDate("2024-01-17"))
    }

    @Test func aRoleWithInitialsInTheAttendanceList() {
        let roster = Roster(lines: ["Aanwezig: de heer R. Visser (CDA); wethouder M. Hoekstra (Ruimtelijke Ordening)"])
        #expect(roster.same("De wethouder", "Wethouder Hoekstra"))
        #expect(roster.same("R. Visser", "Visser"))
        let u = LayoutRulesTests.units("Toezeggingen\nT2024-07  Wethouder Hoekstra: overzicht per wijk (voor de zomer)")
        #expect(u.last?.text == "Wethouder Hoekstra: overzicht per wijk (voor de zomer)")
    }

    @Test func faultsOfTheBlindBatch() {
        #expect(ProseRules.analyze("PCSO Moran will arrange a speed watch session.").owner == "PCSO Moran")
        #expect(ProseRules.analyze("Hoekstra neemt contact op met LTO Noord.").involved == ["LTO Noord"])
        let may = DeadlinePhrases.guess(in: "The Clerk is to book the hall for the annual meeting in May.",
                                        reference: LocalDate("2024-01-08"), series: nil, calendar: ImportOptions.defaultCalendar,
                                        allowBareDate: false)
        #expect(may?.due?.resolve(reference: LocalDate("2024-01-08"), calendar: ImportOptions.defaultCalendar) == LocalDate("2024-05-31"))
        #expect(Dedup.sameOwner("De gemeenten Ede", "Ede", roster: .empty))
        #expect(Dedup.sameOwner("Wethouder Hoekstra", "Hoekstra", roster: .empty))
        #expect(!Dedup.sameOwner("wethouder De Groot", "wethouder Vos", roster: .empty))
        #expect(!Dedup.sameOwner("de voorzitter", "de secretaris", roster: .empty))
    }
}

@Suite struct FoldingTests {
    @Test func tabledCharactersFoldAsFoundationFoldsThem() {
        for v in Array(UInt32(0xBE)...0x260) + Array(UInt32(0x1FF0)...0x2080) + [0xFFFC, 0xFFFD, 0xFFFE] {
            guard let u = Unicode.Scalar(v) else { continue }
            let c = Character(u)
            let f = String(c).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            // Quotes, dashes and thin or no-break spaces become their ASCII forms.
            let special: [Character: Character] = ["’": "'", "‘": "'", "´": "'", "“": "\"", "”": "\"", "„": "\"", "–": "-",
                                                   "—": "-", "‐": "-", "‑": "-", "\u{00A0}": " ", "\u{2009}": " ", "\u{202F}": " "]
            let expected: Character = special[c] ?? (f.count == 1 ? f.first! : (String(c).lowercased().first ?? c))
            #expect(Fold.char(c) == expected, "U+\(String(v, radix: 16, uppercase: true))")
        }
        #expect(Fold.string("Één Ærø ŁÓDŹ Ĳssel") == "een ærø łodz ĳssel")
    }
}

@Suite struct ParallelPassesTests {
    @Test func bothHalvesComeBackInOrder() {
        let lines = (0..<5_000).map { "Regel \($0): Jan stuurt de notitie." }
        #expect(lines.parallelMap(\.collapsedWhitespace) == lines.map(\.collapsedWhitespace))
        #expect(lines.parallelMap { $0.count } == lines.map { $0.count })
        let (a, b) = inParallel({ lines.prefix(3).joined() }, { lines.suffix(2).count })
        #expect(a == lines[0] + lines[1] + lines[2])
        #expect(b == 2)
    }

    @Test func aLongDocumentDraftsTheSameEachTime() {
        // Long enough for every pass to split; the drafts of two runs are the same.
        let text = (1...300).map { n in
            "Werkgroep \(n % 7), 3 maart 2024\n\nAnna stuurt voor \(n % 28 + 1) april het voorstel \(n) rond.\n" +
            "Piet zoekt uit of de zaal \(n) vrij is. De vraag is of het budget volstaat.\n"
        }.joined(separator: "\n")
        let first = MinutesImporter.extract(text)
        let second = MinutesImporter.extract(text)
        #expect(!first.items.isEmpty)
        #expect(DraftYAML.render(first) == DraftYAML.render(second))
        #expect(first.meetingDate == LocalDate("2024-03-03"))
    }
}
