/// Dutch separable verbs put their particle at the end of the clause: "Pranger stelt de
/// brief op" (drafts: an action), "VB geeft aan dat …" (says: narrative), "Hoekstra merkt op"
/// (remarks). The particle decides which, so the verb alone cannot.
extension Lexicon {
    /// Verb → particle → whether the pair commits to doing something.
    static let separableVerbs: [String: [String: Bool]] = {
        let pairs: [([String], [String: Bool])] = [
            (["stelt", "stellen"], ["op": true, "voor": false, "vast": false, "in": false]),
            (["legt", "leggen"], ["voor": true, "vast": true, "uit": false]),
            (["pakt", "pakken"], ["op": true]),
            (["zoekt", "zoeken"], ["uit": true]),
            (["werkt", "werken"], ["uit": true, "bij": true, "mee": false]),
            (["stuurt", "sturen"], ["rond": true, "door": true, "toe": true, "na": true, "op": true, "in": true]),
            (["geeft", "geven"], ["door": true, "aan": false, "toe": false, "op": false, "af": false]),
            (["koppelt", "koppelen"], ["terug": true]),
            (["nodigt", "nodigen"], ["uit": true]),
            (["vraagt", "vragen"], ["op": true, "aan": true, "na": true]),
            (["zet", "zetten"], ["uit": true, "op": true, "door": true]),
            (["levert", "leveren"], ["aan": true, "op": true, "in": true]),
            (["dient", "dienen"], ["in": true]),
            (["bereidt", "bereiden"], ["voor": true]),
            (["komt", "komen"], ["terug": true, "samen": true, "overeen": false]),
            (["gaat", "gaan"], ["na": true, "akkoord": false]),
            (["merkt", "merken"], ["op": false]),
            (["licht", "lichten"], ["toe": false]),
            (["roept", "roepen"], ["op": false]),
            (["sluit", "sluiten"], ["af": false, "aan": false]),
            (["neemt", "nemen"], ["op": true, "mee": true, "door": true, "waar": false, "deel": false, "kennis": false]),
            (["brengt", "brengen"], ["uit": true, "in": false]),
            (["haalt", "halen"], ["op": true]),
            (["wijst", "wijzen"], ["op": false]),
            (["spreekt", "spreken"], ["af": true, "uit": false]),
            (["vult", "vullen"], ["aan": true, "in": true]),
            (["past", "passen"], ["aan": true]),
            (["plant", "plannen"], ["in": true]),
            (["richt", "richten"], ["in": true]),
            (["voert", "voeren"], ["uit": true]),
            (["kijkt", "kijken"], ["na": true, "mee": false, "terug": false]),
            (["houdt", "houden"], ["bij": true, "vast": false]),
            (["denkt", "denken"], ["mee": false]),
            (["zegt", "zeggen"], ["toe": true]),
            (["schrijft", "schrijven"], ["uit": true]),
            (["rondt", "ronden"], ["af": true]),
            (["stemt", "stemmen"], ["af": true, "in": false]),
            (["haakt", "haken"], ["aan": true]),
        ]
        var out: [String: [String: Bool]] = [:]
        for (verbs, particles) in pairs { for v in verbs { out[v] = particles } }
        return out
    }()

    /// What may follow a clause-final particle: the end of the clause or a phrase after it
    /// ("legt het voor aan de wethouder", "neemt contact op met X").
    static let afterParticle: Set<String> = [
        ",", ".", ";", ":", "en", "om", "te", "(", "aan", "bij", "met", "naar", "in", "over", "-", "–", "voor", "tot",
        "zodat", "omdat", "waarbij", "en/of", "of", "uiterlijk", "binnen", "na",
    ]

    /// Whether the verb at `j` with its particle commits (true), narrates (false), or has no
    /// particle in its clause (nil).
    static func separable(_ tokens: [Token], _ j: Int) -> Bool? {
        guard let particles = separableVerbs[tokens[j].folded] else { return nil }
        var k = j + 1
        while k < tokens.count, k - j <= 14 {
            let w = tokens[k].folded
            if let commits = particles[w], k + 1 == tokens.count || afterParticle.contains(tokens[k + 1].folded) {
                return commits
            }
            if [",", ".", ";", "dat", "en", "that"].contains(w) { return nil }
            k += 1
        }
        return nil
    }
}
