import Foundation
import RemindCore
import Testing
@testable import RemindDelivery

@Suite struct ActionLinksTests {
    static let keys = try! LinkKeys(parsing: "k1:" + Data(repeating: 9, count: 32).base64EncodedString())
    static let links = ActionLinks(publicURL: "https://remindd.example.org", settings: LinkSettings(keyFile: "/k"), keys: keys)

    static func token(_ url: String) -> Substring {
        Substring(url.dropFirst("https://remindd.example.org/a/".count))
    }

    @Test func aReminderCarriesSignedDoneAndSnoozeLinks() throws {
        let d = Fixture.delivery(.before)
        let l = try #require(Self.links.links(for: d.reminder))
        #expect(l.done.hasPrefix("https://remindd.example.org/a/"))
        #expect(l.snooze.map(\.choice) == ["2d", "1w"])
        let deadline = try #require(d.reminder.deadline)
        let expires = max(deadline, d.reminder.at).addingTimeInterval(14 * 86_400)
        let done = try ActionToken.verify(Self.token(l.done), keys: Self.keys, now: d.reminder.at).get()
        #expect(done == ActionToken(item: "taakstelling", action: .done, expires: Date(timeIntervalSince1970: expires.timeIntervalSince1970.rounded(.up))))
        let snooze = try ActionToken.verify(Self.token(l.snooze[1].url), keys: Self.keys, now: d.reminder.at).get()
        #expect(snooze.action == .snooze && snooze.parameter == "1w" && snooze.item == "taakstelling")
        // Valid until two weeks after the deadline, not after.
        #expect((try? ActionToken.verify(Self.token(l.done), keys: Self.keys, now: expires.addingTimeInterval(-60)).get()) != nil)
        #expect(ActionToken.verify(Self.token(l.done), keys: Self.keys, now: expires.addingTimeInterval(1)) == .failure(.expired))
        // The same reminder always carries the same links.
        #expect(Self.links.links(for: d.reminder) == l)
    }

    @Test func eventNoticesCarryNone() {
        #expect(Self.links.links(for: Fixture.delivery(.eventExpected, item: "rvs-ruling").reminder) == nil)
    }

    @Test func theWebhookObjectListsThem() throws {
        let m = Fixture.message(Fixture.delivery(.due))
        let l = try #require(Self.links.links(for: m.delivery.reminder))
        let text = RenderedMessage(subject: "s", body: "b")
        let json = WebhookPayload.make(m, format: .json, text: text, config: Fixture.config(), links: l)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.body)) as? [String: Any])
        let links = try #require(object["links"] as? [String: Any])
        #expect(links["done"] as? String == l.done)
        #expect(links["snooze"] as? [String: String] == ["2d": l.snooze[0].url, "1w": l.snooze[1].url])
        let plain = WebhookPayload.make(m, format: .json, text: text, config: Fixture.config())
        #expect((try JSONSerialization.jsonObject(with: Data(plain.body)) as? [String: Any])?["links"] == nil)
    }

    @Test func theMailTextOffersTheLinksInItsLanguage() throws {
        let nl = try MessageRenderer(config: Fixture.config(language: .nl), links: Self.links).render(Fixture.message())
        #expect(nl.body.contains("Afgerond? Meld het met één klik:\n    https://remindd.example.org/a/"))
        #expect(nl.body.contains("    over 2 dagen: https://remindd.example.org/a/"))
        #expect(nl.body.contains("    over 1 week: https://remindd.example.org/a/"))
        let en = try MessageRenderer(config: Fixture.config(language: .en), links: Self.links).render(Fixture.message())
        #expect(en.body.contains("    in 2 days: https://remindd.example.org/a/"))
        let none = try MessageRenderer(config: Fixture.config(language: .en)).render(Fixture.message())
        #expect(none.body.contains("remindd done taakstelling") && !none.body.contains("/a/"))
    }
}
