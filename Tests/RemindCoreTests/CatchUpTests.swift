import Foundation
import Testing
@testable import RemindCore

/// DESIGN "Delivery guarantees": a reminder whose moment passed before the daemon saw it is
/// sent late if younger than `catch_up`, else recorded as missed; several missed overdue
/// reminders of one item collapse into one.
@Suite struct CatchUpTests {
    static func labels(_ list: [Reminder]) -> [String] { list.map { "\($0.label) \(Stamp.iso($0.at))" } }

    static func taakstelling() throws -> [Reminder] {
        try WorkedExamplesTests.config().plan().filter { $0.subject == "taakstelling" }
    }

    @Test func youngerThanTheWindowIsLateOlderIsMissed() throws {
        let c = CatchUp(try Self.taakstelling(), now: Stamp.utc("2023-10-06T06:00:00Z"), window: 86_400)
        // overdue#2 (Thu 07:00Z) is 23 h old: sent late; it supersedes the missed overdue#1.
        #expect(Self.labels(c.late) == ["overdue#2 2023-10-05T07:00:00Z"])
        #expect(Self.labels(c.missed) == ["before-1d 2023-09-29T07:00:00Z", "on-due 2023-10-02T07:00:00Z"])
    }

    @Test func missedRepeatsCollapseIntoTheLatest() throws {
        let c = CatchUp(try Self.taakstelling(), now: Stamp.utc("2023-10-20T12:00:00Z"), window: 86_400)
        #expect(c.late.isEmpty)
        #expect(Self.labels(c.missed) == ["before-1d 2023-09-29T07:00:00Z", "on-due 2023-10-02T07:00:00Z",
                                         "overdue#3 2023-10-09T07:00:00Z"])
    }

    @Test func futureRemindersAreNotCaughtUpAndTheEdgeIsInclusive() throws {
        let c = CatchUp(try Self.taakstelling(), now: Stamp.utc("2023-09-30T07:00:00Z"), window: 86_400)
        #expect(Self.labels(c.late) == ["before-1d 2023-09-29T07:00:00Z"])
        #expect(c.missed.isEmpty)
    }
}
