import Foundation
import Testing
@testable import RemindCore

/// Items without a deadline are nudged (first at R + every); items waiting for an event get
/// nothing while their event's owner hears when it is expected and when it is late.
@Suite struct UndatedAndEventTests {
    static func nudges(r: String, every: String, holidays: [String] = ["2023-12-25", "2023-12-26"],
                       to: String = "2025-01-01T00:00:00Z") throws -> [String] {
        let c = try TestConfig.make(holidays: holidays, policy: "    undated: { every: \(every) }\n",
                                    items: TestConfig.item(nil, r: r))
        #expect(c.deadline("x") == "undated")
        return c.golden("x", to: to)
    }

    @Test func nudgesStartAtRPlusEvery() throws {
        #expect(try Self.nudges(r: "2023-09-25", every: "2w", to: "2023-11-21T00:00:00Z") == [
            "undated#1 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV",
            "undated#2 Mon 2023-10-23 09:00 +02:00 (2023-10-23T07:00:00Z) SJenV",
            "undated#3 Mon 2023-11-06 09:00 +01:00 (2023-11-06T08:00:00Z) SJenV",
            "undated#4 Mon 2023-11-20 09:00 +01:00 (2023-11-20T08:00:00Z) SJenV",
        ])
        // They go on with no end (a window of two years holds 52 two-weekly nudges).
        #expect(try Self.nudges(r: "2023-09-25", every: "2w").count == 33)
    }

    /// Each nudge moves forward on its own: a nudge moved off Christmas does not drag the
    /// later ones along.
    @Test func nudgesMoveForwardEachOnItsOwn() throws {
        #expect(try Self.nudges(r: "2023-12-11", every: "2w", to: "2024-01-23T00:00:00Z") == [
            "undated#1 Wed 2023-12-27 09:00 +01:00 (2023-12-27T08:00:00Z) SJenV",
            "undated#2 Mon 2024-01-08 09:00 +01:00 (2024-01-08T08:00:00Z) SJenV",
            "undated#3 Mon 2024-01-22 09:00 +01:00 (2024-01-22T08:00:00Z) SJenV",
        ])
        // From a Saturday R: the first on Monday, the second two weeks after R + 2w.
        #expect(try Self.nudges(r: "2023-09-23", every: "2w", to: "2023-10-24T00:00:00Z") == [
            "undated#1 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV",
            "undated#2 Mon 2023-10-23 09:00 +02:00 (2023-10-23T07:00:00Z) SJenV",
        ])
    }

    @Test func nudgesInMonthsAndWorkingDays() throws {
        // Jan 31 + 1mo = Feb 29 (2024); then + 1mo each from there.
        #expect(try Self.nudges(r: "2024-01-31", every: "1mo", to: "2024-05-01T00:00:00Z") == [
            "undated#1 Thu 2024-02-29 09:00 +01:00 (2024-02-29T08:00:00Z) SJenV",
            "undated#2 Fri 2024-03-29 09:00 +01:00 (2024-03-29T08:00:00Z) SJenV",
            "undated#3 Mon 2024-04-29 09:00 +02:00 (2024-04-29T07:00:00Z) SJenV",
        ])
        // Thirty years on the count is still exact (#1 is 2023-10-25; #352 falls on Sat
        // 2053-01-25 and moves to Monday).
        let c = try TestConfig.make(policy: "    undated: { every: 1mo }\n", items: TestConfig.item(nil, r: "2023-09-25"))
        let late = c.plan(from: "2053-01-01T00:00:00Z", to: "2054-01-01T00:00:00Z")
        #expect(late.count == 12)
        #expect(late.first?.golden(c) == "undated#352 Mon 2053-01-27 09:00 +01:00 (2053-01-27T08:00:00Z) SJenV")
        #expect(late.last?.ordinal == 363)
        // Working days skip the weekend, Christmas and New Year's Day.
        #expect(try Self.nudges(r: "2023-12-20", every: "3wd", holidays: ["2023-12-25", "2023-12-26", "2024-01-01"],
                                to: "2024-01-06T00:00:00Z") == [
            "undated#1 Wed 2023-12-27 09:00 +01:00 (2023-12-27T08:00:00Z) SJenV",
            "undated#2 Tue 2024-01-02 09:00 +01:00 (2024-01-02T08:00:00Z) SJenV",
            "undated#3 Fri 2024-01-05 09:00 +01:00 (2024-01-05T08:00:00Z) SJenV",
        ])
    }

    /// Planning a long window in pieces gives exactly what planning it at once gives, for
    /// every unit a repeat can be written in: the daemon plans from "now", so a nudge may
    /// never disappear because the window starts late in a series.
    @Test(arguments: ["2wd", "3d", "1w", "1mo", "5wd"])
    func windowsCanBeSplitAnywhere(_ every: String) throws {
        let c = try TestConfig.make(holidays: ["2023-12-25", "2023-12-26", "2024-01-01"],
                                    policy: "    undated: { every: \(every) }\n    overdue: { every: \(every), times: 40 }\n",
                                    items: TestConfig.item(nil, r: "2023-09-25", id: "u") + TestConfig.item("2023-10-02", id: "d"))
        let planner = Planner(config: c)
        let start = Stamp.utc("2023-09-01T00:00:00Z")
        let end = Stamp.utc("2026-09-01T00:00:00Z")
        let whole = planner.reminders(state: PlanState(), from: start, to: end)
        #expect(whole.count > 40)
        for cutDays in [3, 17, 45, 100, 200, 365, 500, 800] {
            let cut = start.addingTimeInterval(Double(cutDays) * 86_400)
            let pieces = planner.reminders(state: PlanState(), from: start, to: cut)
                + planner.reminders(state: PlanState(), from: cut, to: end)
            if pieces != whole {
                // Reported as what is missing or extra, not as two long lists.
                let a = pieces.map { $0.golden(c) }, b = whole.map { $0.golden(c) }
                Issue.record("cut after \(cutDays) days: missing \(b.filter { !a.contains($0) }.prefix(3)), extra \(a.filter { !b.contains($0) }.prefix(3))")
            }
        }
    }

    @Test func undatedCanBeSwitchedOff() throws {
        let c = try TestConfig.make(policy: "    undated: off\n", items: TestConfig.item(nil))
        #expect(c.golden("x") == [])
    }

    /// `next meeting` with no later meeting yet is nudged like an undated item.
    @Test func nextMeetingWithoutALaterMeetingIsNudged() throws {
        let c = try TestConfig.make(items: TestConfig.item("next meeting", r: "lrt@2023-10-23"))
        #expect(c.deadline("x") == "undated")
        #expect(c.golden("x", to: "2023-11-07T00:00:00Z") == ["undated#1 Mon 2023-11-06 09:00 +01:00 (2023-11-06T08:00:00Z) SJenV"])
        #expect(ConfigWarnings.find(c).count == 1)
    }

    static let event = """
      ev:
        title: Uitspraak
        expected: early December 2023
        owner: JenV
    """

    /// A waiting item gets no item reminders; the event's owner gets its two notices.
    @Test func waitingItemsGetNothingButTheEventIsNoticed() throws {
        let c = try TestConfig.make(events: Self.event, items: TestConfig.item("after ev +5wd", owner: "LRT"))
        let plan = c.plan()
        #expect(plan.filter { $0.subject == "x" }.isEmpty)
        #expect(plan.map { "\($0.kind.rawValue) \($0.subject) \($0.people) \($0.isEventNotice)" } == [
            "event-expected ev [\"JenV\"] true",
            "event-late ev [\"JenV\"] true",
        ])
    }

    /// Without an owner, an event's notices go to the owners of the items waiting for it
    /// (not to those of done items).
    @Test func ownerlessEventsNotifyTheWaitingOwners() throws {
        let c = try TestConfig.make(events: "  ev: { title: Uitspraak, expected: 2023-12-01/2023-12-10 }", items:
            TestConfig.item("after ev", id: "a", owner: "LRT") + TestConfig.item("after ev +1w", id: "b", owner: "MBZK")
            + TestConfig.item("after ev", id: "c", owner: "SJenV"))
        let notices = c.plan(PlanState(items: ["c": ItemState(done: true)]))
        #expect(notices.map(\.people) == [["LRT", "MBZK"], ["LRT", "MBZK"]])
    }

    /// Recorded before its window even opened: no notices at all, and the item runs from E.
    @Test func aRecordedEventGetsNoNotices() throws {
        let c = try TestConfig.make(events: Self.event, items: TestConfig.item("after ev +1w", owner: "LRT"))
        let state = PlanState(occurredEvents: ["ev": LocalDate("2023-11-20")!])
        #expect(c.golden("ev", state) == [])
        #expect(c.deadline("x", state) == "Mon 2023-11-27 17:00 +01:00")
        // before-7d falls on E: dropped; before-1d and the rest as usual.
        #expect(c.golden("x", state).first == "before-1d Fri 2023-11-24 09:00 +01:00 (2023-11-24T08:00:00Z) LRT")
    }
}
