import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// Who, and whether a sentence commits at all: one rule per case, in both languages.
@Suite struct ClauseRulesTests {
    static func owner(_ s: String, roster: Roster = .empty) -> (String?, Analysis.Commitment?) {
        let a = ProseRules.analyze(s, roster: roster)
        return (a.owner, a.commitment)
    }

    @Test(arguments: [
        ("Mw. De Wit zal het bestuur informeren.", "De Wit"),
        ("Dhr. K. Smits stuurt het rapport rond.", "K. Smits"),
        ("G. Walsh to present the annual fraud report.", "G. Walsh"),
        ("The Head of Internal Audit will bring a follow-up report.", "the Head of Internal Audit"),
        ("The Chief Finance Officer undertook to circulate a timetable.", "the Chief Finance Officer"),
        ("wethouder De Groot zal de raad informeren.", "wethouder De Groot"),
        ("All trustees to complete the skills audit.", "all trustees"),
        ("MvdB and RO will prepare the application.", "MvdB"),
        ("Jan de Vries zal de planning aanpassen.", "Jan de Vries"),
    ])
    func ownersAsWritten(_ sentence: String, _ expected: String) {
        #expect(Self.owner(sentence).0 == expected, "\(sentence)")
    }

    @Test func aSlashBetweenNamesIsAList() {
        #expect(ActorParser.names(in: "MvdB/RO") == ["MvdB", "RO"])
        #expect(ActorParser.names(in: "JenV/MBZK") == ["JenV", "MBZK"])
        #expect(ActorParser.names(in: "@lars") == ["lars"])
    }

    @Test func agreementsNameTheOwnerWhateverTheVerb() {
        let nl = ProseRules.analyze("Afgesproken wordt dat de concernstaf binnen twee weken een doorrekening maakt.")
        #expect(nl.owner == "de concernstaf" && nl.commitment == .agreed)
        let verbLast = ProseRules.analyze("Afgesproken wordt dat Koen de schoolgids uiterlijk 15-05 aan de MR voorlegt.")
        #expect(verbLast.owner == "Koen")
        let en = ProseRules.analyze("It was agreed that the secretariat would book the room.")
        #expect(en.owner == "the secretariat" && en.commitment == .agreed && !en.hedged)
        let passive = ProseRules.analyze("Afgesproken wordt dat de notitie voor de volgende vergadering wordt geagendeerd.")
        #expect(passive.owner == nil && passive.commitment == .obligation)
    }

    @Test(arguments: [
        "The board agreed to proceed with a two-stage tender.",
        "The Board approved the draft budget for 2024/25.",
        "De MR stemt in met de uitgangspunten van de formatie.",
        "The committee noted the report.",
    ])
    func decisionsOfTheMeetingAreNotActions(_ s: String) {
        #expect(ProseRules.analyze(s).decision, "\(s)")
    }

    @Test func theBoardWritingIsStillAnAction() {
        let a = ProseRules.analyze("The board will write to the minister.")
        #expect(!a.decision && a.owner == "the board" && a.commitment == .modal)
    }

    @Test(arguments: [
        "Fatima vraagt of er extra capaciteit nodig is.",
        "Members asked why the audit had been delayed.",
        "Ilse vraagt hoe de vervanging geregeld wordt.",
    ])
    func indirectQuestionsAreNotActions(_ s: String) {
        #expect(ProseRules.analyze(s).question, "\(s)")
    }

    @Test func aRequestMadeAtTheTableIsOwnedByTheOneAsked() {
        #expect(Self.owner("Priya asked Tom to get a second quote.").0 == "Tom")
        // In the present tense the asker acts: "MBZK vraagt Aedes om …" is MBZK's action.
        let seed = ProseRules.analyze("MBZK vraagt Aedes om de betrokken locaties aan te leveren.")
        #expect(seed.owner == "MBZK" && seed.involved == ["Aedes"])
    }

    @Test func dutchSeparableVerbsDecideByTheirParticle() {
        #expect(Self.owner("Pranger stelt de raadsinformatiebrief op en legt deze voor aan de wethouder.").1 == .present)
        #expect(Self.owner("Hoekstra merkt op dat de planning krap is.").1 == nil)
        #expect(Self.owner("De dijkgraaf licht de stand van zaken toe.").1 == nil)
        #expect(Self.owner("Jan zegt toe contact op te nemen met de oudervereniging.").1 == .modal)
    }

    @Test func passivesNeedAnObligationOrAWordOfTime() {
        #expect(Clauses.passive(" legal advice is to be obtained before the award ") == .obligation)
        #expect(Clauses.passive(" het voorstel wordt voor de volgende vergadering geagendeerd ") == .passive)
        #expect(Clauses.passive(" het concept wordt besproken ") == nil, "present tense, no time: a report of the meeting")
        #expect(Clauses.passive(" de uitspraak wordt begin december verwacht ") == nil, "expected is not a task")
        #expect(Clauses.passive(" each owner works out when he must be reminded ") == nil, "subordinate clause")
    }

    @Test func anInformingVerbGivesAPassiveNoOwner() {
        let a = ProseRules.analyze("De voorzitter antwoordt dat dit in de volgende regietafel wordt geagendeerd.")
        #expect(a.owner == nil && a.informedOnly)
        let seed = ProseRules.analyze("SJenV concludeert dat het BAK OEK op de volgende LRT geagendeerd zal worden.")
        #expect(seed.owner == "SJenV", "concluding commits the speaker")
    }

    @Test func anEnglishBaseFormAfterOneSubjectIsANoun() {
        #expect(Self.owner("The Chair's report was accepted.").1 == nil)
        #expect(Self.owner("The chairs send the letter this week.").1 == .present)
    }

    @Test func withIsACoOwnerOnlyWhenAtTheTable() {
        let roster = Roster(lines: ["Present: Alan Kerr (AK), Priya Shah (PS)"])
        let a = ProseRules.analyze("AK to arrange the installation with Harris Heating.", roster: roster)
        #expect(a.with.isEmpty && a.involved == ["Harris Heating"])
        let b = ProseRules.analyze("AK to arrange the installation with PS.", roster: roster)
        #expect(b.with == ["PS"])
        let c = ProseRules.analyze("SJenV zal in overleg met MBZK de brief bekijken.", roster: roster)
        #expect(c.with == ["MBZK"], "'in overleg met' is explicit, roster or not")
    }
}

@Suite struct RosterAndStatusTests {
    @Test func theRosterTiesInitialsRolesAndNames() {
        let r = Roster(lines: [
            "Present:        Jane Smith (JS) - Chair",
            "                Marco van den Berg (MvdB) - Treasurer",
            "Aanwezig: mw. L. Jansen (secretaris-directeur), Jan Visser (voorzitter, oudergeleding)",
        ])
        #expect(r.same("JS", "Jane Smith") && r.same("the chair", "JS"))
        #expect(r.same("MvdB", "Marco"))
        #expect(r.same("De secretaris-directeur", "Jansen") && r.same("Mw. Jansen", "jansen"))
        #expect(r.same("De voorzitter", "Jan"))
        #expect(!r.same("JS", "MvdB"))
        #expect(r.fullName(of: "JS") == "Jane Smith")
    }

    /// Initials the attendance lines do not spell out are still the person's: the first
    /// letters of the name, with and without its particles; not when two people share them.
    @Test func initialsFollowFromTheNames() {
        let r = Roster(lines: ["Aanwezig: Jan de Vries, Ahmed Bakker, Lisa Jansen, Leo Janssen, Tom (voorzitter)"])
        #expect(r.fullName(of: "AB") == "Ahmed Bakker")
        #expect(r.fullName(of: "JdV") == "Jan de Vries" && r.fullName(of: "JDV") == "Jan de Vries" && r.fullName(of: "JV") == "Jan de Vries")
        #expect(r.fullName(of: "LJ") == nil, "Lisa Jansen and Leo Janssen are both LJ")
        #expect(!r.same("AB", "Lisa Jansen"))
    }

    @Test(arguments: [
        ("ACTION-41 (Chen): publish the vocabulary draft -- done, published 1 March.", true),
        ("A23-04 (KB) Update the risk log. Closed.", true),
        ("A23-07 (RP) Confirm the dates. Complete - dates circulated on 4 March.", true),
        ("ACTION-44 (Bob): contact the maintainers -- still open, Bob will follow up.", false),
        ("BZK stelt een handreiking op, gereed voor de zomer.", false),
        ("Status: afgerond", false),
        ("Brief versturen; status: afgerond", true),
    ])
    func closedStatusOnTheLine(_ text: String, _ closed: Bool) {
        #expect(ActionStatus.isClosed(text) == closed, "\(text)")
    }

    @Test func titlesLoseFormulaOwnerAndStatus() {
        #expect(Titles.clean("It was agreed that the chairs will write to the council.") == "The chairs will write to the council")
        #expect(Titles.clean("(LG) Prepare a communications plan for phase 2. Open - due 28/03/2024.") == "Prepare a communications plan for phase 2")
        #expect(Titles.clean("All trustees - complete skills audit by next Tuesday.") == "All trustees - complete skills audit by next Tuesday")
        #expect(Titles.clean("SJenV concludeert dat hij de brief zal bekijken.") == "SJenV de brief zal bekijken")
    }

    static func item(_ title: String, _ owner: String?, rank: Int, context: String = "", anaphoric: Bool = false) -> DraftItem {
        var i = DraftItem(title: title, owner: owner, line: 1, quote: title, confidence: 0.9)
        i.rank = rank; i.context = context; i.anaphoric = anaphoric
        return i
    }

    @Test func oneActionStatedInTheBodyAndInTheListIsMergedOnce() {
        let body = Self.item("Hannah offered to get a quote for a replacement", "Hannah", rank: 1,
                             context: "The noticeboard at the shops is damaged.")
        let list = Self.item("Hannah - quote for new noticeboard", "Hannah", rank: 3)
        #expect(Dedup.same(body, list))
        let merged = Dedup.merge([body, list])
        #expect(merged.count == 1 && merged[0].title == list.title && merged[0].quote == body.quote)
        // Compounds and inflections: "jaarverslagtekst" and "tekst jaarverslag".
        let roster = Roster(lines: ["Aanwezig: Jan Visser (voorzitter), Koen Mulder"])
        let a = Self.item("De voorzitter zal de jaarverslagtekst rondsturen", "De voorzitter", rank: 1)
        let b = Self.item("Jan: tekst jaarverslag rondsturen", "Jan", rank: 3)
        #expect(Dedup.merge([a, b], roster: roster).count == 1)
        #expect(Dedup.merge([a, b]).count == 2, "without the roster the voorzitter is not known to be Jan")
    }

    @Test func twoActionsOfOneOwnerStayApart() {
        let items = [
            Self.item("MvdB to circulate the final budget pack within 10 working days", "MvdB", rank: 1),
            Self.item("MvdB will prepare the application to the Lottery Community Fund", "MvdB", rank: 1),
            Self.item("MvdB - revised reserves policy to next meeting", "MvdB", rank: 3),
            Self.item("Alice: book the venue for the annual meeting", "Alice", rank: 3),
            Self.item("Prepare the annual report", "Alice", rank: 3),
        ]
        #expect(Dedup.merge(items).count == 5)
    }
}
