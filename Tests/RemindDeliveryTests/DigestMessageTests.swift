import Foundation
import RemindCore
import Testing
@testable import RemindDelivery

/// Digests as they are sent: text and HTML compared with golden files (written by
/// `REMINDD_WRITE_GOLDEN=1 swift test --filter DigestMessageTests`, then read by a person),
/// in Dutch and English, with and without action links; and the webhook form.
@Suite struct DigestMessageTests {
    static let text = """
        timezone: Europe/Amsterdam
        channels:
          local: { type: maildir, path: ./mail }
        defaults: { channels: [local] }
        people:
          SJenV: { name: Staatssecretaris JenV, email: sjenv@example.org }
          MBZK: { name: Minister BZK, email: mbzk@example.org }
          LRT: { name: LRT-secretariaat, email: lrt@example.org }
          JenV: { email: jenv@example.org }
          chair: { name: Voorzitter, email: voorzitter@example.org }
        meetings:
          lrt: { title: LRT, dates: [2023-09-25, 2023-10-23, 2023-11-20], time: "14:00" }
        events:
          rvs: { title: Uitspraak Raad van State over derdelanders, expected: early December 2023, owner: JenV }
        digests:
          weekly: { to: owners, at: "mon 08:30" }
          chair-before-lrt: { meeting: lrt, before: 2wd, at: "09:00", to: [chair] }
        items:
          - { id: taakstelling, title: "Hoogte taakstelling huisvesting bekijken", owner: SJenV, with: [MBZK], meeting: lrt@2023-09-25, due: "2023-10-02" }
          - { id: brief, title: "Brief aan gemeenten <één loket> & co", owner: SJenV, meeting: lrt@2023-09-25, due: "2023-10-19 12:00" }
          - { id: uitspraak, title: LRT komt samen kort na de uitspraak, owner: SJenV, meeting: lrt@2023-09-25, due: after rvs +5wd }
          - { id: aedes, title: Aedes vragen locaties aan te leveren, owner: SJenV, meeting: lrt@2023-09-25, due: "2023-10-13" }
          - { id: bak, title: Stand van zaken BAK en OEK, owner: MBZK, meeting: lrt@2023-09-25, due: next meeting }
        """
    static let links = ActionLinks(publicURL: "https://remindd.example.org", settings: LinkSettings(keyFile: "/k"),
                                   keys: try! LinkKeys(parsing: "k1:" + Data(repeating: 5, count: 32).base64EncodedString()))
    /// Monday 16 October 2023, 08:30 in Amsterdam.
    static let now = Fixture.utc("2023-10-16T06:30:00Z")

    static func config(_ language: Language) throws -> Config {
        var c = try ConfigLoader.load(text: text, path: "/tmp/digest-golden.yaml", kinds: Channels.kinds, files: NoConfigFiles())
        c.language = language
        return c
    }

    static func state() -> PlanState {
        var s = PlanState()
        s.items["aedes"] = ItemState(done: true, doneAt: Fixture.utc("2023-10-12T13:15:00Z"))
        return s
    }

    static func rendered(_ digest: String, person: String, _ language: Language, links: ActionLinks?) throws -> RenderedMessage {
        let config = try config(language)
        let planner = Planner(config: config)
        let d = try #require(config.digest(digest))
        let r = planner.currentDigestMoment(d, now: now, people: [person])
        let content = try #require(DigestBuilder(planner: planner, state: state()).contents(for: r, now: now).first)
        let delivery = PlannedDelivery(key: r.key(channel: "local"), reminder: r, channel: "local", to: [person], cc: [],
                                       digest: content)
        return try MessageRenderer(config: config, links: links).render(OutgoingMessage(delivery: delivery))
    }

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/digests")

    static func compare(_ actual: String, _ name: String) throws {
        let url = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["REMINDD_WRITE_GOLDEN"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from the golden file; diff it with the output above")
    }

    @Test(arguments: [
        ("weekly", "SJenV", Language.nl, true, "owner-nl"),
        ("weekly", "SJenV", Language.en, false, "owner-en"),
        ("chair-before-lrt", "chair", Language.nl, false, "meeting-nl"),
        ("chair-before-lrt", "chair", Language.en, true, "meeting-en"),
    ])
    func matchesGolden(_ digest: String, _ person: String, _ language: Language, _ withLinks: Bool, _ name: String) throws {
        let m = try Self.rendered(digest, person: person, language, links: withLinks ? Self.links : nil)
        try Self.compare("Subject: \(m.subject)\n\n\(m.body)", name + ".txt")
        try Self.compare(try #require(m.html), name + ".html")
    }

    @Test func ownerDigestSectionsAndWords() throws {
        let m = try Self.rendered("weekly", person: "SJenV", .nl, links: Self.links)
        #expect(m.subject == "Overzicht van je acties: 1 te laat, 1 binnenkort, 1 wacht, 1 klaar")
        let order = ["TE LAAT (1)", "DEADLINE BINNEN 7 DAGEN (1)", "WACHT OP EEN GEBEURTENIS (1)", "KLAAR SINDS HET VORIGE OVERZICHT (1)"]
        let positions = order.map { m.body.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(m.body)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(m.body.contains("wacht op: Uitspraak Raad van State over derdelanders (verwacht vrijdag 1 december 2023 t/m zondag 10 december 2023)"))
        // Links for the open items, none for the done one.
        let done = try #require(Self.links.links(for: Reminder(subject: "taakstelling", kind: .due, at: Self.now,
                                                                 deadline: Fixture.utc("2023-10-02T15:00:00Z"), people: [])))
        #expect(m.body.contains("Klaar: " + done.done))
        #expect(m.body.components(separatedBy: "Klaar: https://").count - 1 == 3)
    }

    @Test func htmlIsSelfContainedAndEscaped() throws {
        let m = try Self.rendered("weekly", person: "SJenV", .en, links: Self.links)
        let html = try #require(m.html)
        #expect(html.contains("Brief aan gemeenten &lt;één loket&gt; &amp; co"))
        #expect(!html.contains("<één"))
        for forbidden in ["<script", "<img", "<link", "<style", "src=", "url(", "@import"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // Every address is one of the action links.
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(!hrefs.isEmpty && hrefs.allSatisfy { $0.hasPrefix("https://remindd.example.org/a/") })
        #expect(html.components(separatedBy: "<table").count - 1 == 4, "a table per section")
    }

    @Test func webhookDigestCarriesTheSections() throws {
        let config = try Self.config(.en)
        let planner = Planner(config: config)
        let r = planner.currentDigestMoment(config.digest("weekly")!, now: Self.now, people: ["SJenV"])
        let content = try #require(DigestBuilder(planner: planner, state: Self.state()).contents(for: r, now: Self.now).first)
        let delivery = PlannedDelivery(key: r.key(channel: "hook"), reminder: r, channel: "hook", to: ["SJenV"], cc: [],
                                       digest: content)
        let message = OutgoingMessage(delivery: delivery, late: true)
        let text = try MessageRenderer(config: config).render(message)
        let json = WebhookPayload.make(message, format: .json, text: text, config: config)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.body)) as? [String: Any])
        #expect(o["kind"] as? String == "digest" && o["digest"] as? String == "weekly" && o["late"] as? Bool == true)
        #expect(o["key"] as? String == "weekly/digest/2023-10-16/SJenV/hook")
        let sections = try #require(o["sections"] as? [[String: Any]])
        #expect(sections.map { $0["kind"] as? String } == ["overdue", "due_soon", "waiting", "done"])
        let waiting = try #require((sections[2]["items"] as? [[String: Any]])?.first)
        #expect(waiting["event"] as? String == "rvs" && waiting["expected"] as? String == "2023-12-01/2023-12-10")
        let slack = WebhookPayload.make(message, format: .slack, text: text, config: config)
        let s = try #require(try JSONSerialization.jsonObject(with: Data(slack.body)) as? [String: Any])
        let words = try #require(s["text"] as? String)
        #expect(words.contains("*[sent late] Your actions: 1 overdue, 1 due soon, 1 waiting, 1 done*"))
        #expect(words.contains("Hoogte taakstelling huisvesting bekijken"))
    }
}
