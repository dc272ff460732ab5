import Foundation
import RemindCore
import Testing
@testable import RemindDaemon

/// The status page speaks the config's language throughout, dates included.
@Suite struct StatusPageTests {
    static func config(_ language: String) throws -> Config {
        try ConfigLoader.load(text: """
            timezone: Europe/Amsterdam
            language: \(language)
            state: ./state.sqlite
            channels:
              local: { type: maildir, path: ./mail }
            defaults: { channels: [local] }
            people:
              sjenv: { name: Staatssecretaris JenV, email: sjenv@example.org }
            items:
              - id: quota
                title: Hoogte taakstelling bekijken
                owner: sjenv
                agreed: 2023-09-25
                due: 2023-10-06
            """, path: "/tmp/status-page.yaml")
    }

    /// Friday 29 September 2023, 10:00 in Amsterdam; the item snoozed until Monday 9:00.
    static let now = Date(timeIntervalSince1970: 1_695_974_400)
    static let monday = Date(timeIntervalSince1970: 1_696_230_000)

    static func page(_ language: String) throws -> String {
        let config = try config(language)
        let item = try #require(config.item("quota"))
        let state = PlanState(items: ["quota": ItemState(snoozedUntil: monday, snoozedAt: now)])
        let status = ItemStatus.of(item, config: config, state: state, now: now)
        #expect(status.state == .snoozed)
        return StatusPage.render(config: config, statuses: [status], now: now)
    }

    @Test func dutchPageHasDutchDates() throws {
        let html = try Self.page("nl")
        #expect(html.contains("uitgesteld tot ma 2023-10-02 09:00"), "\(html)")
        #expect(html.contains("vr 2023-10-06 17:00"), "the deadline: \(html)")
        #expect(html.contains("Bijgewerkt vr 2023-09-29 10:00"), "\(html)")
        for english in ["Mon ", "Fri ", "snoozed until"] { #expect(!html.contains(english), "\(english) in \(html)") }
    }

    @Test func englishPageHasEnglishDates() throws {
        let html = try Self.page("en")
        #expect(html.contains("snoozed until Mon 2023-10-02 09:00") && html.contains("As of Fri 2023-09-29 10:00"), "\(html)")
    }
}
