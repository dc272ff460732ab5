import Dispatch
import Foundation
import Logging
import RemindCore
import Testing
@testable import RemindDaemon

/// The scheduler against a real (in-memory) store, a manual clock and a manual timer: a
/// day of reminders runs in milliseconds, and catch-up after downtime is checked exactly.
@Suite struct SchedulerTests {
    static let yaml = """
    timezone: Europe/Amsterdam
    channels:
      local: { type: maildir, path: /tmp/remindd-test-mail }
    people:
      SJenV: sjenv@example.org
      MBZK: mbzk@example.org
      chair: voorzitter@example.org
    catch_up: 24h
    defaults:
      policy:
        before: [7d, 1d]
        on_due: true
        overdue: { every: 2wd, times: 3 }
        escalate: { after: 2, to: [chair] }
    meetings:
      lrt: { dates: [2023-09-25, 2023-10-23], time: "14:00" }
    items:
      - id: taakstelling
        title: Hoogte taakstelling bekijken
        owner: SJenV
        with: [MBZK]
        meeting: lrt@2023-09-25
        due: in 1 week
      - id: bak-oek
        title: BAK OEK agenderen
        owner: SJenV
        meeting: lrt@2023-09-25
        due: next meeting
    """

    static func utc(_ s: String) -> Date {
        guard case .instant(let d)? = DeadlineExpr.parseTimed(s) else { fatalError("bad instant \(s)") }
        return d
    }

    struct Rig {
        let store: any StateStore
        let clock: ManualClock
        let timer = ManualTimer()
        let queue = DispatchQueue(label: "test.scheduler")
        let scheduler: Scheduler

        init(_ yaml: String = SchedulerTests.yaml, store: (any StateStore)? = nil, now: Date) throws {
            let config = try ConfigLoader.load(text: yaml, path: "/tmp/test.yaml")
            self.store = try store ?? Store.inMemory()
            clock = ManualClock(now)
            scheduler = Scheduler(config: config, store: self.store, clock: clock, queue: queue, timer: timer,
                                  logger: Logger(label: "test"), onEnqueued: {})
        }

        func sync<T>(_ body: () throws -> T) rethrows -> T { try queue.sync(execute: body) }

        /// Moves the clock to the armed instant and fires, as the wall clock would.
        func fireNext() -> Date? {
            guard let at = timer.armedAt else { return nil }
            clock.set(at)
            sync { scheduler.fire() }
            return at
        }
    }

    @Test func firesEachReminderOnceAtItsMomentNeverEarly() throws {
        let rig = try Rig(now: Self.utc("2023-09-25T12:00:00Z"))
        try rig.sync { try rig.scheduler.start() }
        #expect(try rig.store.history().isEmpty)
        // Before-1d of taakstelling: Fri 2023-09-29 09:00 CEST.
        #expect(rig.timer.armedAt == Self.utc("2023-09-29T07:00:00Z"))
        // A timer that fires a millisecond early sends nothing and re-arms for the same moment.
        rig.clock.set(Self.utc("2023-09-29T06:59:59.999Z"))
        rig.sync { rig.scheduler.fire() }
        #expect(try rig.store.history().isEmpty)
        #expect(rig.timer.armedAt == Self.utc("2023-09-29T07:00:00Z"))

        var fired: [Date] = []
        while let at = rig.timer.armedAt, at < Self.utc("2023-10-31T00:00:00Z") {
            fired.append(rig.fireNext()!)
        }
        let history = try rig.store.history()
        let keys = history.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(history.allSatisfy { $0.state == .pending && !$0.late })
        let expected = Planner(config: rig.scheduler.config)
            .reminders(state: PlanState(), from: Self.utc("2023-09-25T12:00:00Z"), to: Self.utc("2023-10-31T00:00:00Z"))
        #expect(history.count == expected.count)
        #expect(Set(history.map(\.scheduled)) == Set(expected.map(\.at)))
        #expect(history.contains { $0.key == "taakstelling/overdue/20231005T070000Z/local" && $0.recipients.contains("chair") })
    }

    @Test func catchUpSendsRecentReminderLateAndRecordsOlderAsMissed() throws {
        // Down from before the lead reminder until Tue 2023-10-03 10:00 CEST: before-1d
        // (Fri) and on-due (Mon 09:00) are older than 24 h and missed; overdue #1 (Tue
        // 09:00) is one hour old and sent late.
        let rig = try Rig(now: Self.utc("2023-10-03T08:00:00Z"))
        try rig.sync { try rig.scheduler.start() }
        let h = try rig.store.history(subject: "taakstelling")
        let byKind = Dictionary(grouping: h, by: \.kind)
        #expect(byKind[.before]?.map(\.state) == [.missed])
        #expect(byKind[.due]?.map(\.state) == [.missed])
        #expect(byKind[.overdue]?.count == 1)
        #expect(byKind[.overdue]?.first?.state == .pending)
        #expect(byKind[.overdue]?.first?.late == true)
        #expect(try rig.store.existingKeys(["taakstelling/overdue/20231003T070000Z/local"]).count == 1)
    }

    @Test func severalMissedOverdueRemindersCollapseIntoOne() throws {
        let rig = try Rig(now: Self.utc("2023-11-20T08:00:00Z"))
        try rig.sync { try rig.scheduler.start() }
        let overdue = try rig.store.history(subject: "taakstelling").filter { $0.kind == .overdue }
        #expect(overdue.count == 1)
        #expect(overdue.first?.scheduled == Self.utc("2023-10-09T07:00:00Z"))
        #expect(overdue.first?.state == .missed)
    }

    @Test(arguments: StoreKind.available) func restartDoesNotRepeatWhatWasAlreadyRecorded(_ kind: StoreKind) throws {
        let store = try kind.make()
        let first = try Rig(store: store, now: Self.utc("2023-10-03T08:00:00Z"))
        try first.sync { try first.scheduler.start() }
        let before = try store.history().map(\.key).sorted()
        let second = try Rig(store: store, now: Self.utc("2023-10-03T08:30:00Z"))
        try second.sync { try second.scheduler.start() }
        #expect(try store.history().map(\.key).sorted() == before)
    }

    @Test func doneItemLeavesThePlanAndReopenResumesIt() throws {
        let rig = try Rig(now: Self.utc("2023-09-25T12:00:00Z"))
        try rig.sync { try rig.scheduler.start() }
        try rig.store.setDone("taakstelling", at: rig.clock.now())
        try rig.sync { try rig.scheduler.stateChanged(items: ["taakstelling"]) }
        // Nothing else within the planning horizon: the timer wakes at its end to plan on.
        #expect(rig.timer.armedAt == Self.utc("2023-09-25T12:00:00Z").addingTimeInterval(Scheduler.horizon))
        #expect(rig.scheduler.next == nil)
        try rig.store.reopen("taakstelling", at: rig.clock.now())
        try rig.sync { try rig.scheduler.stateChanged(items: ["taakstelling"]) }
        #expect(rig.timer.armedAt == Self.utc("2023-09-29T07:00:00Z"))
    }

    /// A state change replans the item it names and leaves the rest of the plan as it was:
    /// the same upcoming reminders as a plan made from scratch with that state.
    @Test func aStateChangeReplansOnlyItsItemAndGivesTheSamePlan() throws {
        let now = Self.utc("2023-10-16T09:00:00Z")
        let rig = try Rig(now: now)
        try rig.sync { try rig.scheduler.start() }
        let before = rig.sync { rig.scheduler.upcomingCount }
        #expect(before > 0)
        let first = rig.sync { rig.scheduler.next }
        #expect(first?.subject == "bak-oek")
        try rig.store.snooze("bak-oek", until: Self.utc("2023-10-23T10:00:00Z"), at: now)
        try rig.sync { try rig.scheduler.stateChanged(items: ["bak-oek"]) }
        let incremental = rig.sync { (rig.scheduler.upcomingCount, rig.scheduler.next?.subject, rig.timer.armedAt) }
        #expect(incremental.2 != first?.at, "the snooze moved the next reminder")
        // The same state, planned whole by a fresh scheduler.
        let fresh = try Rig(store: rig.store, now: now)
        try fresh.sync { try fresh.scheduler.start() }
        let whole = fresh.sync { (fresh.scheduler.upcomingCount, fresh.scheduler.next?.subject, fresh.timer.armedAt) }
        #expect(incremental.0 == whole.0 && incremental.1 == whole.1 && incremental.2 == whole.2,
                "incremental \(incremental), whole \(whole)")
    }

    @Test func reloadCatchesUpAReminderTheNewConfigAddsInThePast() throws {
        let rig = try Rig(now: Self.utc("2023-10-20T10:00:00Z"))
        try rig.sync { try rig.scheduler.start() }
        let added = Self.yaml + """

          - id: nieuw
            title: Toegevoegd na de vergadering
            owner: MBZK
            agreed: 2023-10-01
            remind_at: ["2023-10-20T08:00:00Z", "2023-10-10T08:00:00Z"]
        """
        let config = try ConfigLoader.load(text: added, path: "/tmp/test.yaml")
        try rig.sync { try rig.scheduler.reload(config) }
        let h = try rig.store.history(subject: "nieuw").filter { $0.kind == .at }
        #expect(h.first { $0.scheduled == Self.utc("2023-10-20T08:00:00Z") }?.state == .pending)
        #expect(h.first { $0.scheduled == Self.utc("2023-10-20T08:00:00Z") }?.late == true)
        #expect(h.first { $0.scheduled == Self.utc("2023-10-10T08:00:00Z") }?.state == .missed)
    }
}
