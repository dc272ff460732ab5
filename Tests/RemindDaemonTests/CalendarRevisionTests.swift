import Foundation
import RemindCore
import Testing
import RemindDaemon

/// An item's calendar SEQUENCE rises with every change of its deadline, also when the
/// deadline moves earlier (RFC 5546 readers keep the highest), and stays put otherwise.
@Suite struct CalendarRevisionTests {
    let d1 = Date(timeIntervalSince1970: 1_696_258_800) // 2023-10-02T15:00:00Z
    var earlier: Date { d1.addingTimeInterval(-3 * 86_400) }

    func delivery(_ key: String, deadline: Date, at: Date) -> PlannedDelivery {
        let r = Reminder(subject: "quota", kind: .before, at: at, deadline: deadline, people: ["SJenV"])
        return PlannedDelivery(key: key, reminder: r, channel: "mail", to: ["SJenV"], cc: [])
    }

    @Test func theNextRevisionIsAlwaysHigher() {
        let first = CalendarRevision.next(deadline: d1, after: nil)
        #expect(first.sequence == CalendarEvent.sequence(deadline: d1))
        #expect(CalendarRevision.next(deadline: d1, after: first) == first, "unchanged deadline, same SEQUENCE")
        let pulled = CalendarRevision.next(deadline: earlier, after: first)
        #expect(pulled.sequence == first.sequence + 1, "earlier deadline: still one higher")
        let pushed = CalendarRevision.next(deadline: d1.addingTimeInterval(7 * 86_400), after: pulled)
        #expect(pushed.sequence > pulled.sequence)
    }

    @Test(arguments: StoreKind.available) func theOutboxKeepsRevisionsAndEachRowItsSequence(_ kind: StoreKind) throws {
        let store = try kind.make()
        let t0 = d1.addingTimeInterval(-7 * 86_400)
        try store.enqueue([delivery("a", deadline: d1, at: t0), delivery("b", deadline: d1, at: t0.addingTimeInterval(60))],
                          late: false, now: t0)
        let s1 = try #require(try store.delivery(key: "a")?.calendarSequence)
        #expect(try store.delivery(key: "b")?.calendarSequence == s1)
        // The deadline is pulled forward by a reload: the next reminder's calendar wins.
        try store.enqueue([delivery("c", deadline: earlier, at: t0.addingTimeInterval(86_400))], late: false, now: t0)
        let s2 = try #require(try store.delivery(key: "c")?.calendarSequence)
        #expect(s2 == s1 + 1)
        #expect(try store.calendarRevisions()["quota"] == CalendarRevision(deadline: earlier, sequence: s2))
        // The planned delivery handed to a notifier carries it.
        #expect(try store.delivery(key: "c")?.planned.calendarSequence == s2)
        // A feed worked out before the next reminder already shows a higher one.
        let moved = CalendarRevision.next(deadline: d1, after: try store.calendarRevisions()["quota"])
        #expect(moved.sequence == s2 + 1)
    }
}
