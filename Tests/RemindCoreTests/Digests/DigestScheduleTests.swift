import Foundation
import Testing
@testable import RemindCore

/// When digests go out: weekly and daily ones on working days at their local time across
/// DST and holidays, meeting digests a lead before each meeting, and the period each
/// moment stands for.
@Suite struct DigestScheduleTests {
    static let base = """
        timezone: Europe/Amsterdam
        holidays: [2023-12-25, 2023-12-26, 2023-10-30]
        channels:
          local: { type: maildir, path: ./mail }
        defaults: { channels: [local] }
        people:
          SJenV: { email: sjenv@example.org }
          MBZK: { email: mbzk@example.org }
          LRT: { email: lrt@example.org }
          chair: { email: voorzitter@example.org }
        meetings:
          lrt: { dates: [2023-09-25, 2023-10-23, 2023-11-20], time: "14:00" }
          zondag: { dates: [2023-10-29], time: "10:00" }
        digests:
          weekly: { to: owners, at: "mon 08:30" }
          daily: { to: [chair], at: "07:45" }
          chair-before-lrt: { meeting: lrt, before: 2wd, at: "09:00", to: [chair] }
          days-before: { meeting: lrt, before: 2d, to: [chair] }
          exact: { meeting: lrt, before: 90m, to: [chair] }
          after-dst: { meeting: zondag, before: 1d, at: "09:00", to: [chair] }
        items:
          - { id: quota, title: Quota, owner: SJenV, with: [MBZK], meeting: lrt@2023-09-25, due: in 1 week }
          - { id: bak, title: BAK, owner: MBZK, meeting: lrt@2023-09-25, due: next meeting }
          - { id: loose, title: Loose, owner: LRT, agreed: 2023-09-25, due: 2023-10-06 }
        """

    let config: Config
    let planner: Planner
    init() throws {
        config = try ConfigLoader.load(text: Self.base, path: "/tmp/digests.yaml")
        planner = Planner(config: config)
    }

    func moments(_ name: String, _ from: String, _ to: String) -> [String] {
        planner.digestMoments(config.digest(name)!, from: Stamp.utc(from), to: Stamp.utc(to))
            .map { Stamp.local($0.at, config.timeZone) + " " + $0.period.description }
    }

    @Test func weeklyOnMondayAtLocalTimeAcrossDSTAndAHolidayMonday() {
        // 2023-10-29 is the end of summer time; Monday 2023-10-30 is a holiday here, so that
        // week's digest goes out on Tuesday, still for the week of the 30th.
        #expect(moments("weekly", "2023-10-16T00:00:00Z", "2023-11-07T00:00:00Z") == [
            "Mon 2023-10-16 08:30 +02:00 2023-10-16",
            "Mon 2023-10-23 08:30 +02:00 2023-10-23",
            "Tue 2023-10-31 08:30 +01:00 2023-10-30",
            "Mon 2023-11-06 08:30 +01:00 2023-11-06",
        ])
    }

    @Test func dailyOnWorkingDaysOnly() {
        #expect(moments("daily", "2023-12-22T00:00:00Z", "2023-12-29T00:00:00Z") == [
            "Fri 2023-12-22 07:45 +01:00 2023-12-22",
            "Wed 2023-12-27 07:45 +01:00 2023-12-27",
            "Thu 2023-12-28 07:45 +01:00 2023-12-28",
        ])
    }

    @Test func meetingDigestsBeforeEachMeeting() {
        // Two working days before Monday 23 Oct is Thursday 19 Oct; 2d before is Saturday
        // 21 Oct, moved back to Friday; 90m before 14:00 is 12:30 on the day.
        #expect(moments("chair-before-lrt", "2023-10-01T00:00:00Z", "2023-11-30T00:00:00Z") == [
            "Thu 2023-10-19 09:00 +02:00 2023-10-23",
            "Thu 2023-11-16 09:00 +01:00 2023-11-20",
        ])
        #expect(moments("days-before", "2023-10-01T00:00:00Z", "2023-10-31T00:00:00Z") == [
            "Fri 2023-10-20 09:00 +02:00 2023-10-23",
        ])
        #expect(moments("exact", "2023-10-01T00:00:00Z", "2023-10-31T00:00:00Z") == [
            "Mon 2023-10-23 12:30 +02:00 2023-10-23",
        ])
        // A day before Sunday 29 Oct (the DST change) is Saturday, moved back to Friday.
        #expect(moments("after-dst", "2023-10-01T00:00:00Z", "2023-10-31T00:00:00Z") == [
            "Fri 2023-10-27 09:00 +02:00 2023-10-29",
        ])
    }

    @Test func digestsAppearInTheAgendaWithPerPersonKeys() throws {
        let agenda = Agenda(config: config, state: PlanState(), from: Stamp.utc("2023-10-16T00:00:00Z"), days: 7)
        let digests = agenda.reminders.filter { $0.kind == .digest }
        #expect(digests.map(\.subject).contains("weekly"))
        guard case .array(let entries) = agenda.json() else { Issue.record("not an array"); return }
        let weekly = try #require(entries.first { $0["item"]?.stringValue == "weekly" })
        #expect(weekly["kind"]?.stringValue == "digest")
        #expect(weekly["at"]?.stringValue == "2023-10-16T06:30:00Z")
        #expect(weekly["to"]?.stringArray == ["SJenV", "MBZK", "LRT"])
        #expect(weekly["period"]?.stringValue == "2023-10-16")
        #expect(weekly["keys"]?.stringArray == [
            "weekly/digest/2023-10-16/SJenV/local", "weekly/digest/2023-10-16/MBZK/local", "weekly/digest/2023-10-16/LRT/local",
        ])
        #expect(weekly["ordinal"] == .null)
    }

    @Test func aWindowOpenToThePastListsNoDigests() {
        let all = planner.reminders(state: PlanState(), from: .distantPast, to: Stamp.utc("2023-11-01T00:00:00Z"))
        #expect(!all.contains { $0.kind == .digest })
        #expect(!planner.reminders(state: PlanState(), from: Stamp.utc("2023-10-01T00:00:00Z"),
                                   to: Stamp.utc("2023-11-01T00:00:00Z"), digests: false).contains { $0.kind == .digest })
    }

    @Test func missedDigestPeriodsCollapseToTheLatest() {
        let now = Stamp.utc("2023-10-20T12:00:00Z")
        let moments = planner.digestReminders(from: Stamp.utc("2023-10-01T00:00:00Z"), to: now)
            .filter { $0.subject == "daily" }
        let caught = CatchUp(moments, now: now, window: 3 * 86_400)
        #expect(caught.late.map { Stamp.iso($0.at) } == ["2023-10-20T05:45:00Z"])
        #expect(caught.missed.count == moments.count - 1)
        #expect(caught.missed.allSatisfy { $0.at < caught.late[0].at })
    }
}
