import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// Minutes that record the discussion turn by turn, and the commitments made inside it: a
/// turn is an action only when someone commits in it, and the one who asks owns a request.
@Suite struct DiscussionRulesTests {
    static let date = LocalDate(year: 2025, month: 3, day: 25)

    /// One-line minutes after an attendance line and a first item, as the rule tests use.
    static let attendance = "Aanwezig: Jan de Vries, Petra Smit, Lisa, Tom\n\nDe notulen worden besproken.\n\n"

    /// Each line, alone in such minutes, drafts exactly one item with that owner.
    static func expectOneItem(_ lines: [(String, String)], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for (line, owner) in lines {
            let found = items(attendance + line + "\n")
            #expect(found.map(\.owner) == [owner], "\(line): \(found.map { "\($0.owner ?? "-"): \($0.title)" })",
                    sourceLocation: sourceLocation)
        }
    }

    /// Each line, alone in such minutes, drafts nothing.
    static func expectNoItem(_ lines: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for line in lines {
            #expect(items(attendance + line + "\n").isEmpty, "\(line)", sourceLocation: sourceLocation)
        }
    }

    static func items(_ text: String) -> [DraftItem] {
        MinutesImporter.extract(text, options: ImportOptions(meetingDate: date)).items
    }

    @Test func aTurnOfTheDiscussionUnderAnActionsHeadingIsNoAction() {
        let text = """
        ## Vervolgstappen
        **René Kint**: Waarom? Er zijn al standaarden, waarom dan een nieuwe standaard?

        **Marc de Boer**: Doel is schaalbaarheid en een vendor onafhankelijke standaard te hebben.

        **Piet**: ik zal de planning rondsturen.
        """
        let found = Self.items(text)
        #expect(found.count == 1, "\(found.map(\.title))")
        #expect(found.first?.owner == "Piet")
    }

    @Test func turnsAndLabels() {
        #expect(Transcript.turn("**René Kint**: Waarom?")?.speaker == "René Kint")
        #expect(Transcript.turn("Actie: JenV neemt contact op") == nil)
        #expect(Transcript.isDiscussion("KG: In general, if you say more, extra will be undefined. So we keep it.", roster: .empty))
        #expect(Transcript.isDiscussion("Ted Hardie: interesting idea but the current design is problematic", roster: .empty))
        #expect(!Transcript.isDiscussion("Marieke: nieuwjaarsreceptie regelen", roster: .empty))
        #expect(!Transcript.isDiscussion("Matt Joras: we will soon start the last call", roster: .empty))
    }

    @Test func theSpeakerOwnsWhatTheySayTheyWillDoLaterInTheirTurn() {
        let text = """
        KG: All right. Well, I don't know what to do in this case. I guess I will reach out to him outside of the meeting.
        """
        let found = Self.items(text)
        #expect(found.contains { $0.owner == "KG" && $0.quote.contains("reach out") }, "\(found.map(\.quote))")
    }

    @Test func aLinkHandedOutIsNoAction() {
        #expect(LinkOnly.check("[Logisch Ontwerp BRP](https://www.rvig.nl/x.pdf)"))
        #expect(LinkOnly.check("https://example.org/slides"))
        #expect(!LinkOnly.check("Lees [het ontwerp](https://www.rvig.nl/x.pdf) voor de volgende keer"))
        let found = Self.items("## Acties\n- [Logisch Ontwerp BRP](https://www.rvig.nl/x.pdf)\n- Jan stuurt het ontwerp rond.\n")
        #expect(found.map(\.owner) == ["Jan"])
    }

    @Test func whoAsksOwnsTheRequest() {
        let a = ProseRules.analyze("Kees vraagt Anna om de planning rond te sturen.")
        #expect(a.owner == "Kees" && a.commitment != nil && a.involved == ["Anna"])
        let all = ProseRules.analyze("Aan iedereen het verzoek eventuele opmerkingen door te geven.")
        #expect(all.owner == "iedereen" && all.commitment == .obligation)
        let polite = ProseRules.analyze("Hierbij het verzoek of iedereen zich daar voor kan aanmelden.")
        #expect(polite.owner == "iedereen" && !polite.hedged)
        // A question put is not a request ("vraagt of").
        #expect(ProseRules.analyze("Hij ziet raakvlakken en vraagt of er een koppeling moet worden gemaakt.").question)
    }

    @Test func dutchCommitmentsInRunningText() {
        for s in ["Jan zoekt uit hoe de koppeling werkt.", "Piet haakt aan bij de werkgroep logging.",
                  "Marieke levert de teksten aan.", "Joost neemt contact op met de leverancier."] {
            let a = ProseRules.analyze(s)
            #expect(a.owner != nil && a.commitment != nil, "\(s)")
        }
        // A hedge in a clause of purpose does not hedge the commitment.
        #expect(!ProseRules.analyze("Michiel zal met de werkgroep afstemmen zodat dit daar kan worden opgenomen.").hedged)
    }

    @Test func handlesAndLabelledOwners() {
        #expect(ProseRules.analyze("@lee-dohm to update the leave policy").owner == "lee-dohm")
        let m = MarkerScan.scan("Action item for Michael: Land the PR and get stuff on the agenda.")
        #expect(m?.labelOwner == "Michael")
        let found = Self.items("Derek: Should focus on the minimum set. AI: Derek will look at what a minimum set could be.\n")
        #expect(found.contains { $0.owner == "Derek" && $0.quote.hasPrefix("AI:") }, "\(found.map(\.quote))")
    }

    @Test func aMarkedActionInBracketsMayHoldTheWholeActionOrCloseAfterTheSentence() {
        let text = """
        - Website
          - ''( **AI: Bill S** to send Martin some examples. '')
          - *(**AI: Kate** add back to the SPEC page in the wiki - the preferred syntax for comments in the spec)*
          - ***(AI all**: please review six months of mail and contrast it against the spreadsheet.)*
          - The (AI models) discussion was postponed to a later meeting, as the room was booked.
          - The room for the next session is to be booked (actie iedereen).
        """
        let found = Self.items(text)
        #expect(found.map(\.owner) == ["Bill", "Kate", "all", "iedereen"], "\(found.map(\.quote))")
        #expect(found.first?.title.contains("send Martin some examples") == true, "\(found.map(\.title))")
    }

    @Test func moreWaysToMarkAnAction() {
        let marked = [
            "AP: Jan stuurt de notulen rond.", "A.P. Jan: notulen rondsturen", "[ACTION] Jan to circulate the notes",
            "[Actie] Jan stuurt de notulen rond.", "Opvolging: Jan stuurt de notulen rond.", "Jan: notulen rondsturen (actie)",
            "Circulate the slides (Jan) [ACTION]",
        ]
        for line in marked {
            let found = Self.items("Aanwezig: Jan, Piet\n\nDe notulen worden besproken.\n\n\(line)\n")
            #expect(found.map(\.owner) == ["Jan"], "\(line): \(found.map(\.title))")
            #expect(found.allSatisfy { !$0.title.lowercased().contains("(actie)") && !$0.title.contains("[ACTION]") }, "\(found.map(\.title))")
        }
        let unmarked = [
            "AP leaders met in Brussels last week.", "De AP meldt dat de wet is aangenomen.",
            "userActions.flatMapLatest { action in performAction(action)", "Follow up with the vendor on pricing was discussed.",
        ]
        for line in unmarked {
            #expect(Self.items("Aanwezig: Jan, Piet\n\n\(line)\n").isEmpty, "\(line)")
        }
    }

    /// Ways minutes report a commitment that the rules did not read: reported speech without
    /// "that", the perfect, "going to", taking an action, "we spreken af dat", who a name is
    /// in brackets, "in kaart brengen". And the look-alikes that commit nobody.
    @Test func moreWaysToReportACommitment() {
        let committed: [(String, String)] = [
            ("Lisa said she would update the wiki page.", "Lisa"), ("Lisa said that she would update the wiki page.", "Lisa"),
            ("Jan says he will send the figures.", "Jan"), ("Tom is going to prepare the slides.", "Tom"),
            ("Petra takes an action to contact the vendor.", "Petra"), ("Petra took the action to contact the vendor.", "Petra"),
            ("Jan heeft toegezegd de cijfers te leveren.", "Jan"), ("Jan heeft aangeboden de cijfers te leveren.", "Jan"),
            ("Jan heeft zich bereid verklaard de cijfers te leveren.", "Jan"), ("Tom has agreed to chair the next call.", "Tom"),
            ("We spreken af dat Jan de offerte opvraagt.", "Jan"), ("Petra (PS) will confirm the venue.", "Petra"),
            ("PS (Petra) to confirm the venue.", "PS"), ("Lisa brengt de kosten in kaart.", "Lisa"),
            ("Dave takes the lead on the migration plan.", "Dave"), ("Erin owns the follow-up with the vendor.", "Erin"),
        ]
        Self.expectOneItem(committed)
        let not = [
            "Lisa said she would rather not change the plan.", "Jan said that it would be good to meet again.",
            "Tom is going to be on holiday next week.", "Jan said he was happy with the result.",
            "Petra took the action items from last time as read.", "Jan heeft toegezegd dat het geld er komt.",
            "Petra (PS) was not present.", "Tom: informeert naar de stand van zaken.", "Erin owns the copyright of the logo.", "Lisa: geeft aan dat het budget krap is.",
            // A name, a colon and a verb of doing is an entry of an actions list, but in running
            // text it is as often a turn of a transcript: left to the rules of turns.
            "Petra: stuurt de presentatie na.",
        ]
        Self.expectNoItem(not)
    }

    /// Contractions ("he'd", "she'll", "we'll"), a task taken on ("will be responsible for"),
    /// "ACTION on X", and Dutch steps of inquiry and care ("informeert bij … naar", "vraagt
    /// na", "doet navraag", "draagt zorg voor", "buigt zich over").
    @Test func contractionsTasksTakenOnAndStepsOfInquiry() {
        let committed: [(String, String)] = [
            ("Tom said he'd send the slides around.", "Tom"), ("Tom said that he'd send the slides around.", "Tom"),
            ("Lisa says she’ll update the wiki page.", "Lisa"), ("ACTION on Lisa to circulate the draft.", "Lisa"),
            ("Tom will be responsible for booking the venue.", "Tom"), ("Tom will be in touch with the vendor.", "Tom"),
            ("Jan informeert bij de provincie naar de planning.", "Jan"), ("Jan vraagt na bij de gemeente hoe het zit.", "Jan"),
            ("Jan doet navraag bij de gemeente.", "Jan"), ("Jan draagt zorg voor de uitnodiging.", "Jan"),
            ("Jan buigt zich over de begroting.", "Jan"), ("Lisa: We'll take care of the venue.", "Lisa"),
        ]
        Self.expectOneItem(committed)
        let not = [
            "Tom said he'd already sent the slides.", "Tom said he'd finished the draft.", "Tom said he'd been too busy.",
            "Tom will be on leave in May.", "Jan informeert de groep over de stand van zaken.",
            "Jan doet een mededeling over de zaal.", "Lisa: We'll have to keep updating the documents all the time.",
            "Lisa: We'll see how it goes.",
        ]
        Self.expectNoItem(not)
    }

    /// Dutch puts the verb before the subject after a fronted phrase ("Namens de gemeente zal
    /// Petra …", "Vóór 1 mei levert Jan …"); a request may leave out "om" ("verzoekt Petra de
    /// offerte op te vragen") or come first ("Aan Petra wordt gevraagd …"). "Volgens Jan zal
    /// de provincie akkoord gaan" reports an opinion: nobody's step.
    @Test func frontedPhrasesAndRequestsInDutch() {
        let committed: [(String, String)] = [
            ("Namens de gemeente zal Petra de brief versturen.", "Petra"), ("Vóór 1 mei levert Jan de cijfers aan.", "Jan"),
            ("Jan verzoekt Petra de offerte op te vragen.", "Jan"), ("Aan Petra wordt gevraagd de offerte op te vragen.", "Petra"),
            ("Aan Petra wordt gevraagd om de offerte op te vragen.", "Petra"),
        ]
        Self.expectOneItem(committed)
        let not = ["Volgens Jan zal de provincie akkoord gaan.", "According to Tom the province will agree.",
                   "Er wordt gevraagd of de planning klopt.", "Volgende week is Jan op vakantie."]
        Self.expectNoItem(not)
    }

    /// What a group or a person will be, not do: a group meeting again, something to be
    /// discussed, someone present, available or a member; "Discussion" is not a person.
    /// Meeting someone, or being ready with a report by a date, stays a step.
    @Test func statesAndMeetingsAgainAreNoSteps() {
        let not = [
            "The group will meet again on 4 April.", "De werkgroep zal in juni weer bijeenkomen.",
            "Discussion will continue on the mailing list.", "The draft will be discussed at IETF 120.",
            "Jan zal volgende keer weer aanwezig zijn.", "Jan zal beschikbaar zijn voor vragen.",
            "Jan zal ook lid worden van de werkgroep.",
        ]
        Self.expectNoItem(not)
        let committed: [(String, String)] = [
            ("Tom will meet the alderman next week.", "Tom"), ("Jan zal voor 1 mei klaar zijn met het rapport.", "Jan"),
            ("The chairs will meet with the AD to discuss the charter.", "the chairs"),
        ]
        Self.expectOneItem(committed)
    }

    /// A transcript's turns: the first person commits ("Dat pak ik op" puts the verb before
    /// "ik"); a forecast about someone else ("De provincie zal waarschijnlijk nee zeggen",
    /// "The province will probably say no") commits nobody.
    @Test func aTranscriptDraftsTheTurnsThatCommit() {
        let nl = """
            Aanwezig: Jan de Vries, Petra Smit, Ahmed Bakker, Lisa Jansen, Tom Berg

            Jan: Ik denk dat we opnieuw naar de cijfers moeten kijken.
            Lisa: Ik stuur de cijfers vrijdag rond.
            Ahmed: Dat klinkt goed. De provincie zal waarschijnlijk nee zeggen.
            Petra: Wie gaat het schrijven?
            Ahmed: Prima, dat pak ik op.
            Lisa: De gemeente publiceert in april nieuwe cijfers.
            Tom: Goed idee, laten we dat de volgende keer doen.

            """
        #expect(Self.items(nl).map(\.owner) == ["Lisa", "Ahmed"], "\(Self.items(nl).map(\.title))")
        let en = """
            Present: Jan de Vries, Petra Smit, Ahmed Bakker, Lisa Jansen, Tom Berg

            Jan: I think we should look at the numbers again.
            Lisa: I'll send the figures to everyone by Friday.
            Ahmed: That sounds good. The province will probably say no.
            Petra: Who is going to write it?
            Ahmed: OK, I can take that on.

            """
        #expect(Self.items(en).map(\.owner) == ["Lisa", "Ahmed"], "\(Self.items(en).map(\.title))")
    }

    /// When and where the group meets next is the meeting's own arrangement; still having
    /// to arrange it, or someone named to, is a step.
    @Test func theNextMeetingsArrangementsAreNoAction() {
        for line in ["The next meeting will be held on 4 April.", "The next meeting will take place on 4 April.",
                     "The next call will be scheduled after the summer.", "De volgende vergadering zal plaatsvinden op 4 april.",
                     "De volgende bijeenkomst wordt gepland na de zomer."] {
            #expect(ProseRules.analyze(line).commitment == nil, "\(line)")
            #expect(Self.items("Aanwezig: Jan, Piet\n\n\(line)\n").isEmpty, "\(line)")
        }
        for line in ["Een volgende bijeenkomst moet nog gepland worden.", "The next meeting will be scheduled by the secretariat.",
                     "The next meeting needs to be scheduled."] {
            #expect(ProseRules.analyze(line).commitment != nil, "\(line)")
        }
    }

    /// "Bob: will update the docs": an entry that leaves out its subject, the name before the
    /// colon; "Chen: will be on leave in April" is news, not a step.
    @Test func aLabelBeforeWillOrZalOwnsTheEntry() {
        let found = Self.items("Aanwezig: Bob, Jan, Chen\n\nBob: will update the docs by Friday.\n\nJan: zal de notulen rondsturen.\n\nChen: will be on leave in April.\n")
        #expect(found.map(\.owner) == ["Bob", "Jan"], "\(found.map(\.title))")
    }

    @Test func viewsAndStandingArrangementsAreNoActions() {
        let view = Self.items("De verwachting is dat sommige antwoorden geautomatiseerd zullen worden.\n")
        #expect(view.isEmpty)
        #expect(ProseRules.isRecurring(" de werkgroep zal elke twee weken bijeenkomen "))
        #expect(!ProseRules.isRecurring(" de werkgroep zal het voorstel bespreken "))
        #expect(ProseRules.isRecurring(" deze moeten altijd up to date gehouden worden "))
        #expect(!ProseRules.isRecurring(" piet zoekt uit waarom de mail niet altijd aankomt "))
        #expect(!ProseRules.isRecurring(" bob will find out why the build does not always pass "))
        #expect(Self.items("De servers moeten altijd up to date gehouden worden door de beheerder.\n").isEmpty)
        let marked = Self.items("AI remove meeting label\n\nFYI - no action needed.\nAI remove agenda label\n")
        #expect(marked.count == 2, "\(marked.map(\.title))")
    }
}

/// Dutch word order puts the participle before "worden", with words between the modal and
/// it; those invited or asked at the meeting own what they were asked.
@Suite struct PassiveAndInvitationTests {
    @Test func aParticipleBeforeWordenAfterAModal() {
        #expect(Clauses.passive(" er zal, in afstemming met x, gekeken worden naar een manier ") == .passive)
        #expect(Clauses.passive(" de errors moeten nog verder opgelost worden ") == .obligation)
        #expect(Clauses.passive(" de werkgroep heeft gekeken naar de worden ") == nil)
    }

    @Test func theInvitedOwnIt() {
        let nl = ProseRules.analyze("Alle werkgroepleden zijn expliciet uitgenodigd voorbeelden aan te dragen.")
        #expect(nl.commitment == .obligation && nl.owner != nil, "\(nl)")
        let en = ProseRules.analyze("Members are urged to post feedback to the list.")
        #expect(en.commitment == .obligation && en.owner?.lowercased() == "members", "\(en)")
    }

    @Test func aQuestionAndItsAnswerIsNoAction() {
        #expect(ProseRules.analyze("In het labo zelf, moeten wachtwoorden gebruikt worden? => Best geen wachtwoorden").question)
    }
}

/// "before IETF 119" in the minutes of IETF 118 is the next meeting.
@Suite struct NumberedMeetingTests {
    @Test func theNextNumberIsTheNextMeeting() {
        let n = NumberedMeeting.find(["", "# IETF-118 QUIC WG meeting", "Chairs: Lucas"])
        #expect(n?.name == "ietf" && n?.number == 118)
        #expect(n?.nextByNumber("please send comments before ietf 119.")?.due == .nextMeeting(offset: nil))
        #expect(n?.nextByNumber("by ietf-119") != nil)
        #expect(n?.nextByNumber("before ietf 120") == nil)
        #expect(n?.nextByNumber("before ietf 1190") == nil)
        let text = "# IETF-118 QUIC WG meeting\n\nDate: 2023-11-06\n\nAlice will update the draft before IETF 119.\n"
        let item = MinutesImporter.extract(text).items.first
        #expect(item?.due == "next meeting", "\(String(describing: item))")
    }
}
