import Foundation
import Logging
import RemindCore
import Testing
@testable import RemindDelivery

/// A kind of channel is one type conforming to `Channel`; the loader learns of it through
/// `ChannelKinds` and nothing else. A kind defined here, outside the registry, goes
/// through the same load as the built-in ones.
@Suite struct ChannelKindTests {
    /// `type: counter`: counts what it is given; `limit` must be a whole number.
    struct CounterChannel: Channel {
        static let type = "counter"
        static let keys = ["limit"]
        static let reachesPeopleByEmail = false
        var name: String
        var limit: Int

        init?(reading r: inout ChannelSectionReader) {
            name = r.section.name
            guard let text = r.required("limit") else { return nil }
            guard let n = Int(text), n > 0 else {
                r.error("\(r.what).limit must be a positive whole number, found '\(text)'", at: "limit")
                return nil
            }
            limit = n
        }

        func makeNotifier(_ context: NotifierContext) throws -> any Notifier { Counter() }
    }

    final class Counter: Notifier {
        var count = 0
        func deliver(_ batch: [OutgoingMessage]) -> [DeliveryResult] {
            count += batch.count
            return batch.map { _ in .sent(reply: "counted") }
        }
        func deliver(_ batch: [OutgoingMessage], each: (Int, DeliveryResult) -> Bool) {
            for (i, r) in deliver(batch).enumerated() where !each(i, r) { return }
        }
    }

    static let kinds = ChannelKinds(Channels.kinds.all + [CounterChannel.kind])

    static func yaml(_ channel: String) -> String {
        """
        timezone: Europe/Amsterdam
        channels:
          \(channel)
        people:
          a: { email: a@example.org }
        defaults: { channels: [c] }
        items:
          - { id: x, title: X, owner: a, agreed: 2023-09-25, due: 2023-10-02 }

        """
    }

    static func errors(_ text: String, kinds: ChannelKinds) -> [String] {
        do {
            _ = try ConfigLoader.load(text: text, path: "/srv/k.yaml", kinds: kinds, files: NoConfigFiles())
            return []
        } catch let e as ConfigErrors {
            return e.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aRegisteredKindLoadsAndBuildsItsNotifier() throws {
        let config = try ConfigLoader.load(text: Self.yaml("c: { type: counter, limit: 3 }"), path: "/srv/k.yaml",
                                           kinds: Self.kinds, files: NoConfigFiles())
        let section = try #require(config.channels["c"])
        #expect(section.type == "counter" && section.fields["limit"]?.text == "3")
        var r = ChannelSectionReader(section)
        let channel = try #require(CounterChannel(reading: &r))
        #expect(channel.limit == 3)
    }

    @Test func itsKeysAndChecksCarryPositions() {
        #expect(Self.errors(Self.yaml("c: { type: counter, limit: lots }"), kinds: Self.kinds)
            == ["/srv/k.yaml:3:30: error: channels.c.limit must be a positive whole number, found 'lots'"])
        #expect(Self.errors(Self.yaml("c: { type: counter, limt: 3 }"), kinds: Self.kinds) == [
            "/srv/k.yaml:3:6: error: counter channel 'c' needs a limit",
            "/srv/k.yaml:3:23: error: unknown key 'limt' in counter channel 'c'; did you mean 'limit'? (allowed: type, limit)",
        ])
    }

    @Test func anUnregisteredKindIsRefusedWithTheRegisteredOnes() {
        #expect(Self.errors(Self.yaml("c: { type: counter, limit: 3 }"), kinds: Channels.kinds)
            == ["/srv/k.yaml:3:14: error: channel type must be smtp, webhook or maildir, found 'counter'"])
        #expect(Self.errors(Self.yaml("c: { type: counter, limit: 3 }"), kinds: Self.kinds).isEmpty)
    }

    @Test func everyRegisteredKindIsOneTypeWithItsOwnKeys() {
        let types = Channels.registered.map { $0.type }
        #expect(types == ["smtp", "webhook", "maildir"])
        #expect(Set(types).count == types.count)
        #expect(Channels.kinds.all.map(\.type) == types)
        for kind in Channels.registered { #expect(!kind.keys.contains("type"), "\(kind.type)") }
    }
}
