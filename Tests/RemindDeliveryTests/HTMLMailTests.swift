import Foundation
import Logging
import RemindCore
import Testing
@testable import RemindDelivery

/// A reminder with action links also carries an HTML alternative: the same text, its
/// addresses clickable, the links as buttons; inline styles only, nothing loaded.
@Suite struct HTMLMailTests {
    static let now = Fixture.utc("2023-09-29T07:00:01Z")
    static let links = ActionLinks(publicURL: "https://remindd.example.org", settings: LinkSettings(keyFile: "/k"),
                                   keys: try! LinkKeys(parsing: "k1:" + Data(repeating: 3, count: 32).base64EncodedString()))

    func written(_ d: PlannedDelivery) throws -> String {
        let root = try temporaryDirectory().appendingPathComponent("mail").path
        let config = Fixture.config()
        let renderer = try MessageRenderer(config: config, links: Self.links)
        let notifier = MaildirNotifier(MaildirChannel(name: "local", path: root), renderer: renderer,
                                       logger: LogCapture().logger, now: { Self.now })
        #expect(notifier.deliver([Fixture.message(d)]).first?.isSent == true)
        let file = try #require(FileManager.default.contentsOfDirectory(atPath: root + "/new").first)
        return root + "/new/" + file
    }

    @Test(.enabled(if: PythonServer.available, PythonServer.skipReason))
    func aLinkedReminderHasTextHTMLAndCalendar() throws {
        let d = Fixture.delivery(channel: "local")
        let out = try PythonServer.run(["python3", PythonServer.supportDirectory.appendingPathComponent("mime_structure.py").path,
                                        try written(d)])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(out.output.utf8)) as? [String: Any])
        #expect(o["defects"] as? [String] == [])
        #expect((o["longest_line"] as? Int ?? .max) <= 78)
        let parts = try #require(o["parts"] as? [[String: Any]])
        #expect(parts.map { $0["type"] as? String ?? "" } == [
            "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/ics",
        ])
        let html = try #require(parts[3]["content"] as? String)
        let links = try #require(Self.links.links(for: d.reminder))
        #expect(html.contains("<a href=\"\(links.done)\""))
        #expect(html.contains(">Markeer als klaar</a>"))
        #expect(links.snooze.allSatisfy { html.contains("<a href=\"\($0.url)\"") })
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<link"))
        #expect(html.contains("Hoogte taakstelling huisvesting Oekraïense ontheemden bekijken"))
    }

    @Test func theHTMLEscapesWhatTheTextHolds() {
        let html = MessageHTML.render(body: "Titel <b>&</b> \"x\"\nzie https://x.example/a?b=1&c=2 en http", buttons: [
            .init(label: "Klaar & af", url: "https://r.example/a/T\"oken"),
        ], language: .nl)
        #expect(html.contains("Titel &lt;b&gt;&amp;&lt;/b&gt; &quot;x&quot;"))
        #expect(html.contains("<a href=\"https://x.example/a?b=1&amp;c=2\" style=\"color:#1d4ed8\">https://x.example/a?b=1&amp;c=2</a>"))
        #expect(html.contains(" en http</div>"))
        #expect(html.contains("href=\"https://r.example/a/T&quot;oken\"") && html.contains(">Klaar &amp; af</a>"))
    }

    @Test func withoutLinksTheMessageStaysAsItWas() throws {
        let plain = try MessageRenderer(config: Fixture.config()).render(Fixture.message())
        #expect(plain.html == nil)
        let linked = try MessageRenderer(config: Fixture.config(), links: Self.links).render(Fixture.message())
        #expect(linked.html != nil)
        // An undated item with links: text and HTML only, no calendar.
        let mail = MailMessage(from: Mailbox(name: nil, address: "r@example.org"), to: [Mailbox(name: nil, address: "a@example.org")],
                               cc: [], subject: "s", body: "b", date: Self.now, timeZone: Fixture.zone, key: "k", html: "<p>b</p>")
        let text = mail.rendered()
        #expect(text.contains("Content-Type: multipart/alternative;") && text.contains("Content-Type: text/html; charset=utf-8"))
        #expect(!text.contains("multipart/mixed") && !text.contains("text/calendar"))
    }
}
