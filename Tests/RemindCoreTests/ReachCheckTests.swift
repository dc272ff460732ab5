import Foundation
import Testing
@testable import RemindCore
import RemindDelivery

/// Every person of every item must be reachable on some channel that can address them.
/// The check works a person's answer out once for the default channels; these make sure
/// each item is still reported on its own, at its owner's line.
@Suite struct ReachCheckTests {
    static let people = """
        timezone: Europe/Amsterdam
        channels:
          mail: { type: smtp, url: "smtp://mail.example.org:587", from: a@example.org }
          mail2: { type: smtp, url: "smtp://mail2.example.org:587", from: a@example.org }
          hook: { type: webhook, url: "https://hooks.example.org/x" }
        people:
          anna: { name: Anna }
          bob: { name: Bob, email: bob@example.org }
          cor: { name: Cor, channels: [hook] }

        """

    @Test func eachItemIsReportedWhereItsPersonCannotBeReached() {
        let text = Self.people + """
            defaults: { channels: [mail] }
            items:
              - { id: i1, title: T, owner: anna, agreed: 2026-01-05, due: in 1 week }
              - { id: i2, title: T, owner: anna, agreed: 2026-01-05, due: in 1 week }
              - { id: i3, title: T, owner: anna, agreed: 2026-01-05, due: in 1 week, channels: [hook] }
              - { id: i4, title: T, owner: bob, with: [anna, anna], agreed: 2026-01-05, due: in 1 week, channels: [mail, mail2] }
              - { id: i5, title: T, owner: cor, agreed: 2026-01-05, due: in 1 week }
              - { id: i6, title: T, owner: bob, agreed: 2026-01-05, due: in 1 week, policy: { escalate: { after: 1, to: [anna] } } }
              - { id: i7, title: T, owner: bob, agreed: 2026-01-05, due: in 1 week }

            """
        let e = HostileConfigTests.errors(text)
        #expect(e == [
            "12:32: 'anna' is reached through mail channel 'mail' for item 'i1' but has no email",
            "13:32: 'anna' is reached through mail channel 'mail' for item 'i2' but has no email",
            "15:32: 'anna' is reached through mail channel 'mail' for item 'i4' but has no email",
            "15:32: 'anna' is reached through mail channel 'mail2' for item 'i4' but has no email",
            "17:32: 'anna' is reached through mail channel 'mail' for item 'i6' but has no email",
        ], "\(e)")
    }

    @Test func aPersonNoChannelReachesIsReportedOncePerItem() {
        // Three channels and no defaults: only people and items that name theirs are reached.
        let text = Self.people + """
            items:
              - { id: j1, title: T, owner: bob, with: [cor], agreed: 2026-01-05, due: in 1 week }
              - { id: j2, title: T, owner: bob, agreed: 2026-01-05, due: in 1 week, channels: [mail] }
              - { id: j3, title: T, owner: bob, with: [bob], agreed: 2026-01-05, due: in 1 week }

            """
        let e = HostileConfigTests.errors(text)
        #expect(e == [
            "11:32: no channel reaches 'bob' for item 'j1': set defaults.channels, the person's channels or the item's channels",
            "13:32: no channel reaches 'bob' for item 'j3': set defaults.channels, the person's channels or the item's channels",
        ], "\(e)")
    }
}
