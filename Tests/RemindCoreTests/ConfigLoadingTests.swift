import Foundation
import Testing
@testable import RemindCore
import RemindDelivery

/// What a valid config becomes: DESIGN's sketch key by key, includes, and the example
/// config shipped in the repository.
@Suite struct ConfigLoadingTests {
    @Test func theSketchLoadsAsWritten() throws {
        let path = TestConfig.fixtures.appendingPathComponent("design-sketch.yaml").path
        let c = try ConfigLoader.load(path: path)
        #expect(c.timeZoneName == "Europe/Amsterdam")
        #expect(c.language == .nl)
        #expect(c.calendar.workdays == [1, 2, 3, 4, 5])
        #expect(c.calendar.start == LocalTime(hour: 9, minute: 0) && c.calendar.end == LocalTime(hour: 17, minute: 0))
        #expect(c.calendar.holidays == [LocalDate("2023-12-25")!, LocalDate("2023-12-26")!])
        #expect(c.statePath == "/var/lib/remindd/state.sqlite")
        #expect(c.channelOrder == ["mail", "chat", "local"])
        func read(_ name: String) -> (any Channel)? { c.channels[name].flatMap { try? Channels.read($0) } }
        guard let mail = read("mail") as? SMTPChannel, let chat = read("chat") as? WebhookChannel,
              let local = read("local") as? MaildirChannel else {
            Issue.record("channel types")
            return
        }
        #expect(mail.host == "mail.example.org" && mail.url == "smtp://mail.example.org:587")
        #expect(mail.fromAddress == "lrt@example.org" && mail.fromName == "LRT-secretariaat")
        #expect(mail.username == "lrt" && mail.passwordFile == "/run/credentials/remindd.service/smtp-password")
        #expect(mail.tls == .required)
        #expect(chat.format == .slack && chat.secretFile == "/etc/remindd/webhook-secret")
        // Relative paths are relative to the config file's folder.
        #expect(local.path == TestConfig.fixtures.appendingPathComponent("mail").standardizedFileURL.path)
        #expect(c.people["SJenV"] == Person(id: "SJenV", name: "Staatssecretaris JenV", emails: ["sjenv@example.org"]))
        #expect(c.people["MBZK"]?.channels == ["mail", "chat"])
        #expect(c.retry == RetryPolicy(initialSeconds: 30, maxSeconds: 3600, giveUpAfterSeconds: 86_400))
        #expect(c.catchUpSeconds == 86_400)
        #expect(c.defaultChannels == ["mail"])
        #expect(c.defaultPolicy == Policy(before: [DurationSpec(7, .days), DurationSpec(1, .days)], onDue: true,
                                          overdue: Overdue(every: DurationSpec(2, .workdays), times: 3),
                                          escalate: Escalation(after: 2, to: ["chair"]),
                                          undatedEvery: DurationSpec(2, .weeks)))
        #expect(c.meetings["lrt"] == MeetingSeries(id: "lrt", dates: [LocalDate("2023-09-25")!, LocalDate("2023-10-23")!],
                                                   time: LocalTime(hour: 14, minute: 0)))
        #expect(c.events["rvs-ruling"]?.expected?.description == "2023-12-01/2023-12-10")
        #expect(c.events["rvs-ruling"]?.owner == "JenV")
        #expect(c.items.map(\.id) == ["taakstelling", "lrt-na-uitspraak"])
        #expect(c.item("taakstelling")?.with == ["MBZK"])
        #expect(c.item("taakstelling")?.due == .relative(DurationSpec(1, .weeks)))
        #expect(c.item("taakstelling")?.meeting == MeetingRef(series: "lrt", date: LocalDate("2023-09-25")!))
        #expect(c.item("lrt-na-uitspraak")?.due == .afterEvent("rvs-ruling", offset: DurationSpec(5, .workdays)))
    }

    /// Included files add their people, meetings, events and items (after the main file's
    /// items, files in name order), and may refer to what the others define.
    @Test func includesAddDefinitions() throws {
        let c = try ConfigLoader.load(path: TestConfig.fixtures.appendingPathComponent("include/main.yaml").path)
        #expect(c.items.map(\.id) == ["eigen", "bak-oek", "na-uitspraak"])
        #expect(Set(c.people.keys) == ["SJenV", "JenV"])
        #expect(c.meetings["lrt"] != nil && c.events["rvs-ruling"] != nil)
        #expect(c.item("bak-oek")?.location?.file.hasSuffix("include/items.d/b-lrt.yaml") == true)
        #expect(c.item("bak-oek")?.location?.line == 6)
        #expect(c.deadline("bak-oek") == "Mon 2023-10-23 14:00 +02:00")
        #expect(c.golden("rvs-ruling").first == "event-expected Fri 2023-12-01 09:00 +01:00 (2023-12-01T08:00:00Z) JenV")
    }

    /// The example config in the repository stays valid and means what its comments say.
    @Test func theRepositoryExampleLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("config/lrt-2023-09-25.yaml").path
        try #require(FileManager.default.fileExists(atPath: path))
        let c = try ConfigLoader.load(path: path)
        #expect(c.items.count == 6)
        #expect(c.deadline("prt-versterking") == "Mon 2023-10-30 17:00 +01:00")
        #expect(c.deadline("doorstroomlocaties") == "Thu 2023-10-19 14:00 +02:00")
        #expect(c.deadline("aedes-locaties") == "undated")
        #expect(c.golden("aedes-locaties", to: "2023-10-10T00:00:00Z") == ["undated#1 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) MBZK"])
        #expect(ConfigWarnings.find(c) == [])
        // The annotated example of every key loads too.
        let full = try ConfigLoader.load(path: root.appendingPathComponent("config/remindd.example.yaml").path)
        #expect(!full.items.isEmpty)
    }
}
