import Foundation
import RemindCore
@testable import RemindDelivery

/// The LRT meeting of 25 September 2023 as a config, built by hand so these tests depend on
/// the config model only, not on the loader.
enum Fixture {
    static let zone = TimeZone(identifier: "Europe/Amsterdam")!
    static let title = "Hoogte taakstelling huisvesting Oekraïense ontheemden bekijken"

    static func utc(_ s: String) -> Date {
        try! Date(s, strategy: .iso8601)
    }

    static func config(language: Language = .nl, channels: [String: ChannelSection] = [:],
                       templates: [String: MessageTemplate] = [:], people extra: [Person] = [],
                       items extraItems: [Item] = []) -> Config {
        var people: [String: Person] = [
            "SJenV": Person(id: "SJenV", name: "Staatssecretaris JenV", emails: ["sjenv@example.org"]),
            "MBZK": Person(id: "MBZK", name: "Minister BZK", emails: ["mbzk@example.org"]),
            "JenV": Person(id: "JenV", emails: ["jenv@example.org"]),
            "chair": Person(id: "chair", name: "Voorzitter Één", emails: ["voorzitter@example.org"]),
        ]
        for p in extra { people[p.id] = p }
        let items = [
            Item(id: "taakstelling", title: title, owner: "SJenV", with: ["MBZK"],
                 meeting: MeetingRef(series: "lrt", date: LocalDate(year: 2023, month: 9, day: 25)),
                 due: .relative(DurationSpec(1, .weeks)), dueText: "in 1 week"),
            Item(id: "lrt-na-uitspraak", title: "LRT komt samen kort na de uitspraak", owner: "JenV",
                 meeting: MeetingRef(series: "lrt", date: LocalDate(year: 2023, month: 9, day: 25)),
                 due: .afterEvent("rvs-ruling", offset: DurationSpec(5, .workdays))),
        ] + extraItems
        var c = Config(
            path: "/etc/remindd/remindd.yaml", timeZone: zone, language: language,
            calendar: WorkCalendar(timeZone: zone), statePath: nil, channels: channels, people: people,
            retry: RetryPolicy(), catchUpSeconds: 86_400, defaultChannels: Array(channels.keys),
            defaultPolicy: Policy(), meetings: ["lrt": MeetingSeries(id: "lrt", title: "LRT", dates: [
                LocalDate(year: 2023, month: 9, day: 25), LocalDate(year: 2023, month: 10, day: 23),
            ])],
            events: ["rvs-ruling": EventDef(id: "rvs-ruling", title: "Uitspraak Raad van State over derdelanders",
                                            expected: DateWindow(start: LocalDate(year: 2023, month: 12, day: 1),
                                                                 end: LocalDate(year: 2023, month: 12, day: 10)),
                                            owner: "JenV", occurred: nil)],
            items: items, templates: templates)
        c.indexItems()
        return c
    }

    /// The deadline of `taakstelling`: Mon 2023-10-02 17:00 CEST.
    static let deadline = utc("2023-10-02T15:00:00Z")

    static func delivery(_ kind: ReminderKind = .before, item: String = "taakstelling", at: Date = utc("2023-09-29T07:00:00Z"),
                         deadline: Date? = Fixture.deadline, people: [String] = ["SJenV", "MBZK"],
                         escalation: [String] = [], ordinal: Int = 0, lead: DurationSpec? = DurationSpec(1, .days),
                         channel: String = "mail") -> PlannedDelivery {
        let r = Reminder(subject: item, kind: kind, at: at, deadline: deadline, people: people,
                         escalation: escalation, ordinal: ordinal, lead: lead)
        return PlannedDelivery(key: r.key(channel: channel), reminder: r, channel: channel, to: people, cc: escalation)
    }

    static func message(_ d: PlannedDelivery = delivery(), late: Bool = false) -> OutgoingMessage {
        OutgoingMessage(delivery: d, late: late)
    }
}
