import Foundation
import Logging
import RemindCore
import Testing
@testable import RemindDelivery

@Suite struct MaildirDeliveryTests {
    func notifier(_ root: String, config: Config? = nil) throws -> any Notifier {
        try makeNotifier(.maildir(MaildirChannel(name: "local", path: root)), name: "local", config: config,
                         logs: LogCapture(), now: { Fixture.utc("2023-09-29T07:00:01Z") })
    }

    @Test func messagesAppearInNewAndNothingStaysInTmp() throws {
        let root = try temporaryDirectory().appendingPathComponent("mail").path
        let results = try notifier(root).deliver([
            Fixture.message(Fixture.delivery(channel: "local")),
            Fixture.message(Fixture.delivery(.due, at: Fixture.utc("2023-10-02T07:00:00Z"), lead: nil, channel: "local")),
        ])
        #expect(results.allSatisfy { $0.isSent })
        let fm = FileManager.default
        let new = try fm.contentsOfDirectory(atPath: root + "/new").sorted()
        #expect(new.count == 2)
        #expect(try fm.contentsOfDirectory(atPath: root + "/tmp").isEmpty)
        #expect(fm.fileExists(atPath: root + "/cur"))
        #expect(results.map(\.text).sorted() == new.map { "new/\($0)" })
        let raw = try String(contentsOfFile: root + "/new/" + new[0], encoding: .utf8)
        #expect(raw.hasPrefix("Date: Fri, 29 Sep 2023 09:00:01 +0200\r\n"))
        #expect(raw.contains("\r\nAuto-Submitted: auto-generated\r\n"))
    }

    @Test(.enabled(if: PythonServer.available, PythonServer.skipReason))
    func writtenMessageParsesAsRFC5322() throws {
        let root = try temporaryDirectory().appendingPathComponent("mail").path
        let d = Fixture.delivery(.overdue, escalation: ["chair"], ordinal: 2, lead: nil, channel: "local")
        #expect(try notifier(root).deliver([Fixture.message(d)]).first?.isSent == true)
        let file = try #require(FileManager.default.contentsOfDirectory(atPath: root + "/new").first)
        let out = try PythonServer.run(["python3", PythonServer.supportDirectory.appendingPathComponent("parse_mail.py").path,
                                        root + "/new/" + file])
        #expect(out.status == 0)
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(out.output.utf8)) as? [String: Any])
        let expected = try MessageRenderer(config: Fixture.config()).render(Fixture.message(d))
        #expect(parsed["defects"] as? [String] == [])
        #expect(parsed["subject"] as? String == expected.subject)
        #expect((parsed["body"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == expected.body)
        let headers = Dictionary((parsed["headers"] as? [[String]] ?? []).map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        #expect(headers["From"] == "remindd <remindd@localhost>")
        #expect(headers["Cc"] == "Voorzitter Één <voorzitter@example.org>")
        #expect(headers["Message-ID"] == MailMessage.messageID(key: d.key, from: "remindd@localhost"))
    }

    @Test func personWithoutAddressIsShownAsLocal() throws {
        let root = try temporaryDirectory().appendingPathComponent("mail").path
        let config = Fixture.config(people: [Person(id: "LRT", name: "Landelijke Regietafel")])
        let r = try notifier(root, config: config).deliver([Fixture.message(Fixture.delivery(people: ["LRT"], channel: "local"))])
        #expect(r.first?.isSent == true)
        let file = try #require(FileManager.default.contentsOfDirectory(atPath: root + "/new").first)
        let raw = try String(contentsOfFile: root + "/new/" + file, encoding: .utf8)
        #expect(raw.contains("\r\nTo: \"Landelijke Regietafel\" <LRT@localhost>\r\n"))
    }

    @Test func unusablePathIsRefusedWhenTheChannelIsBuilt() throws {
        let file = try temporaryDirectory().appendingPathComponent("plain-file").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        #expect {
            try notifier(file + "/mail")
        } throws: { error in
            "\(error)" == "channels.local.path: cannot create the maildir '\(file)/mail': \(file): it is not a directory"
        }
    }

    @Test func aMaildirIsMadeWhenTheChannelIsBuiltNotWhenChecked() throws {
        let root = try temporaryDirectory().appendingPathComponent("a/b/mail").path
        let config = Fixture.config()
        let c = MaildirChannel(name: "local", path: root)
        var cfg = config
        cfg.channels = ["local": .maildir(c)]
        cfg.channelOrder = ["local"]
        let renderer = try MessageRenderer(config: cfg)
        _ = try ChannelSet.build(config: cfg, renderer: renderer, environment: [:], logger: Logger(label: "t"), purpose: .check)
        #expect(!FileManager.default.fileExists(atPath: root))
        _ = try ChannelSet.build(config: cfg, renderer: renderer, environment: [:], logger: Logger(label: "t"), purpose: .start)
        for sub in ["tmp", "new", "cur"] {
            var isDir: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: root + "/" + sub, isDirectory: &isDir) && isDir.boolValue)
        }
    }
}
