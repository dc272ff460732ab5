import Foundation
import Testing
@testable import RemindCore

/// "A done item gets nothing more; a snoozed item gets nothing before its snooze ends."
@Suite struct ItemStateTests {
    static func config() throws -> Config {
        try TestConfig.make(items: TestConfig.item("in 1 week", id: "taakstelling", extra: "with: [MBZK]")
            + TestConfig.item(nil, id: "undated"))
    }

    @Test func doneItemsGetNothing() throws {
        let c = try Self.config()
        #expect(!c.golden("taakstelling").isEmpty && !c.golden("undated").isEmpty)
        let state = PlanState(items: ["taakstelling": ItemState(done: true), "undated": ItemState(done: true)])
        #expect(c.plan(state).isEmpty)
        // Reopened (not done) it is planned as before.
        #expect(c.golden("taakstelling", PlanState(items: ["taakstelling": ItemState(done: false)])).count == 5)
    }

    @Test func snoozedItemsGetNothingBeforeTheSnoozeEnds() throws {
        let c = try Self.config()
        let until = Stamp.utc("2023-10-04T10:00:00Z")
        let state = PlanState(items: ["taakstelling": ItemState(snoozedUntil: until)])
        #expect(c.golden("taakstelling", state) == [
            "overdue#2 Thu 2023-10-05 09:00 +02:00 (2023-10-05T07:00:00Z) SJenV,MBZK +chair",
            "overdue#3 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV,MBZK +chair",
        ])
        // Another item is not affected.
        #expect(c.golden("undated", state) == c.golden("undated"))
        // A snooze that ended before the window changes nothing.
        let past = PlanState(items: ["taakstelling": ItemState(snoozedUntil: Stamp.utc("2023-09-01T00:00:00Z"))])
        #expect(c.golden("taakstelling", past) == c.golden("taakstelling"))
    }

    /// What a snooze held back comes once, when it ends (when the snooze's start is known):
    /// the latest of the held-back reminders, moved to the end of the snooze.
    @Test func heldBackRemindersComeOnceWhenTheSnoozeEnds() throws {
        let c = try Self.config()
        let state = PlanState(items: ["taakstelling": ItemState(snoozedUntil: Stamp.utc("2023-10-04T10:00:00Z"),
                                                                snoozedAt: Stamp.utc("2023-09-28T12:00:00Z"))])
        #expect(c.golden("taakstelling", state) == [
            "overdue#1 Wed 2023-10-04 12:00 +02:00 (2023-10-04T10:00:00Z) SJenV,MBZK",
            "overdue#2 Thu 2023-10-05 09:00 +02:00 (2023-10-05T07:00:00Z) SJenV,MBZK +chair",
            "overdue#3 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV,MBZK +chair",
        ])
        // Planned from after the snooze ended, the held-back reminder is in the past: not
        // repeated.
        #expect(c.golden("taakstelling", state, from: "2023-10-04T10:00:01Z").count == 2)
    }

    /// The window is half-open: a reminder exactly at `to` belongs to the next window.
    @Test func windowsAreHalfOpen() throws {
        let c = try Self.config()
        let at = "2023-09-29T07:00:00Z"
        #expect(c.golden("taakstelling", from: "2023-09-01T00:00:00Z", to: at).isEmpty)
        #expect(c.golden("taakstelling", from: at, to: "2023-09-29T07:00:01Z").count == 1)
    }
}
