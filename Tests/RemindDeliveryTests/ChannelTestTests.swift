import Foundation
import RemindCore
import Testing
@testable import RemindDelivery

/// What `remindd test-channel` runs, against a real SMTP server.
@Suite(.enabled(if: PythonServer.available, PythonServer.skipReason), .timeLimit(.minutes(1)))
struct ChannelTestTests {
    let now = Fixture.utc("2023-09-27T10:00:00Z") // Wed, between the meeting and the deadline

    @Test func sampleGoesOnlyToTheGivenAddress() throws {
        let server = try SMTPTestServer()
        let config = Fixture.config(channels: ["mail": .smtp(server.channel())])
        let outcome = try ChannelTest.run(channel: "mail", to: "test@example.org", itemID: nil, config: config,
                                          environment: [:], logger: LogCapture().logger, now: now)
        #expect(outcome.result == .sent(reply: "250 OK: queued"))
        #expect(outcome.subject == "Herinnering: Testbericht van remindd: het kanaal mail werkt (deadline do 28 sep)")
        let m = try #require(server.messages.first)
        #expect(m["rcpt_tos"] as? [String] == ["test@example.org"])
        #expect((m["decoded"] as? [String: Any])?["subject"] as? String == outcome.subject)
    }

    @Test func itemSendsItsNextReminderUnderATestKey() throws {
        let server = try SMTPTestServer()
        let config = Fixture.config(channels: ["mail": .smtp(server.channel())])
        let outcome = try ChannelTest.run(channel: "mail", to: "test@example.org", itemID: "taakstelling", config: config,
                                          environment: [:], logger: LogCapture().logger, now: now)
        #expect(outcome.result.isSent)
        // The next reminder after Wed 27 Sep is before-1d on Fri 29 Sep (lead 7d fell on the meeting).
        #expect(outcome.subject == "Herinnering: \(Fixture.title) (deadline ma 2 okt)")
        #expect(outcome.key == "taakstelling/before/20230929T070000Z/mail/test-20230927T100000Z")
        let body = ((server.messages.first?["decoded"] as? [String: Any])?["body"] as? String) ?? ""
        #expect(body.contains("Eigenaar:     Staatssecretaris JenV"))
        #expect((server.messages.first?["rcpt_tos"] as? [String]) == ["test@example.org"])
    }

    @Test func refusesUnknownItemsAndBadAddressesBeforeSending() throws {
        let server = try SMTPTestServer()
        let config = Fixture.config(channels: ["mail": .smtp(server.channel())])
        #expect(throws: ChannelTest.Failure.self) {
            try ChannelTest.run(channel: "mail", to: "a@example.org", itemID: "nope", config: config,
                                environment: [:], logger: LogCapture().logger, now: now)
        }
        #expect(throws: ChannelTest.Failure.self) {
            try ChannelTest.run(channel: "mail", to: "a@example.org\r\nRCPT TO:<evil@example.org>", itemID: nil, config: config,
                                environment: [:], logger: LogCapture().logger, now: now)
        }
        #expect(throws: DeliveryConfigError.self) {
            try ChannelTest.run(channel: "nope", to: "a@example.org", itemID: nil, config: config,
                                environment: [:], logger: LogCapture().logger, now: now)
        }
        #expect(server.events.isEmpty)
    }
}
