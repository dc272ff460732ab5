import Dispatch
import Foundation
import Logging
import RemindCore
import Testing
@testable import RemindDaemon

/// Digests in the scheduler, on a manual clock: each period once per person, its content
/// kept in the row; after downtime only the latest period is sent (late) and the periods
/// since the daemon last looked are recorded missed; nothing is sent again on a restart
/// or a reload that moves the digest's time.
@Suite struct DigestSchedulingTests {
    static func yaml(at: String = "08:30") -> String {
        """
        timezone: Europe/Amsterdam
        channels:
          local: { type: maildir, path: /tmp/remindd-test-mail }
        defaults: { channels: [local], policy: { before: [], on_due: false, overdue: { times: 0 } } }
        people:
          SJenV: sjenv@example.org
          MBZK: mbzk@example.org
          chair: voorzitter@example.org
        catch_up: 24h
        meetings:
          lrt: { dates: [2023-09-25, 2023-10-23], time: "14:00" }
        digests:
          daily: { to: owners, at: "\(at)" }
          chair: { meeting: lrt, before: 2wd, at: "09:00", to: [chair] }
        items:
          - { id: quota, title: Quota, owner: SJenV, with: [MBZK], meeting: lrt@2023-09-25, due: "2023-10-02" }
        """
    }

    static func utc(_ s: String) -> Date { SchedulerTests.utc(s) }

    func digests(_ store: any StateStore) throws -> [DeliveryRecord] {
        try store.history().filter { $0.kind == .digest }
    }

    @Test func eachPeriodOncePerPersonWithItsContent() throws {
        let rig = try SchedulerTests.Rig(Self.yaml(), now: Self.utc("2023-10-02T05:00:00Z"))
        try rig.sync { try rig.scheduler.start() }
        #expect(rig.timer.armedAt == Self.utc("2023-10-02T06:30:00Z"), "Mon 08:30 CEST")
        // Before the first start, Friday's 08:30 was the latest period: too old, recorded missed.
        #expect(try digests(rig.store).map(\.state) == [.missed, .missed])
        #expect(rig.fireNext() != nil)
        let rows = try digests(rig.store).filter { $0.state == .pending }
        #expect(rows.map(\.key).sorted() == ["daily/digest/2023-10-02/MBZK/local", "daily/digest/2023-10-02/SJenV/local"])
        let content = try #require(rows.first { $0.to == ["SJenV"] }?.digest)
        #expect(content.sections.map(\.kind) == [.dueSoon] && content.sections[0].entries.map(\.id) == ["quota"])
        // Restart the same day, and a reload that moves the digest to a later time that day.
        let again = try SchedulerTests.Rig(Self.yaml(), store: rig.store, now: Self.utc("2023-10-02T07:00:00Z"))
        try again.sync { try again.scheduler.start() }
        let moved = try ConfigLoader.load(text: Self.yaml(at: "10:00"), path: "/tmp/test.yaml")
        try again.sync { try again.scheduler.reload(moved) }
        #expect(again.fireNext() == Self.utc("2023-10-02T08:00:00Z"))
        #expect(try digests(rig.store).filter { $0.state == .pending }.count == 2, "one per person for the day, whatever moved")
    }

    @Test func afterDowntimeTheLatestPeriodIsSentLateAndEarlierOnesMissed() throws {
        let rig = try SchedulerTests.Rig(Self.yaml(), now: Self.utc("2023-10-02T12:00:00Z"))
        try rig.sync { try rig.scheduler.start() }
        // Before the first start only the latest period counts: Monday 08:30, 3.5 h old.
        let first = try digests(rig.store)
        #expect(first.map(\.key).sorted() == ["daily/digest/2023-10-02/MBZK/local", "daily/digest/2023-10-02/SJenV/local"])
        #expect(first.allSatisfy { $0.late && $0.state == .pending }, "\(first.map(\.key))")
        // Down from Monday noon to Thursday 10:00 CEST: Tuesday's and Wednesday's 08:30 are
        // older than catch_up (24 h) and recorded missed; Thursday's (1.5 h) is sent late.
        let later = try SchedulerTests.Rig(Self.yaml(), store: rig.store, now: Self.utc("2023-10-05T08:00:00Z"))
        try later.sync { try later.scheduler.start() }
        let rows = try digests(rig.store)
        func states(_ day: String) -> [DeliveryState] {
            rows.filter { $0.key.hasPrefix("daily/digest/\(day)/") }.map(\.state)
        }
        #expect(states("2023-10-03") == [.missed, .missed])
        #expect(states("2023-10-04") == [.missed, .missed])
        #expect(rows.filter { $0.key.hasPrefix("daily/digest/2023-10-05/") }.allSatisfy { $0.late && $0.state == .pending })
        #expect(rows.filter { $0.key.hasPrefix("daily/digest/2023-10-05/") }.count == 2)
    }
}
