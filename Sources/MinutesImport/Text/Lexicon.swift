/// The words the extractor recognises, in one place so they can be read, reviewed and
/// extended without touching the rules. All entries are folded (lower case, no accents).
enum Lexicon {
    // MARK: Markers

    /// Labels that introduce an action ("Actie:", "ACTION:", "AI:").
    static let actionMarkers: [String] = [
        "actiepunten", "actiepunt", "acties", "actie", "aktie", "afspraken", "afspraak",
        "toezeggingen", "toezegging", "vervolgacties", "vervolgactie", "vervolgstappen",
        "action items", "action item", "action points", "action point", "actions", "action",
        "follow-ups", "follow-up", "next steps", "todo", "to do", "to-do", "ai",
        "action by", "action on", "actions by", "actie door", "actie bij",
        // Flemish "opvolging" (follow-up), "vervolgstap", "next step", "follow up"; "AP" and
        // "A.P." (actiepunt) in capitals and with a colon or an owner only.
        "opvolging", "vervolgstap", "next step", "follow up", "followup", "actiehouder", "ap", "a.p.",
    ]
    /// Labels that introduce something that is not an action.
    static let decisionMarkers: [String] = [
        "besluiten", "besluit", "besluitenlijst", "besloten", "beslissingen", "beslissing", "decisions", "decision", "decided",
        "resolved", "conclusie", "conclusion", "mededelingen", "mededeling", "informatie", "info",
        "note", "noted", "ter informatie", "for information",
    ]

    // MARK: Actors

    /// Nouns that name a person or body without a proper name ("de voorzitter", "the chairs").
    static let roleNouns: Set<String> = [
        "voorzitter", "voorzitters", "secretaris", "secretariaat", "secretarissen", "notulist",
        "minister", "ministers", "staatssecretaris", "projectleider", "programmamanager",
        "werkgroep", "projectgroep", "kerngroep", "stuurgroep", "commissie", "bestuur",
        "directie", "directeur", "ambtenaren", "leden", "deelnemers", "partijen", "allen",
        "iedereen", "gemeenten", "gemeente", "provincies", "provincie", "coordinator", "team",
        "afdeling", "penvoerder", "trekker", "kwartiermaker", "woordvoerder",
        "chair", "chairs", "chairperson", "co-chairs", "secretary", "secretariat", "minute-taker",
        "board", "committee", "members", "member", "everyone", "all", "participants", "lead",
        "leads", "manager", "director", "coordinator", "group", "working", "staff", "officer",
        "treasurer", "president", "editor", "editors", "organisers", "organizers", "host",
        "wethouder", "wethouders", "burgemeester", "gedeputeerde", "gedeputeerden", "dijkgraaf",
        "griffier", "griffie", "concernstaf", "staf", "portefeuillehouder", "adviseur",
        "beleidsmedewerker", "projectteam", "kernteam", "regiegroep", "klankbordgroep",
        "penningmeester", "vicevoorzitter", "secretaris-directeur", "gemeentesecretaris",
        "bestuursleden", "bestuurslid", "ledenraad", "notulist", "jeugdcommissie", "contactpersoon",
        "werkgroepleden", "commissieleden", "raadsleden", "teamleden", "projectleden",
        "head", "chief", "officer", "officers", "trustees", "trustee", "governors", "councillors",
        "clerk", "scribe", "facilitator", "convenor", "convener", "sponsor", "vice-chair",
        "co-chair", "administrator", "accountant", "auditor", "auditors", "analyst", "owner",
        "owners", "pmo", "office", "services", "service", "unit", "department", "dienst",
    ]
    /// Titles before a name, dropped from the owner ("Mw. De Wit" is De Wit).
    static let honorifics: Set<String> = [
        "dhr", "mw", "mevr", "mevrouw", "meneer", "heer", "mr", "mrs", "ms", "miss", "dr", "cllr",
        "councillor", "prof", "ir", "drs", "ing", "sir", "dame", "mx",
    ]
    /// Capitalised words that open sentences but never name an actor.
    static let notActors: Set<String> = [
        "de", "het", "een", "er", "dit", "dat", "deze", "die", "wel", "ook", "verder", "daarnaast",
        "tevens", "vervolgens", "daarna", "voorts", "hierbij", "hierop", "daarom", "dan", "nu",
        "hiervoor", "daarvoor", "hierover", "daarover", "hiermee", "daarmee", "hierdoor", "daardoor", "hierna",
        "daarop", "hieraan", "daaraan", "bovendien", "eerst", "straks", "morgen", "vandaag", "binnenkort",
        "zo", "als", "indien", "mocht", "na", "voor", "op", "in", "met", "bij", "naar", "om", "aan", "volgens",
        "namens", "according", "via", "vanuit", "discussion", "discussie",
        "tot", "uit", "van", "over", "ook", "nog", "alle", "iedere", "elke", "geen", "zij", "ze",
        "hij", "wij", "we", "men", "u", "ik", "jij", "hun", "haar", "zijn", "mogelijk", "eventueel",
        "the", "a", "an", "this", "that", "these", "those", "there", "it", "we", "they", "he",
        "she", "i", "you", "our", "their", "also", "then", "if", "when", "once", "after",
        "before", "for", "to", "in", "on", "at", "with", "by", "from", "of", "next", "all",
        "any", "each", "every", "no", "none", "some", "action", "actie", "todo", "note",
        "agenda", "agendapunt", "item", "punt", "besluit", "decision", "datum", "date",
        "vergadering", "meeting", "overleg", "verslag", "notulen", "minutes", "call",
        "aanwezig", "present", "afwezig", "absent", "wie", "wat", "wanneer", "who", "what",
        "when", "status", "opmerking", "opmerkingen", "vraag", "antwoord", "question",
        "mr", "mrs", "ms", "dr", "dhr", "mevr", "mw", "both", "beide", "please", "graag",
        "welcome", "welkom", "thanks", "dank", "opening", "sluiting", "rondvraag",
        "agreed", "afgesproken", "overeengekomen", "noted", "approved", "summary", "samenvatting",
        // past tenses that open a sentence of minutes ("Wanted to make sure …", "Discussed …")
        "wanted", "discussed", "decided", "explained", "reported", "confirmed", "suggested", "asked",
        "mentioned", "highlighted", "proposed", "requested", "raised", "welcomed", "presented",
        "considered", "reviewed", "thanked", "reminded", "recommended", "stated", "clarified",
        "expressed", "queried", "summarised", "summarized", "concluded", "received", "circulated",
        "completed", "noting", "following", "regarding", "besproken", "toegelicht", "gemeld",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    ]
    /// Name particles between a first name and a surname ("Jan van der Berg").
    static let nameParticles: Set<String> = ["van", "de", "der", "den", "ter", "ten", "te", "von", "la", "le", "du", "'t"]
    /// Joiners in a list of owners ("JenV en MBZK", "Anna and Bob").
    static let listJoiners: Set<String> = ["en", "and", "&", ",", "+", "/", "samen", "together", "plus"]

    // MARK: Commitments

    /// Dutch and English modal verbs of a commitment (`X zal`, `X will`).
    static let modals: Set<String> = ["zal", "zullen", "will", "shall", "'ll", "gaat", "gaan", "zult"]
    /// Verbs after a subject that make a sentence a commitment (folded, present tense).
    static let commitVerbs: Set<String> = [
        "neemt", "nemen", "stuurt", "sturen", "verstuurt", "versturen", "zorgt", "zorgen",
        "agendeert", "agenderen", "levert", "leveren", "werkt", "werken", "bereidt", "bereiden",
        "koppelt", "koppelen", "organiseert", "organiseren", "plant", "plannen", "verspreidt",
        "verspreiden", "zoekt", "zoeken", "inventariseert", "inventariseren", "onderzoekt",
        "onderzoeken", "checkt", "checken", "bekijkt", "bekijken", "pakt", "pakken", "schrijft",
        "schrijven", "stelt", "stellen", "past", "passen", "belt", "bellen", "mailt", "mailen",
        "nodigt", "nodigen", "regelt", "regelen", "verzorgt", "verzorgen", "actualiseert",
        "actualiseren", "brengt", "brengen", "vraagt", "vragen", "zegt", "zeggen", "doet",
        "doen", "maakt", "maken", "kijkt", "kijken", "komt", "komen", "informeert", "informeren",
        "deelt", "delen", "verkent", "verkennen", "gaat", "gaan", "stemt", "stemmen", "legt",
        "leggen", "zet", "zetten", "rondt", "ronden", "verwerkt", "verwerken", "benadert",
        "benaderen", "houdt", "houden", "draagt", "dragen", "formuleert", "formuleren",
        "buigt", "buigen", "koopt", "kopen", "bestelt", "bestellen", "reserveert", "reserveren", "boekt", "boeken", "huurt", "huren",
        "betaalt", "betalen", "print", "printen", "installeert", "installeren", "configureert", "configureren",
        "bouwt", "bouwen", "ontwerpt", "ontwerpen", "vertaalt", "vertalen", "publiceert", "publiceren",
        "plaatst", "plaatsen", "bezoekt", "bezoeken", "test", "testen", "ruimt", "ruimen", "levert",
        "circulates", "circulate", "sends", "send", "drafts", "draft", "prepares", "prepare",
        "contacts", "contact", "organises", "organizes", "organise", "organize", "schedules",
        "schedule", "updates", "update", "reviews", "review", "shares", "share", "follows",
        "follow", "checks", "check", "arranges", "arrange", "writes", "write", "asks", "ask",
        "looks", "look", "reaches", "reach", "investigates", "investigate", "sets", "set",
        "books", "book", "provides", "provide", "submits", "submit", "confirms", "confirm",
        "finalises", "finalizes", "finalise", "finalize", "liaises", "liaise", "produces",
        "produce", "compiles", "compile", "collects", "collect", "invites", "invite", "emails",
        "email", "calls", "call", "distributes", "distribute", "informs", "inform", "takes", "take",
        "explores", "explore", "proposes", "propose", "coordinates", "coordinate", "circulates",
        "bespreekt", "bespreken", "betrekt", "betrekken", "laat", "laten", "presenteert", "presenteren",
        "rapporteert", "rapporteren", "publiceert", "publiceren", "analyseert", "analyseren", "beoordeelt",
        "beoordelen", "evalueert", "evalueren", "verzorgt", "controleert", "controleren", "onderhoudt",
        "presents", "present", "reports", "report", "publishes", "publish", "issues", "issue", "chases",
        "chase", "files", "file", "brings", "bring", "arranges", "drafts", "analyses", "analyzes",
        "analyse", "analyze", "assesses", "assess", "evaluates", "evaluate", "agrees", "approaches",
        "approach", "completes", "complete", "delivers", "deliver", "runs", "run", "leads", "lead",
    ]
    /// Present-tense verbs that minutes also use to report what was said at the table; they
    /// count as a commitment only with a deadline or a "nog"/"verder" of intent.
    static let narrativeRisk: Set<String> = [
        "informeert", "deelt", "stelt", "zegt", "doet", "maakt", "komt", "kijkt", "brengt",
        "gaat", "legt", "zet", "houdt", "stemt", "vraagt", "werkt", "past", "draagt",
        "informs", "shares", "takes", "sets", "looks", "calls", "asks", "reviews", "checks",
        "proposes", "follows", "bespreekt", "bespreken", "laat", "presenteert", "rapporteert",
        "presents", "reports", "brings", "leads", "runs", "agrees", "buigt", "buigen",
    ]
    /// Reporting verbs whose subject owns what follows ("SJenV concludeert dat hij …").
    static let reportingVerbs: Set<String> = [
        "concludeert", "zegt", "belooft", "geeft", "stelt", "spreekt", "bevestigt", "besluit",
        "neemt", "biedt", "committeert", "verklaart", "meldt", "antwoordt",
        "agreed", "agrees", "said", "says", "confirmed", "confirms", "promised", "promises",
        "undertook", "undertakes", "offered", "offers", "volunteered", "volunteers",
        "committed", "commits", "noted", "notes", "concluded", "concludes",
    ]
    /// Reporting verbs by which the speaker commits ("SJenV concludeert dat …"), as opposed
    /// to only informing ("antwoordt", "meldt", "geeft aan").
    static let committingReports: Set<String> = [
        "concludeert", "zegt", "belooft", "bevestigt", "committeert", "biedt", "neemt",
        "agreed", "agrees", "promised", "promises", "confirmed", "confirms", "undertook", "undertakes",
        "concluded", "concludes", "committed", "commits", "offered", "offers", "volunteered",
    ]
    /// English base forms of the verbs above: after a single subject they are nouns
    /// ("the report", "the plan"), not a present tense.
    static let englishBaseVerbs: Set<String> = [
        "circulate", "send", "draft", "prepare", "contact", "organise", "organize", "schedule", "update",
        "review", "share", "follow", "check", "arrange", "write", "ask", "look", "reach", "investigate",
        "set", "book", "provide", "submit", "confirm", "finalise", "finalize", "liaise", "produce",
        "compile", "collect", "invite", "email", "call", "distribute", "inform", "take", "explore",
        "propose", "coordinate", "present", "report", "publish", "issue", "chase", "file", "bring",
        "analyse", "analyze", "assess", "evaluate", "approach", "complete", "deliver", "run", "lead",
    ]
    /// English "X agreed to / offered to / is to" commitments.
    static let englishToVerbs: Set<String> = [
        "agreed", "agrees", "undertook", "undertakes", "offered", "offers", "volunteered",
        "volunteers", "promised", "promises", "committed", "commits", "is", "are", "needs",
        "need", "has", "have", "was", "were",
    ]
    /// Phrases of effort, not of a deliverable: a commitment, but a weak one.
    static let vagueEffort: [String] = [
        "zich inzetten", "zich in te zetten", "zet zich in", "zetten zich in", "aandacht hebben",
        "aandacht houden", "blijft aandacht", "meedenken", "denkt mee", "denken mee", "helpt mee",
        "helpen mee", "helpen graag", "houdt in de gaten", "houden in de gaten", "keep an eye",
        "keep in mind", "bear in mind", "try to", "probeert", "proberen", "streeft", "streven",
    ]
    /// Words that make a sentence tentative or conditional.
    static let conditionalOpeners: Set<String> = [
        "als", "indien", "mocht", "mochten", "ingeval", "wanneer", "tenzij", "mits",
        "if", "should", "unless", "provided", "in case", "whether", "eventueel", "possibly",
        "perhaps", "maybe",
    ]
    static let hedges: [String] = [
        " zou ", " zouden ", " kan ", " kunnen ", " mogelijk ", " eventueel ", " overweegt ",
        " wellicht ", " misschien ", " might ", " may ", " could ", " would ", " considers ",
        " consider ", " possibly ", " perhaps ", " if needed", " indien nodig", " zo nodig",
        " if necessary", " if possible", " waar mogelijk", " where possible",
        // a forecast, not a commitment: "De provincie zal waarschijnlijk nee zeggen"
        " probably ", " likely ", " waarschijnlijk ", " vermoedelijk ", " naar verwachting ",
    ]
    /// Signs the action is already done.
    static let donePhrases: [String] = [
        "inmiddels", "is verstuurd", "is gestuurd", "zijn verstuurd", "is afgerond", "zijn afgerond",
        "is gedaan", "heeft plaatsgevonden", "al gedaan", "reeds", "already", "has been sent",
        "have been sent", "was sent", "were sent", "has been completed", "was completed",
        "is done", "was done", "has been done", "completed", "afgehandeld",
    ]
    /// Values of a status column that close a row.
    static let closedStatus: Set<String> = [
        "afgerond", "gereed", "klaar", "gedaan", "gesloten", "vervallen", "afgehandeld", "done",
        "closed", "completed", "complete", "finished", "resolved", "cancelled", "canceled",
        "dropped", "x", "✓", "✔", "ok", "ja", "yes", "n.v.t.", "nvt", "n/a", "obsolete",
    ]
    /// Participles of a passive commitment ("wordt geagendeerd", "will be circulated").
    /// What "maakt"/"houdt" report rather than do: "maakt een opmerking", "houdt een pleidooi".
    static let talkObjects: Set<String> = [
        "opmerking", "opmerkingen", "punt", "duidelijk", "bezwaar", "kenbaar", "melding", "zich", "zorgen", "gebruik",
        "presentatie", "pleidooi", "toespraak", "verhaal", "rekening", "voorbehoud", "kanttekening", "kanttekeningen",
        "excuses", "grapje", "vergelijking", "onderscheid", "deel", "uit", "voortgang", "vorderingen", "indruk", "zitting",
        "van", "kennis", "ruzie", "werk", "plaats",
    ]
    static let passiveParticiples: Set<String> = [
        "geagendeerd", "verstuurd", "gestuurd", "rondgestuurd", "uitgewerkt", "opgepakt",
        "betrokken", "geinformeerd", "voorbereid", "gedeeld", "verspreid", "opgesteld",
        "aangepast", "gepland", "georganiseerd", "nagegaan", "uitgezocht", "teruggekoppeld",
        "aangeleverd", "opgeleverd", "geleverd", "bekeken", "onderzocht", "uitgenodigd",
        "geregeld", "benaderd", "gecontroleerd", "geactualiseerd", "geevalueerd", "ingepland",
        "voorgelegd", "besproken", "afgestemd", "opgevraagd", "toegestuurd", "nagestuurd",
        "gecommuniceerd", "vastgelegd", "aangevuld", "gemaakt",
        "sent", "circulated", "shared", "drafted", "prepared", "updated", "scheduled",
        "organised", "organized", "arranged", "distributed", "contacted", "informed", "invited",
        "added", "placed", "reviewed", "followed", "finalised", "finalized", "published",
        "submitted", "uploaded", "revised", "checked", "investigated", "collected", "compiled",
        "provided", "discussed", "explored", "confirmed", "booked", "raised", "tabled",
    ]
    /// Verbs after which `met X` names the party contacted, not a co-owner.
    static let contactWords: [String] = [
        "contact", "in gesprek", "afstemmen", "stemt af", "stemmen af", "af te stemmen", "bellen",
        "belt", "spreken", "spreekt", "overleggen", "overlegt",
    ]
}
