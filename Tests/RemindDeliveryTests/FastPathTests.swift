import Foundation
import RemindCore
import Testing
@testable import RemindDelivery

/// The hot paths of a delivery, made fast without Foundation's formatters and coders:
/// each must produce exactly what the slower code it replaced produced.
@Suite struct FastPathTests {
    // MARK: Webhook headers

    /// The webhook-id header: a plain key as it is, anything else percent-encoded exactly
    /// as Foundation encodes it with the header-safe set.
    @Test func webhookIdsAreHeaderSafe() {
        let allowed = CharacterSet(charactersIn: "!#$&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyz~")
        for key in ["a10346/at/20261129T091500Z/local", "x.y_z-1/overdue/20230929T070000Z/hook", "ç/é", "a b", "50%",
                    "line\r\nbreak", "quote\"d", "tab\tkey", "{brace}", "pipe|caret^"] {
            let expected = key.addingPercentEncoding(withAllowedCharacters: allowed)!
            #expect(WebhookNotifier.headerSafe(key) == expected, "\(key)")
        }
        #expect(WebhookNotifier.headerSafe("a10346/at/20261129T091500Z/local") == "a10346/at/20261129T091500Z/local")
    }

    // MARK: Webhook bodies

    /// What `JSONSerialization` with sorted keys and unescaped slashes makes of a body: the
    /// encoder the payloads used before.
    static func foundationForm(_ body: [UInt8]) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(body))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: WebhookFormat.allCases.filter { $0 != .ntfy })
    func webhookBodiesAreWhatJSONSerializationWrote(format: WebhookFormat) throws {
        let config = Fixture.config()
        let renderer = try MessageRenderer(config: config)
        for message in [Fixture.message(), Fixture.message(Fixture.delivery(.overdue, escalation: ["chair"], ordinal: 2), late: true),
                        Fixture.message(Fixture.delivery(.eventExpected, item: "rvs-ruling", deadline: nil, people: ["JenV"], lead: nil))] {
            let payload = WebhookPayload.make(message, format: format, text: renderer.render(message), config: config)
            let body = String(decoding: payload.body, as: UTF8.self)
            #expect(body == (try Self.foundationForm(payload.body)))
        }
    }

    @Test func jsonBodyHasTheDocumentedFields() throws {
        let config = Fixture.config()
        let message = Fixture.message(Fixture.delivery(.overdue, escalation: ["chair"], ordinal: 2), late: true)
        let payload = WebhookPayload.make(message, format: .json, text: try MessageRenderer(config: config).render(message), config: config)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(payload.body)) as? [String: Any])
        #expect(o["key"] as? String == message.delivery.key && o["kind"] as? String == "overdue" && o["late"] as? Bool == true)
        #expect(o["scheduled"] as? String == "2023-09-29T07:00:00Z" && o["cc"] as? [String] == ["chair"])
        let item = try #require(o["item"] as? [String: Any])
        #expect(item["id"] as? String == "taakstelling" && item["title"] as? String == Fixture.title)
        #expect(item["with"] as? [String] == ["MBZK"] && item["deadline"] as? String == "2023-10-02T15:00:00Z")
    }

    // MARK: Pipelined

    @Test(arguments: [0, 1, 2, 3, 31, 32, 33, 500])
    func pipelinedKeepsOrderAndPreparesEachOnce(count: Int) {
        let items = Array(0..<count)
        let prepared = Counter()
        var used: [Int] = []
        let results = Pipelined.map(items, ahead: 8, prepare: { i -> String in
            prepared.add()
            return "p\(i)"
        }, use: { i, p -> String in
            used.append(i)
            return "\(p)/\(i)"
        })
        #expect(results == items.map { "p\($0)/\($0)" })
        #expect(used == items)
        #expect(prepared.value == count)
    }

    @Test func pipelinedPreparesAhead() {
        // The helper runs while the sender waits: by the time the last item is used, its
        // preparation did not start after the first was used.
        let prepared = Counter()
        var seenAtFirstUse = 0
        _ = Pipelined.map(Array(0..<64), ahead: 16, prepare: { _ in prepared.add() }, use: { i, _ in
            if i == 0 {
                // Give the helper its head start (bounded), as a slow reply would.
                let until = Date().addingTimeInterval(5)
                while prepared.value < 16 && Date() < until { sched_yield() }
                seenAtFirstUse = prepared.value
            }
        })
        #expect(seenAtFirstUse >= 16 && seenAtFirstUse <= 17)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.withLock { n += 1 } }
        var value: Int { lock.withLock { n } }
    }

    // MARK: Redaction, tidy

    @Test func redactorMatchesRedaction() {
        let secrets = ["hunter2", "https://hooks.example.org/services/T0/B0/abc?token=xyz", "p@ss w/rd"]
        let r = Redactor(secrets: secrets)
        for text in ["250 2.0.0 Ok: queued as 1234", "HTTP/1.1 200 OK", "auth failed for hunter2 (aHVudGVyMg==)",
                     "POST https://hooks.example.org/services/T0/B0/abc?token=xyz failed", "p%40ss%20w%2Frd seen",
                     "see https://bob:pw@example.org/x?y=1#z and smtp://mail.example.org:587", ""] {
            #expect(r.redact(text) == Redaction.redact(text, secrets: secrets))
        }
        #expect(!r.redact("auth failed for hunter2").contains("hunter2"))
        #expect(Redaction.scrubURLs("no scheme here: a/b//c") == "no scheme here: a/b//c")
    }

    /// The line-by-line `tidy` as it was, for comparison.
    static func referenceTidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if blank && (lines.isEmpty || lines.last!.isEmpty) { continue }
            lines.append(blank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func tidyIsUnchanged() {
        let samples = ["", "\n", "\n\n\n", "a", "a\n", "a\n\n\nb\n\n", "\n \t\nHallo\n  \n\t\nwereld  \n \n", "één\n\n\ntwee",
                       "x\r\n\r\ny", "  lead\n\ntrail  ", "a\n \nb\n\t\nc\n"]
        for s in samples { #expect(MessageRenderer.tidy(s) == Self.referenceTidy(s), "\(s.debugDescription)") }
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "ü", " ", "\t", "\n", "\n\n", "x y"]
        for _ in 0..<500 {
            let s = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(MessageRenderer.tidy(s) == Self.referenceTidy(s), "\(s.debugDescription)")
        }
    }

    @Test func mailDateAndMessageIDAreUnchanged() {
        let zone = TimeZone(identifier: "Europe/Amsterdam")!
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 1_695_970_805), in: zone) == "Fri, 29 Sep 2023 09:00:05 +0200")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 1_703_494_800), in: zone) == "Mon, 25 Dec 2023 10:00:00 +0100")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 1_695_970_805), in: TimeZone(identifier: "America/St_Johns")!)
                == "Fri, 29 Sep 2023 04:30:05 -0230")
        // sha256("taakstelling/before/20230929T070000Z/mail"), first 32 hex digits (sha256sum).
        #expect(MailMessage.messageID(key: "taakstelling/before/20230929T070000Z/mail", from: "lrt@example.org")
                == "<remindd.785e55a018b07da2316177b3cccbaf38@example.org>")
    }
}
