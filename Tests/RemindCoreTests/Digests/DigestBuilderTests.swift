import Foundation
import Testing
@testable import RemindCore

/// What a digest says: an owner's overdue, due-soon, waiting and recently done items; a
/// meeting's open items grouped by owner in the order of the minutes; empty ones not made.
@Suite struct DigestBuilderTests {
    static let text = """
        timezone: Europe/Amsterdam
        channels:
          local: { type: maildir, path: ./mail }
        defaults: { channels: [local] }
        people:
          SJenV: { email: sjenv@example.org }
          MBZK: { email: mbzk@example.org }
          LRT: { email: lrt@example.org }
          JenV: { email: jenv@example.org }
          idle: { email: idle@example.org }
          chair: { email: voorzitter@example.org }
        meetings:
          lrt: { dates: [2023-09-25, 2023-10-23, 2023-11-20], time: "14:00" }
        events:
          rvs: { title: Uitspraak RvS, expected: early December 2023, owner: JenV }
        digests:
          weekly: { to: owners, at: "mon 08:30" }
          chair: { meeting: lrt, before: 2wd, at: "09:00", to: [chair] }
          owners-before: { meeting: lrt, before: 1d, to: owners }
        items:
          - { id: quota, title: Quota, owner: SJenV, with: [MBZK], meeting: lrt@2023-09-25, due: "2023-10-02" }
          - { id: bak, title: BAK, owner: MBZK, meeting: lrt@2023-09-25, due: "2023-10-20" }
          - { id: soon, title: Soon, owner: SJenV, meeting: lrt@2023-09-25, due: "2023-10-19" }
          - { id: far, title: Far, owner: SJenV, meeting: lrt@2023-09-25, due: "2023-12-01" }
          - { id: wait, title: Wait, owner: LRT, meeting: lrt@2023-09-25, due: after rvs +5wd }
          - { id: done-lately, title: Done lately, owner: SJenV, meeting: lrt@2023-09-25, due: "2023-10-13" }
          - { id: done-long-ago, title: Done long ago, owner: SJenV, meeting: lrt@2023-09-25, due: "2023-10-13" }
          - { id: later-meeting, title: From a later meeting, owner: LRT, meeting: lrt@2023-10-23, due: "2023-11-01" }
        """

    let config: Config
    let builder: DigestBuilder
    /// Monday 16 Oct 2023 08:30 in Amsterdam: the weekly digest's moment.
    let now = Stamp.utc("2023-10-16T06:30:00Z")

    init() throws {
        config = try ConfigLoader.load(text: Self.text, path: "/tmp/digest-builder.yaml")
        var state = PlanState()
        state.items["done-lately"] = ItemState(done: true, doneAt: Stamp.utc("2023-10-12T10:00:00Z"))
        state.items["done-long-ago"] = ItemState(done: true, doneAt: Stamp.utc("2023-10-05T10:00:00Z"))
        builder = DigestBuilder(config: config, state: state)
    }

    func ownerDigests() -> [String: DigestContent] {
        let r = Planner(config: config).digestReminders(from: now, to: now.addingTimeInterval(1))
            .first { $0.subject == "weekly" }!
        return Dictionary(uniqueKeysWithValues: builder.contents(for: r, now: now).map { ($0.person, $0) })
    }

    @Test func ownerDigestHasFourSectionsInOrder() throws {
        let sj = try #require(ownerDigests()["SJenV"])
        #expect(sj.sections.map(\.kind) == [.overdue, .dueSoon, .done])
        #expect(sj.sections[0].entries.map(\.id) == ["quota"])
        #expect(sj.sections[0].entries[0].state == "overdue")
        #expect(sj.sections[1].entries.map(\.id) == ["soon"], "far (1 Dec) is not within 7 days")
        #expect(sj.sections[2].entries.map(\.id) == ["done-lately"], "done since the previous Monday only")
        #expect(sj.since == Stamp.utc("2023-10-09T06:30:00Z"))
    }

    @Test func coOwnersAndWaitingItems() throws {
        let all = ownerDigests()
        let mbzk = try #require(all["MBZK"])
        // MBZK is `with` on quota (overdue) and owns bak (due Friday the 20th).
        #expect(mbzk.sections.map(\.kind) == [.overdue, .dueSoon])
        #expect(mbzk.sections.map { $0.entries.map(\.id) } == [["quota"], ["bak"]])
        let lrt = try #require(all["LRT"])
        #expect(lrt.sections.map(\.kind) == [.waiting])
        let w = lrt.sections[0].entries[0]
        #expect(w.id == "wait" && w.event == "rvs" && w.eventTitle == "Uitspraak RvS")
        #expect(w.expected == DateWindow(start: LocalDate(year: 2023, month: 12, day: 1), end: LocalDate(year: 2023, month: 12, day: 10)))
        #expect(all["idle"] == nil && all["JenV"] == nil, "no items: no digest")
    }

    @Test func meetingDigestGroupsOpenItemsByOwnerInMinutesOrder() throws {
        let r = Reminder(subject: "chair", kind: .digest, at: Stamp.utc("2023-10-19T07:00:00Z"), people: ["chair"],
                         ordinal: LocalDate(year: 2023, month: 10, day: 23).dayNumber)
        let list = builder.contents(for: r, now: r.at)
        #expect(list.count == 1)
        let c = try #require(list.first)
        #expect(c.person == "chair" && c.series == "lrt" && c.meeting == LocalDate(year: 2023, month: 10, day: 23))
        #expect(c.sections.map(\.owner) == ["SJenV", "MBZK", "LRT"])
        #expect(c.sections[0].entries.map(\.id) == ["quota", "soon", "far"], "done items left out")
        #expect(c.sections[2].entries.map(\.id) == ["wait"], "an item of the meeting itself is not on its list")
        // `to: owners`: the people of the listed items, each with the whole list.
        let owners = builder.contents(for: Reminder(subject: "owners-before", kind: .digest, at: r.at,
                                                    people: Planner(config: config).digestAudience(config.digest("owners-before")!),
                                                    ordinal: r.ordinal), now: r.at)
        #expect(Set(owners.map(\.person)) == ["SJenV", "MBZK", "LRT"])
        #expect(owners.allSatisfy { $0.sections == c.sections })
    }

    @Test func contentSurvivesItsStoredForm() throws {
        for c in ownerDigests().values {
            #expect(try DigestContent.decode(c.encoded()) == c)
        }
    }
}
