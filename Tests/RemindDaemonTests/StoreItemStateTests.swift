import Foundation
import RemindCore
import Testing
import RemindDaemon

/// done / reopen / snooze / event, as the planner will read them.
@Suite struct StoreItemStateTests {
    let t0 = Date(timeIntervalSince1970: 1_695_625_200)
    var t1: Date { t0.addingTimeInterval(3600) }
    var t2: Date { t0.addingTimeInterval(7200) }

    @Test(arguments: StoreKind.available) func doneKeepsTheFirstDoneInstant(_ kind: StoreKind) throws {
        let store = try kind.make()
        try store.setDone("a", at: t0)
        try store.setDone("a", at: t1)
        #expect(try store.itemState("a") == ItemState(done: true, doneAt: t0))
    }

    @Test(arguments: StoreKind.available) func reopenClearsDoneAndSnooze(_ kind: StoreKind) throws {
        let store = try kind.make()
        try store.snooze("a", until: t2, at: t0)
        try store.setDone("a", at: t1)
        #expect(try store.itemState("a") == ItemState(done: true, doneAt: t1, snoozedUntil: t2, snoozedAt: t0))
        try store.reopen("a", at: t2)
        #expect(try store.itemState("a") == ItemState(done: false))
        try store.setDone("a", at: t2)
        #expect(try store.itemState("a")?.doneAt == t2)
    }

    @Test(arguments: StoreKind.available) func laterSnoozeReplacesEarlierOne(_ kind: StoreKind) throws {
        let store = try kind.make()
        try store.snooze("a", until: t2, at: t0)
        try store.snooze("a", until: t1, at: t0)
        #expect(try store.itemState("a")?.snoozedUntil == t1)
        #expect(try store.itemState("a")?.done == false)
    }

    /// The planner sends what fell due during a snooze once when it ends, counting from
    /// the snooze's start: that start must survive the round trip, and extending a running
    /// snooze must not move it (or what the first one held back would be lost).
    @Test(arguments: StoreKind.available) func snoozeRemembersWhenItBegan(_ kind: StoreKind) throws {
        let store = try kind.make()
        try store.snooze("a", until: t1, at: t0)
        #expect(try store.itemState("a") == ItemState(snoozedUntil: t1, snoozedAt: t0))
        let meanwhile = t0.addingTimeInterval(600)
        try store.snooze("a", until: t2, at: meanwhile)
        #expect(try store.itemState("a") == ItemState(snoozedUntil: t2, snoozedAt: t0))
        // A snooze after the last one ended starts afresh.
        let later = t2.addingTimeInterval(60)
        try store.snooze("a", until: later.addingTimeInterval(3600), at: later)
        #expect(try store.itemState("a")?.snoozedAt == later)
        try store.reopen("a", at: later)
        #expect(try store.itemState("a") == ItemState(done: false))
    }

    @Test(arguments: StoreKind.available) func unknownItemHasNoState(_ kind: StoreKind) throws {
        let store = try kind.make()
        #expect(try store.itemState("nope") == nil)
        #expect(try store.itemStates().isEmpty)
    }

    @Test(arguments: StoreKind.available) func eventsCanBeCorrected(_ kind: StoreKind) throws {
        let store = try kind.make()
        try store.recordEvent("rvs", occurred: LocalDate(year: 2023, month: 12, day: 5), at: t0)
        try store.recordEvent("rvs", occurred: LocalDate(year: 2023, month: 12, day: 6), at: t1)
        try store.recordEvent("other", occurred: LocalDate(year: 2024, month: 2, day: 29), at: t1)
        #expect(try store.occurredEvents() == ["rvs": LocalDate(year: 2023, month: 12, day: 6),
                                               "other": LocalDate(year: 2024, month: 2, day: 29)])
    }

    @Test(arguments: StoreKind.available) func planStateCombinesItemsAndEvents(_ kind: StoreKind) throws {
        let store = try kind.make()
        try store.setDone("a", at: t0)
        try store.snooze("b", until: t2, at: t0)
        try store.recordEvent("e", occurred: LocalDate(year: 2023, month: 12, day: 6), at: t0)
        let state = try store.planState()
        #expect(state == PlanState(items: ["a": ItemState(done: true, doneAt: t0),
                                           "b": ItemState(snoozedUntil: t2, snoozedAt: t0)],
                                   occurredEvents: ["e": LocalDate(year: 2023, month: 12, day: 6)]))
    }

    @Test(arguments: StoreKind.available) func metaWatermarkRoundTripsExactly(_ kind: StoreKind) throws {
        let store = try kind.make()
        #expect(try store.plannedThrough() == nil)
        let instant = Date(timeIntervalSince1970: 1_695_625_200.123456)
        try store.setPlannedThrough(instant)
        #expect(try store.plannedThrough() == instant)
        try store.setMeta("other", "x")
        #expect(try store.meta("other") == "x")
    }
}
