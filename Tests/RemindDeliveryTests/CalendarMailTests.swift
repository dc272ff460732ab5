import Foundation
import Logging
import RemindCore
import Testing
@testable import RemindDelivery

/// DESIGN "Calendar": a reminder mail of a dated item carries its deadline as iCalendar, as
/// a `text/calendar; method=PUBLISH` alternative and as a `.ics` attachment; other mails
/// stay one text part.
@Suite struct CalendarMailTests {
    static let now = Fixture.utc("2023-09-29T07:00:01Z")

    func written(_ d: PlannedDelivery, config: Config = Fixture.config()) throws -> String {
        let root = try temporaryDirectory().appendingPathComponent("mail").path
        let notifier = try makeNotifier(.maildir(MaildirChannel(name: "local", path: root)), name: "local", config: config,
                                        logs: LogCapture(), now: { Self.now })
        #expect(notifier.deliver([Fixture.message(d)]).first?.isSent == true)
        let file = try #require(FileManager.default.contentsOfDirectory(atPath: root + "/new").first)
        return root + "/new/" + file
    }

    /// The message as Python's strict parser reads it (Tests/Support/mime_structure.py).
    func structure(_ file: String) throws -> (defects: [String], longest: Int, parts: [[String: Any]]) {
        let out = try PythonServer.run(["python3", PythonServer.supportDirectory.appendingPathComponent("mime_structure.py").path, file])
        #expect(out.status == 0, "\(out.output)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(out.output.utf8)) as? [String: Any])
        return (o["defects"] as? [String] ?? ["no defects list"], o["longest_line"] as? Int ?? .max,
                o["parts"] as? [[String: Any]] ?? [])
    }

    @Test(.enabled(if: PythonServer.available, PythonServer.skipReason))
    func datedReminderCarriesTheDeadlineAsCalendarAndAttachment() throws {
        let d = Fixture.delivery(channel: "local")
        let file = try written(d)
        let s = try structure(file)
        #expect(s.defects == [])
        #expect(s.longest <= 78)
        #expect(s.parts.map { $0["type"] as? String ?? "" } == [
            "multipart/mixed", "multipart/alternative", "text/plain", "text/calendar", "application/ics",
        ])
        let text = s.parts[2], calendar = s.parts[3], attachment = s.parts[4]
        let expected = try MessageRenderer(config: Fixture.config()).render(Fixture.message(d))
        #expect((text["content"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == expected.body)
        #expect(calendar["params"] as? [String: String] == ["charset": "UTF-8", "method": "PUBLISH"])
        #expect(calendar["disposition"] is NSNull)
        #expect(attachment["disposition"] as? String == "attachment")
        #expect(attachment["filename"] as? String == "deadline.ics")
        #expect(calendar["encoding"] as? String == "base64" && attachment["encoding"] as? String == "base64")

        // Both carry the writer's file, byte for byte: the item's event, stamped when written.
        let item = try #require(Fixture.config().item("taakstelling"))
        let ics = ICalendarWriter.document([CalendarEvent(item: item, deadline: Fixture.deadline, config: Fixture.config())],
                                           now: Self.now)
        #expect(calendar["content"] as? String == ics)
        #expect(attachment["content"] as? String == ics)
        #expect(ics.contains("\r\nUID:taakstelling@remindd\r\n"))
        #expect(ics.contains("\r\nDTSTART;VALUE=DATE:20231002\r\nDTEND;VALUE=DATE:20231003\r\n"))
        #expect(ics.contains("\r\nSUMMARY:Hoogte taakstelling huisvesting Oekraïense ontheemden bekijken\r\n"))
        #expect(ics.contains("\r\nDTSTAMP:20230929T070001Z\r\n"))
    }

    /// What the SMTP server received is the same multipart message, with the same file.
    @Test(.enabled(if: PythonServer.available, PythonServer.skipReason), .timeLimit(.minutes(1)))
    func smtpReminderCarriesTheSameCalendar() throws {
        let server = try SMTPTestServer()
        let notifier = try makeNotifier(.smtp(server.channel()), name: "mail", logs: LogCapture(), now: { Self.now })
        #expect(notifier.deliver([Fixture.message()]).first?.isSent == true)
        let m = try #require(server.messages.first)
        let file = server.server.directory.appendingPathComponent(try #require(m["file"] as? String)).path
        let s = try structure(file)
        #expect(s.defects == [])
        #expect(s.parts.map { $0["type"] as? String ?? "" } == [
            "multipart/mixed", "multipart/alternative", "text/plain", "text/calendar", "application/ics",
        ])
        let expected = try #require(CalendarAttachment(Fixture.message(), config: Fixture.config(), now: Self.now))
        #expect(s.parts[3]["content"] as? String == String(decoding: expected.ics, as: UTF8.self))
        #expect(s.parts[4]["content"] as? String == String(decoding: expected.ics, as: UTF8.self))
    }

    @Test func theOutboxSequenceIsTheOneSent() throws {
        var d = Fixture.delivery(.before)
        d.calendarSequence = 12_345_678
        let a = try #require(CalendarAttachment(Fixture.message(d), config: Fixture.config(), now: Self.now))
        #expect(String(decoding: a.ics, as: UTF8.self).contains("\r\nSEQUENCE:12345678\r\n"))
    }

    @Test func everyReminderOfAnItemCarriesTheSameEvent() throws {
        let config = Fixture.config()
        let before = Fixture.message(Fixture.delivery(.before))
        let overdue = Fixture.message(Fixture.delivery(.overdue, at: Fixture.utc("2023-10-04T07:00:00Z"), ordinal: 1, lead: nil))
        let a = try #require(CalendarAttachment(before, config: config, now: Self.now))
        let b = try #require(CalendarAttachment(overdue, config: config, now: Self.now))
        #expect(a == b)
        // A later DTSTAMP changes nothing else.
        let later = try #require(CalendarAttachment(overdue, config: config, now: Self.now.addingTimeInterval(86_400)))
        let lines = { (c: CalendarAttachment) in String(decoding: c.ics, as: UTF8.self).components(separatedBy: "\r\n") }
        #expect(zip(lines(a), lines(later)).filter { $0 != $1 }.map(\.0) == ["DTSTAMP:20230929T070001Z"])
    }

    @Test func undatedItemsAndEventNoticesStayOneTextPart() throws {
        let config = Fixture.config()
        let undated = Fixture.message(Fixture.delivery(.undated, item: "lrt-na-uitspraak", deadline: nil, people: ["JenV"],
                                                       ordinal: 1, lead: nil, channel: "local"))
        let notice = Fixture.message(Fixture.delivery(.eventExpected, item: "rvs-ruling", deadline: nil, people: ["JenV"], lead: nil))
        let removed = Fixture.message(Fixture.delivery(item: "no-longer-in-config"))
        for m in [undated, notice, removed] {
            #expect(CalendarAttachment(m, config: config, now: Self.now) == nil)
        }
        // What the maildir writes for an undated item is the one-part message it always was.
        let raw = try String(contentsOfFile: try written(undated.delivery), encoding: .utf8)
        let text = try MessageRenderer(config: config).render(undated)
        #expect(!raw.contains("multipart") && !raw.contains("VCALENDAR"))
        #expect(raw.hasSuffix("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                              + "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + QuotedPrintable.encode(text.body)))
    }

    @Test func multipartMessageKeepsTheHeadersOfAOnePartOne() {
        let m = MailMessage(from: Mailbox(name: "LRT", address: "lrt@example.org"), to: [Mailbox(name: nil, address: "a@example.org")],
                            cc: [], subject: "Deadline", body: "Tekst\n", date: Self.now, timeZone: Fixture.zone,
                            key: "taakstelling/due/20231002T070000Z/mail",
                            calendar: CalendarAttachment(ics: Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)))
        let wire = m.rendered()
        let head = wire.components(separatedBy: "\r\n\r\n")[0]
        let names = head.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") }.map { String($0.split(separator: ":")[0]) }
        #expect(names == ["Date", "From", "To", "Subject", "Message-ID", "X-Remindd-Key", "Auto-Submitted",
                          "X-Auto-Response-Suppress", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"])
        #expect(head.hasSuffix("Content-Type: multipart/mixed;\r\n boundary=\"\(m.boundary("mixed"))\"\r\nContent-Transfer-Encoding: 7bit"))
        // The boundaries are fixed per delivery and appear only as delimiters.
        #expect(m.boundary("mixed") != m.boundary("alt"))
        let body = wire.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(body.components(separatedBy: m.boundary("mixed")).count == 4)
        #expect(body.components(separatedBy: m.boundary("alt")).count == 5)
        #expect(wire.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(wire.replacingOccurrences(of: "\r\n", with: "").firstIndex(where: { $0 == "\n" || $0 == "\r" }) == nil)
    }
}
