import Foundation
import Testing

/// The forms and exit codes scripts rely on (DESIGN "Command line"): the agenda of the LRT
/// meeting holds DESIGN's worked examples, and the state commands and `import` fail with
/// the documented codes.
@Suite struct CommandContractTests {
    /// `agenda --json` over the LRT meeting of 25 September 2023.
    @Test func agendaHoldsTheWorkedExamples() async throws {
        let ws = try Workspace("agenda")
        // A copy, so the agenda reads no state file a local run left beside the repository's
        // config (its `state:` is relative to the config's folder).
        let dir = ws.url.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("lrt-2023-09-25.yaml").path
        try FileManager.default.copyItem(atPath: Paths.repositoryFile("config/lrt-2023-09-25.yaml"), toPath: config)
        let result = try await Remindd.run(["agenda", "--config", config, "--from", "2023-09-25T00:00:00Z",
                                            "--days", "120", "--json"], in: ws)
        #expect(result.status == 0, "\(result)")
        let agenda = try result.jsonArray()
        func entries(_ item: String, _ kind: String) -> [(at: String, to: [String])] {
            agenda.filter { $0["item"] as? String == item && $0["kind"] as? String == kind }
                .map { ($0["at"] as? String ?? "", $0["to"] as? [String] ?? []) }
        }
        func ats(_ item: String, _ kind: String) -> [String] { entries(item, kind).map(\.at) }

        // taakstelling, due "in 1 week" → Mon 2023-10-02 17:00; before-7d falls on R and is dropped.
        #expect(ats("taakstelling", "before") == ["2023-09-29T07:00:00Z"])
        #expect(ats("taakstelling", "due") == ["2023-10-02T07:00:00Z"])
        let overdue = entries("taakstelling", "overdue")
        #expect(overdue.map(\.at) == ["2023-10-03T07:00:00Z", "2023-10-05T07:00:00Z", "2023-10-09T07:00:00Z"])
        #expect(overdue.map { $0.to.contains("chair") } == [false, true, true], "escalation from the second on")
        // bak-oek, due at the next meeting (2023-10-23 14:00).
        let bak = Set(ats("bak-oek", "before"))
        #expect(bak.isSuperset(of: ["2023-10-16T07:00:00Z", "2023-10-20T07:00:00Z"]), "\(bak)")
        #expect(ats("bak-oek", "due") == ["2023-10-23T07:00:00Z"])
        // The ruling awaited "early December": expected on Fri 12-01, late on Mon 12-11.
        let expected = agenda.filter { $0["kind"] as? String == "event-expected" }
        let late = agenda.filter { $0["kind"] as? String == "event-late" }
        #expect(expected.map { $0["at"] as? String } == ["2023-12-01T08:00:00Z"])
        #expect(late.map { $0["at"] as? String } == ["2023-12-11T08:00:00Z"])
        for notice in expected + late {
            #expect((notice["event"] as? String ?? notice["item"] as? String) == "rvs-ruling")
            #expect(notice["to"] as? [String] == ["JenV"])
        }
        #expect(agenda.allSatisfy { $0["item"] as? String != "lrt-na-uitspraak" }, "a waiting item has no reminders")
        // prt-versterking, due 2023-10-30, after the change to winter time.
        #expect(ats("prt-versterking", "before").contains("2023-10-27T07:00:00Z"))
        #expect(ats("prt-versterking", "due") == ["2023-10-30T08:00:00Z"])
        for entry in agenda {
            #expect((entry["at"] as? String)?.hasSuffix("Z") == true)
            #expect(!(entry["channels"] as? [String] ?? []).isEmpty)
            #expect(!(entry["to"] as? [String] ?? []).isEmpty)
        }
    }

    /// A config for the state commands, with its state file in the workspace.
    static func workspace(_ name: String) throws -> Workspace {
        let ws = try Workspace(name)
        var config = ConfigText(ws)
        config.channels = ["local: { type: maildir, path: \"\(ws.path("mail"))\" }"]
        config.defaultChannels = ["local"]
        config.events = ["ruling: { title: Ruling, expected: early December 2030, owner: alice }"]
        config.items = [ConfigText.item("known", agreed: "2026-01-05", due: "after ruling")]
        try ws.writeConfig(config.yaml)
        return ws
    }

    @Test func doneOnAnUnknownItemExits1() async throws {
        let ws = try Self.workspace("done-unknown")
        let result = try await Remindd.run(["done", "unknwon", "--config", ws.configPath], in: ws)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("unknwon"), "\(result)")
        let ok = try await Remindd.run(["done", "known", "--config", ws.configPath], in: ws)
        #expect(ok.status == 0, "\(ok)")
        #expect(ok.stdout.contains("no daemon running"), "\(ok)")
    }

    @Test func eventOnAnUnknownEventExits1() async throws {
        let ws = try Self.workspace("event-unknown")
        let result = try await Remindd.run(["event", "verdict", "--occurred", "2030-12-02", "--config", ws.configPath], in: ws)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("verdict"), "\(result)")
        let ok = try await Remindd.run(["event", "ruling", "--occurred", "2030-12-02", "--config", ws.configPath], in: ws)
        #expect(ok.status == 0, "\(ok)")
    }

    /// A damaged PDF: pdftotext reads nothing from it (exit 65); without pdftotext the
    /// command cannot tell and says what to install (exit 69, ImportCommandTests).
    @Test func importOfABinaryFileExits65() async throws {
        let ws = try Workspace("import-binary")
        var bytes: [UInt8] = Array("%PDF-1.7\n".utf8)
        for i in 0..<4096 { bytes.append(UInt8(truncatingIfNeeded: i &* 151 &+ 7)) }
        let file = ws.path("minutes.pdf")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let result = try await Remindd.run(["import", file], in: ws)
        #expect(result.status == (ImportCommandTests.pdftotextInstalled ? 65 : 69), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(!result.stderr.isEmpty)
    }
}
