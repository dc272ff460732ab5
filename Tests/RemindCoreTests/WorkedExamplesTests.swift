import Foundation
import Testing
@testable import RemindCore

/// DESIGN "Time rules", worked examples: Europe/Amsterdam, mon-fri 09:00-17:00, the
/// sketch's policy, R = Mon 2023-09-25. Each row is one test listing every reminder the
/// item gets, in local time (with the offset, so CEST/CET is visible) and in UTC.
@Suite struct WorkedExamplesTests {
    /// DESIGN's sketch (a fixture, verbatim) plus the two worked-example items it lacks.
    static func config() throws -> Config {
        let sketch = try String(contentsOf: TestConfig.fixtures.appendingPathComponent("design-sketch.yaml"), encoding: .utf8)
        let extra = """
          - id: bak-oek
            title: BAK OEK voor besluitvorming op de volgende LRT agenderen
            owner: SJenV
            meeting: lrt@2023-09-25
            due: next meeting
          - id: dst
            title: Deadline just after the change to winter time
            owner: JenV
            meeting: lrt@2023-09-25
            due: 2023-10-30

        """
        return try TestConfig.load(sketch + extra)
    }

    @Test func taakstellingInOneWeek() throws {
        let c = try Self.config()
        #expect(c.deadline("taakstelling") == "Mon 2023-10-02 17:00 +02:00")
        #expect(Planner(config: c).deadline(of: c.item("taakstelling")!, state: PlanState()).instant
            == Stamp.utc("2023-10-02T15:00:00Z"))
        // before-7d would be Mon 2023-09-25, R itself: dropped.
        #expect(c.golden("taakstelling") == [
            "before-1d Fri 2023-09-29 09:00 +02:00 (2023-09-29T07:00:00Z) SJenV,MBZK",
            "on-due Mon 2023-10-02 09:00 +02:00 (2023-10-02T07:00:00Z) SJenV,MBZK",
            "overdue#1 Tue 2023-10-03 09:00 +02:00 (2023-10-03T07:00:00Z) SJenV,MBZK",
            "overdue#2 Thu 2023-10-05 09:00 +02:00 (2023-10-05T07:00:00Z) SJenV,MBZK +chair",
            "overdue#3 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV,MBZK +chair",
        ])
    }

    @Test func bakOekNextMeeting() throws {
        let c = try Self.config()
        #expect(c.deadline("bak-oek") == "Mon 2023-10-23 14:00 +02:00")
        // before-1d: Sun 10-22 is not a working day, so the Friday before.
        #expect(c.golden("bak-oek") == [
            "before-7d Mon 2023-10-16 09:00 +02:00 (2023-10-16T07:00:00Z) SJenV",
            "before-1d Fri 2023-10-20 09:00 +02:00 (2023-10-20T07:00:00Z) SJenV",
            "on-due Mon 2023-10-23 09:00 +02:00 (2023-10-23T07:00:00Z) SJenV",
            "overdue#1 Tue 2023-10-24 09:00 +02:00 (2023-10-24T07:00:00Z) SJenV",
            "overdue#2 Thu 2023-10-26 09:00 +02:00 (2023-10-26T07:00:00Z) SJenV +chair",
            "overdue#3 Mon 2023-10-30 09:00 +01:00 (2023-10-30T08:00:00Z) SJenV +chair",
        ])
    }

    @Test func dstDeadlineAfterTheChangeToWinterTime() throws {
        let c = try Self.config()
        #expect(c.deadline("dst") == "Mon 2023-10-30 17:00 +01:00")
        #expect(Planner(config: c).deadline(of: c.item("dst")!, state: PlanState()).instant
            == Stamp.utc("2023-10-30T16:00:00Z"))
        #expect(c.golden("dst") == [
            "before-7d Mon 2023-10-23 09:00 +02:00 (2023-10-23T07:00:00Z) JenV",
            "before-1d Fri 2023-10-27 09:00 +02:00 (2023-10-27T07:00:00Z) JenV",
            "on-due Mon 2023-10-30 09:00 +01:00 (2023-10-30T08:00:00Z) JenV",
            "overdue#1 Tue 2023-10-31 09:00 +01:00 (2023-10-31T08:00:00Z) JenV",
            "overdue#2 Thu 2023-11-02 09:00 +01:00 (2023-11-02T08:00:00Z) JenV +chair",
            "overdue#3 Mon 2023-11-06 09:00 +01:00 (2023-11-06T08:00:00Z) JenV +chair",
        ])
    }

    @Test func lrtNaUitspraakWaitsThenIsScheduled() throws {
        let c = try Self.config()
        // Until the ruling is recorded the item waits: no item reminders, only the event's
        // notices to its owner.
        #expect(c.deadline("lrt-na-uitspraak") == "waiting for rvs-ruling")
        #expect(c.golden("lrt-na-uitspraak") == [])
        #expect(c.golden("rvs-ruling") == [
            "event-expected Fri 2023-12-01 09:00 +01:00 (2023-12-01T08:00:00Z) JenV",
            "event-late Mon 2023-12-11 09:00 +01:00 (2023-12-11T08:00:00Z) JenV",
        ])

        // Recorded as occurred on Wed 2023-12-06: E + 5wd = Wed 2023-12-13; before-7d falls
        // on E and is dropped; the event gets no notices at all.
        let state = PlanState(occurredEvents: ["rvs-ruling": LocalDate("2023-12-06")!])
        #expect(c.deadline("lrt-na-uitspraak", state) == "Wed 2023-12-13 17:00 +01:00")
        #expect(c.golden("rvs-ruling", state) == [])
        #expect(c.golden("lrt-na-uitspraak", state) == [
            "before-1d Tue 2023-12-12 09:00 +01:00 (2023-12-12T08:00:00Z) LRT",
            "on-due Wed 2023-12-13 09:00 +01:00 (2023-12-13T08:00:00Z) LRT",
            "overdue#1 Thu 2023-12-14 09:00 +01:00 (2023-12-14T08:00:00Z) LRT",
            "overdue#2 Mon 2023-12-18 09:00 +01:00 (2023-12-18T08:00:00Z) LRT +chair",
            "overdue#3 Wed 2023-12-20 09:00 +01:00 (2023-12-20T08:00:00Z) LRT +chair",
        ])
    }

    /// `occurred:` in the config has the same effect as recording the event.
    @Test func occurredInTheConfigCountsAsRecorded() throws {
        let text = try String(contentsOf: TestConfig.fixtures.appendingPathComponent("design-sketch.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "    # occurred: 2023-12-06", with: "    occurred: 2023-12-06")
        let c = try TestConfig.load(text)
        #expect(c.events["rvs-ruling"]?.occurred == LocalDate("2023-12-06"))
        #expect(c.deadline("lrt-na-uitspraak") == "Wed 2023-12-13 17:00 +01:00")
        #expect(c.golden("rvs-ruling") == [])
        #expect(c.golden("lrt-na-uitspraak").first == "before-1d Tue 2023-12-12 09:00 +01:00 (2023-12-12T08:00:00Z) LRT")
    }

    /// The mail channel puts owners in To and escalation targets in Cc; MBZK's own
    /// channels add the webhook; one delivery per channel, keyed by item, kind, instant
    /// and channel.
    @Test func deliveriesFollowEachPersonsChannels() throws {
        let c = try Self.config()
        let planner = Planner(config: c)
        let plan = c.plan().filter { $0.subject == "taakstelling" }
        let lead = try #require(plan.first)
        let d1 = planner.deliveries(for: lead)
        #expect(d1.map(\.channel) == ["mail", "chat"])
        #expect(d1.map(\.to) == [["SJenV", "MBZK"], ["MBZK"]])
        #expect(d1.map(\.key) == ["taakstelling/before/20230929T070000Z/mail", "taakstelling/before/20230929T070000Z/chat"])
        let escalated = try #require(plan.first { $0.kind == .overdue && $0.ordinal == 2 })
        let d2 = planner.deliveries(for: escalated)
        #expect(d2.map(\.channel) == ["mail", "chat"])
        #expect(d2[0].to == ["SJenV", "MBZK"] && d2[0].cc == ["chair"])
        #expect(d2[1].to == ["MBZK"] && d2[1].cc == [])
    }
}
