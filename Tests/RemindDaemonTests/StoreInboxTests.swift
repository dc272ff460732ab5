import Foundation
import RemindCore
import Testing
import RemindDaemon

/// A reply's outcome, as the poller records it: the change, its answer and the mailbox
/// position in one transaction, never twice for one message; on both stores.
@Suite struct StoreInboxTests {
    let t0 = Date(timeIntervalSince1970: 1_695_625_200)

    @Test(arguments: StoreKind.available) func aReplyIsRecordedOnceWithItsChangeAndAnswer(_ kind: StoreKind) throws {
        let store = try kind.make()
        let answer = sampleDelivery(subject: "taakstelling", kind: .due, at: t0, channel: "mail", to: ["SJenV"])
        let first = InboxOutcome(mailbox: "INBOX", position: InboxPosition(uidValidity: 7, lastUID: 12),
                                 messageID: "<r1@example.org>", sender: "jenv@example.org", item: "taakstelling",
                                 outcome: "done", change: .done("taakstelling"), answer: answer)
        #expect(try store.record(first, at: t0))
        #expect(try store.record(first, at: t0.addingTimeInterval(60)) == false, "the same UID again changes nothing")
        #expect(try store.itemState("taakstelling")?.done == true)
        let actions = try store.actions(subject: "taakstelling")
        #expect(actions.map(\.action) == ["done"] && actions.first?.source == .mail)
        #expect(try store.delivery(key: answer.key)?.state == .pending)
        #expect(try store.inboxPosition(mailbox: "INBOX") == InboxPosition(uidValidity: 7, lastUID: 12))

        // An older UID does not move the position back; a new UIDVALIDITY starts over.
        let older = InboxOutcome(mailbox: "INBOX", position: InboxPosition(uidValidity: 7, lastUID: 9), messageID: nil,
                                 sender: "x@example.org", item: nil, outcome: "ignored: stranger")
        #expect(try store.record(older, at: t0))
        #expect(try store.inboxPosition(mailbox: "INBOX")?.lastUID == 12)
        let reset = InboxOutcome(mailbox: "INBOX", position: InboxPosition(uidValidity: 8, lastUID: 2), messageID: nil,
                                 sender: nil, item: nil, outcome: "help")
        #expect(try store.record(reset, at: t0))
        #expect(try store.inboxPosition(mailbox: "INBOX") == InboxPosition(uidValidity: 8, lastUID: 2))
        #expect(try store.inboxMessages().map(\.uid) == [12, 9, 2])
        #expect(try store.item(ofMessageID: "<nothing@example.org>") == nil)
    }
}
