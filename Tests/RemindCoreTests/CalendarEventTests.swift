import Foundation
import Testing
@testable import RemindCore

/// DESIGN "Calendar": a stable UID per item, SEQUENCE raised when the deadline moves,
/// all-day on the deadline's date or timed in UTC, and a person's feed.
@Suite struct CalendarEventTests {
    static let now = Stamp.utc("2023-09-29T07:00:00Z")

    static func config(_ items: String, language: String? = nil) throws -> Config {
        var yaml = TestConfig.yaml(events: "  rvs: { title: Uitspraak, expected: early December 2023, owner: JenV }",
                                   items: items)
        if let language { yaml = "language: \(language)\n" + yaml }
        return try TestConfig.load(yaml)
    }

    static func event(_ due: String, r: String = "lrt@2023-09-25") throws -> CalendarEvent {
        let c = try config(TestConfig.item(due, r: r))
        let item = try #require(c.item("x"))
        let deadline = try #require(Planner(config: c).deadline(of: item, state: PlanState()).instant)
        return CalendarEvent(item: item, deadline: deadline, config: c)
    }

    static func document(_ due: String) throws -> String {
        ICalendarWriter.document([try event(due)], now: now)
    }

    @Test func uidIsTheItemIDAndDoesNotDependOnTheDeadline() throws {
        #expect(CalendarEvent.uid(itemID: "taakstelling") == "taakstelling@remindd")
        #expect(CalendarEvent.uid(itemID: "lrt-2023.09_a") == "lrt-2023.09_a@remindd")
        // Ids outside the config's alphabet cannot reach here, but would still make a clean UID.
        #expect(CalendarEvent.uid(itemID: "a b;c,d\\e:f\r\né") == "a%20b%3Bc%2Cd%5Ce%3Af%0D%0A%C3%A9@remindd")
        let c = try Self.config(TestConfig.item("in 1 week", id: "taakstelling"))
        let item = try #require(c.item("taakstelling"))
        let a = CalendarEvent(item: item, deadline: Stamp.utc("2023-10-02T15:00:00Z"), config: c)
        let b = CalendarEvent(item: item, deadline: Stamp.utc("2023-11-20T16:00:00Z"), config: c)
        #expect(a.uid == "taakstelling@remindd" && b.uid == a.uid)
    }

    @Test func sequenceGrowsWhenTheDeadlineMovesLater() {
        let d = Stamp.utc("2023-10-02T15:00:00Z")
        let s = CalendarEvent.sequence(deadline: d)
        #expect(s == 12_492_900, "minutes since 2000-01-01T00:00Z")
        #expect(CalendarEvent.sequence(deadline: d.addingTimeInterval(60)) == s + 1)
        #expect(CalendarEvent.sequence(deadline: d.addingTimeInterval(86_400)) == s + 1_440)
        #expect(CalendarEvent.sequence(deadline: d.addingTimeInterval(59)) == s, "the same minute")
        // The documented trade-off: earlier is lower (no stored revision count).
        #expect(CalendarEvent.sequence(deadline: d.addingTimeInterval(-86_400)) < s)
        // Never negative, never past an RFC 5545 INTEGER.
        #expect(CalendarEvent.sequence(deadline: Stamp.utc("1999-12-31T23:00:00Z")) == 0)
        #expect(CalendarEvent.sequence(deadline: Date(timeIntervalSince1970: 1e15)) == Int(Int32.max))
    }

    @Test func sameDeadlineSameSequenceInEveryReminderAndTheFeed() throws {
        let c = try Self.config(TestConfig.item("in 1 week", r: "lrt@2023-09-25", id: "taakstelling"))
        let feed = CalendarFeed(config: c, state: PlanState(), person: "SJenV")
        let item = try #require(c.item("taakstelling"))
        let reminder = CalendarEvent(item: item, deadline: Stamp.utc("2023-10-02T15:00:00Z"), config: c)
        #expect(feed.events == [reminder])
    }

    @Test func dayDeadlinesAreAllDayOnTheirLocalDate() throws {
        let doc = try Self.document("2023-10-02")
        #expect(doc.contains("\r\nDTSTART;VALUE=DATE:20231002\r\nDTEND;VALUE=DATE:20231003\r\n"))
        #expect(try Self.event("in 1 week").when == .allDay(LocalDate(year: 2023, month: 10, day: 2)))
        #expect(try Self.event("this week").when == .allDay(LocalDate(year: 2023, month: 9, day: 29)))
        #expect(try Self.event("end of month").when == .allDay(LocalDate(year: 2023, month: 9, day: 29)))
        #expect(try Self.event("+3wd").when == .allDay(LocalDate(year: 2023, month: 9, day: 28)))
        // DTEND is the next calendar day, across a month and a year.
        #expect(try Self.document("2023-12-29").contains("DTSTART;VALUE=DATE:20231229\r\nDTEND;VALUE=DATE:20231230\r\n"))
        #expect(try Self.document("2024-02-29").contains("DTSTART;VALUE=DATE:20240229\r\nDTEND;VALUE=DATE:20240301\r\n"))
        #expect(try Self.document("2023-12-31").contains("DTSTART;VALUE=DATE:20231231\r\nDTEND;VALUE=DATE:20240101\r\n"))
    }

    @Test func momentDeadlinesAreTimedInUTC() throws {
        // 12:00 in Amsterdam in summer time is 10:00Z; in winter 11:00Z.
        let summer = try Self.document("2023-10-02 12:00")
        #expect(summer.contains("\r\nDTSTART:20231002T100000Z\r\nDTEND:20231002T100000Z\r\n"))
        #expect(try Self.document("2023-11-02 12:00").contains("\r\nDTSTART:20231102T110000Z\r\n"))
        #expect(try Self.document("\"2023-10-02T12:00:30+02:00\"").contains("\r\nDTSTART:20231002T100030Z\r\n"))
        // `next meeting`: the next LRT, 23 October at 14:00 local.
        #expect(try Self.event("next meeting").when == .timed(Stamp.utc("2023-10-23T12:00:00Z")))
        #expect(!summer.contains("VALUE=DATE"))
    }

    @Test func wholeDocument() throws {
        let c = try Self.config("""
          - id: taakstelling
            title: "Hoogte taakstelling, Oekraïense ontheemden; bekijken 🏠"
            owner: SJenV
            with: [MBZK, JenV]
            meeting: lrt@2023-09-25
            due: in 1 week
        """)
        let feed = CalendarFeed(config: c, state: PlanState(), person: "MBZK")
        #expect(feed.document(config: c, now: Self.now) == [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//remindd//remindd//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:remindd: MBZK",
            "BEGIN:VEVENT",
            "UID:taakstelling@remindd",
            "DTSTAMP:20230929T070000Z",
            "SEQUENCE:12492900",
            "DTSTART;VALUE=DATE:20231002",
            "DTEND;VALUE=DATE:20231003",
            #"SUMMARY:Hoogte taakstelling\, Oekraïense ontheemden\; bekijken 🏠"#,
            #"DESCRIPTION:Action for SJenV\, with MBZK and JenV."#,
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ].joined(separator: "\r\n"))
    }

    @Test func descriptionIsInTheConfigLanguage() throws {
        let c = try Self.config(TestConfig.item("in 1 week", extra: "with: [MBZK]"), language: "nl")
        let doc = CalendarFeed(config: c, state: PlanState(), person: "SJenV").document(config: c, now: Self.now)
        #expect(ICalReading.value("DESCRIPTION", in: doc) == "Actie van SJenV, met MBZK.")
    }

    @Test func feedHoldsThePersonsOpenDatedItemsOnly() throws {
        let c = try Self.config("""
          - { id: own, title: Own, owner: SJenV, agreed: 2023-09-25, due: in 1 week }
          - { id: shared, title: Shared, owner: JenV, with: [SJenV], agreed: 2023-09-25, due: "2023-10-05 10:00" }
          - { id: other, title: Other, owner: JenV, agreed: 2023-09-25, due: in 1 week }
          - { id: done, title: Done, owner: SJenV, agreed: 2023-09-25, due: in 1 week }
          - { id: snoozed, title: Snoozed, owner: SJenV, agreed: 2023-09-25, due: in 2 weeks }
          - { id: undated, title: Undated, owner: SJenV, agreed: 2023-09-25 }
          - { id: waiting, title: Waiting, owner: SJenV, agreed: 2023-09-25, due: after rvs +5wd }
        """)
        let state = PlanState(items: ["done": ItemState(done: true),
                                      "snoozed": ItemState(snoozedUntil: Stamp.utc("2023-10-20T00:00:00Z"))])
        #expect(CalendarFeed(config: c, state: state, person: "SJenV").events.map(\.uid)
                == ["own@remindd", "shared@remindd", "snoozed@remindd"])
        #expect(CalendarFeed(config: c, state: state, person: "MBZK").events.isEmpty)
        // The event occurred: the waiting item has a deadline now.
        let occurred = PlanState(occurredEvents: ["rvs": LocalDate(year: 2023, month: 12, day: 6)])
        let events = CalendarFeed(config: c, state: occurred, person: "SJenV").events
        #expect(events.last?.uid == "waiting@remindd")
        #expect(events.last?.when == .allDay(LocalDate(year: 2023, month: 12, day: 13)))
    }

    @Test func emptyFeedIsStillACalendar() throws {
        let c = try Self.config(TestConfig.item(nil))
        let doc = CalendarFeed(config: c, state: PlanState(), person: "SJenV").document(config: c, now: Self.now)
        #expect(doc.hasPrefix("BEGIN:VCALENDAR\r\n") && doc.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!doc.contains("VEVENT"))
    }
}
