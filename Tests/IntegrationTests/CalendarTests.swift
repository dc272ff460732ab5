import Foundation
import Testing

/// DESIGN "Calendar", black-box: `remindd calendar PERSON` and the `.ics` a maildir
/// reminder carries, read back by an independent iCalendar parser (PyPI's `icalendar`,
/// through Tests/Support/parse_ics.py) and checked field by field.
@Suite(.enabled(if: PythonServer.available && ICalParser.available, ICalParser.skipReason))
struct CalendarTests {
    static let title = "Hoogte taakstelling: Oekraïense ontheemden, één café; overleg 🏠"

    static func config(_ ws: Workspace, items: [String]) -> ConfigText {
        var config = ConfigText(ws)
        config.channels = ["local: { type: maildir, path: \"\(ws.path("mail"))\" }"]
        config.defaultChannels = ["local"]
        config.items = items
        return config
    }

    @Test func calendarCommandPrintsThePersonsOpenDatedItems() async throws {
        let ws = try Workspace("cal-cmd")
        try ws.writeConfig(Self.config(ws, items: [
            ConfigText.item("taakstelling", title: Self.title, agreed: "2023-09-25", due: "2023-10-02"),
            ConfigText.item("locaties", title: "Aedes vragen locaties aan te leveren", owner: "bob", with: ["alice"],
                            agreed: "2023-09-25", due: "2023-10-05 12:00"),
            ConfigText.item("finished", agreed: "2023-09-25", due: "2023-10-03"),
            ConfigText.item("undated", agreed: "2023-09-25"),
            ConfigText.item("not-hers", owner: "bob", with: [], agreed: "2023-09-25", due: "2023-10-03"),
        ]).yaml)
        let done = try await Remindd.run(["done", "finished", "--config", ws.configPath], in: ws)
        #expect(done.status == 0, "\(done)")

        let out = try await Remindd.run(["calendar", "alice", "--config", ws.configPath], in: ws)
        #expect(out.status == 0, "\(out)")
        let bytes = Array(out.stdout.utf8)
        #expect(!bytes.enumerated().contains { i, b in b == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) }, "LF without CR")
        #expect(out.stdout.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })

        let file = ws.path("alice.ics")
        try out.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let calendars = try ICalParser.read(file)
        try #require(calendars.count == 1)
        let cal = calendars[0]
        #expect(cal["version"] as? String == "2.0")
        #expect(cal["method"] as? String == "PUBLISH")
        #expect(cal["calscale"] as? String == "GREGORIAN")
        #expect(cal["errors"] as? [String] == [])
        let events = cal["events"] as? [[String: Any]] ?? []
        try #require(events.count == 2, "\(events)")
        let (allDay, timed) = (events[0], events[1])

        #expect(allDay["uid"] as? String == "taakstelling@remindd")
        #expect(allDay["summary"] as? String == Self.title)
        #expect(allDay["dtstart"] as? String == "2023-10-02")
        #expect(allDay["dtstart_is_date"] as? Bool == true)
        #expect(allDay["dtend"] as? String == "2023-10-03")
        #expect(allDay["dtend_is_date"] as? Bool == true)
        #expect((allDay["description"] as? String)?.contains("Alice de Vries") == true)

        // 12:00 in Amsterdam on 5 October 2023 (summer time) is 10:00 UTC.
        #expect(timed["uid"] as? String == "locaties@remindd")
        #expect(timed["summary"] as? String == "Aedes vragen locaties aan te leveren")
        #expect(timed["dtstart"] as? String == "2023-10-05T10:00:00+00:00")
        #expect(timed["dtstart_is_date"] as? Bool == false)
        #expect(timed["dtend"] as? String == "2023-10-05T10:00:00+00:00")
        #expect(timed["utc"] as? Bool == true)
        #expect((timed["sequence"] as? Int ?? 0) > (allDay["sequence"] as? Int ?? .max), "a later deadline, a higher SEQUENCE")

        let unknown = try await Remindd.run(["calendar", "nobody", "--config", ws.configPath], in: ws)
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.stderr.contains("unknown person 'nobody'"), "\(unknown)")
        #expect(unknown.stdout.isEmpty)

        try "people: [\n".write(toFile: ws.configPath, atomically: true, encoding: .utf8)
        let broken = try await Remindd.run(["calendar", "alice", "--config", ws.configPath], in: ws)
        #expect(broken.status == 78, "\(broken)")
    }

    @Test func maildirReminderCarriesTheEventTheFeedHas() async throws {
        let ws = try Workspace("cal-mail")
        let at = Workspace.instant(secondsAhead: 3)
        try ws.writeConfig(Self.config(ws, items: [
            ConfigText.item("taakstelling", title: Self.title, agreed: ws.localDay(Date()), due: "2030-06-14",
                            remindAt: [ws.iso(at)]),
        ]).yaml)
        let daemon = try await DaemonProcess(ws)
        let newDir = ws.url.appendingPathComponent("mail/new")
        let file = try await Poll.until("a message in mail/new", context: { daemon.diagnostics }) {
            (try? FileManager.default.contentsOfDirectory(at: newDir, includingPropertiesForKeys: nil))?.first
        }
        #expect(try await daemon.terminate() == 0)

        let calendars = try ICalParser.read(file.path)
        #expect(calendars.map { $0["source"] as? String ?? "" } == ["text/calendar", "application/ics"])
        #expect(calendars.last?["filename"] as? String == "deadline.ics")
        let feed = try await Remindd.run(["calendar", "bob", "--config", ws.configPath], in: ws)
        #expect(feed.status == 0, "\(feed)")
        try feed.stdout.write(toFile: ws.path("bob.ics"), atomically: true, encoding: .utf8)
        let feedEvent = try #require((try ICalParser.read(ws.path("bob.ics")).first?["events"] as? [[String: Any]])?.first)

        for cal in calendars {
            #expect(cal["method"] as? String == "PUBLISH")
            #expect(cal["errors"] as? [String] == [])
            let events = cal["events"] as? [[String: Any]] ?? []
            try #require(events.count == 1)
            let e = events[0]
            #expect(e["uid"] as? String == "taakstelling@remindd")
            #expect(e["summary"] as? String == Self.title)
            #expect(e["dtstart"] as? String == "2030-06-14" && e["dtstart_is_date"] as? Bool == true)
            #expect(e["dtend"] as? String == "2030-06-15" && e["dtend_is_date"] as? Bool == true)
            #expect(e["utc"] as? Bool == true)
            // The same event as the feed of a person it is shared with.
            #expect(e["uid"] as? String == feedEvent["uid"] as? String)
            #expect(e["sequence"] as? Int == feedEvent["sequence"] as? Int)
            #expect(e["dtstart"] as? String == feedEvent["dtstart"] as? String)
        }
    }
}

/// Tests/Support/parse_ics.py: PyPI's `icalendar` reading a file or a message's calendar
/// parts.
enum ICalParser {
    /// Whether python3 has `icalendar`. Under CI (`CI` set) always true, so a missing module
    /// fails the run instead of skipping it.
    static let available: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        return (try? run(["python3", "-c", "import icalendar"]).status) == 0
    }()

    static let skipReason: Comment = "python3 with aiosmtpd and icalendar not found (scripts/setup --test installs them); set CI to make this a failure"

    /// The `calendars` parse_ics.py found in `file`.
    static func read(_ file: String) throws -> [[String: Any]] {
        let script = Paths.serverScripts.appendingPathComponent("parse_ics.py").path
        let out = try run(["python3", script, file])
        guard out.status == 0,
              let o = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any],
              let calendars = o["calendars"] as? [[String: Any]]
        else { throw IntegrationError("parse_ics.py \(file) failed (exit \(out.status)):\n\(out.stdout)\(out.stderr)") }
        return calendars
    }

    static func run(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
