import Foundation
import RemindCore
import Testing
import RemindDaemon

/// `remindd history` reads and its JSON contract.
@Suite struct StoreHistoryTests {
    let t0 = Date(timeIntervalSince1970: 1_695_970_800) // 2023-09-29T07:00:00Z

    @Test(arguments: StoreKind.available) func historyFiltersBySubjectAndKeepsTheLatest(_ kind: StoreKind) throws {
        let store = try kind.make()
        let a1 = sampleDelivery(subject: "a", kind: .before, at: t0)
        let a2 = sampleDelivery(subject: "a", kind: .due, at: t0.addingTimeInterval(3 * 86_400))
        let a3 = sampleDelivery(subject: "a", kind: .overdue, at: t0.addingTimeInterval(4 * 86_400))
        let b1 = sampleDelivery(subject: "b", at: t0.addingTimeInterval(86_400))
        try store.enqueue([a3, b1, a1, a2], late: false, now: t0)
        #expect(try store.history().map(\.key) == [a1.key, b1.key, a2.key, a3.key])
        #expect(try store.history(subject: "a").map(\.key) == [a1.key, a2.key, a3.key])
        #expect(try store.history(subject: "a", limit: 2).map(\.key) == [a2.key, a3.key])
        #expect(try store.history(subject: "c").isEmpty)
        #expect(try store.history(subject: "b").first?.item == "b")
    }

    @Test(arguments: StoreKind.available) func jsonUsesTheDesignFieldNames(_ kind: StoreKind) throws {
        let store = try kind.make()
        let d = sampleDelivery(subject: "taakstelling", kind: .overdue, at: t0, to: ["SJenV"], cc: ["chair"])
        try store.enqueue([d], late: true, now: t0)
        try store.apply([.retry(d.key, error: "HTTP 503", reply: "503", nextAttempt: t0.addingTimeInterval(30), at: t0)])
        let text = try HistoryEntry.json(try store.history(), pretty: false)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        let o = try #require(array.first)
        #expect(Set(o.keys) == ["key", "item", "kind", "scheduled", "channel", "recipients", "state",
                                "attempts", "late", "last_error", "reply", "reason", "type"])
        #expect(o["key"] as? String == "taakstelling/overdue/20230929T070000Z/mail")
        #expect(o["item"] as? String == "taakstelling")
        #expect(o["kind"] as? String == "overdue")
        #expect(o["scheduled"] as? String == "2023-09-29T07:00:00Z")
        #expect(o["channel"] as? String == "mail")
        #expect(o["recipients"] as? [String] == ["SJenV", "chair"])
        #expect(o["state"] as? String == "pending")
        #expect(o["attempts"] as? Int == 1)
        #expect(o["late"] as? Bool == true)
        #expect(o["last_error"] as? String == "HTTP 503")
        #expect(o["reply"] as? String == "503")
        #expect(o["reason"] is NSNull, "a retrying delivery has no final reason yet")
        #expect(o["type"] as? String == "delivery")
    }

    @Test(arguments: StoreKind.available) func jsonWritesNullForAbsentErrorAndReply(_ kind: StoreKind) throws {
        let store = try kind.make()
        try store.enqueue([sampleDelivery(at: t0)], late: false, now: t0)
        let text = try HistoryEntry.json(try store.history(), pretty: false)
        #expect(text.contains("\"last_error\":null"))
        #expect(text.contains("\"reply\":null"))
        #expect(text.contains("\"late\":false"))
        #expect(try HistoryEntry.json([], pretty: false) == "[]")
    }
}
