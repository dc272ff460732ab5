import Foundation
import Testing

/// The built binary against the minimal inputs that once crashed (SIGILL), stalled or
/// exhausted it: each now ends in a clear message and its documented exit code.
@Suite struct HostileInputTests {
    /// Minutes whose "digit" a Regex `\d` took and `Int(_:)` refused.
    @Test(arguments: [Array("Mar ²\n".utf8), Array("₂ Mar\n".utf8), Array("᠓ september\n".utf8),
                      [0x4D, 0x61, 0x72, 0x20, 0xB2, 0x0A]] as [[UInt8]])
    func importOfUnicodeDigits(_ bytes: [UInt8]) async throws {
        let ws = try Workspace("hostile-import")
        let file = ws.path("minutes.txt")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        for json in [false, true] {
            let result = try await Remindd.run(["import", file] + (json ? ["--json"] : []), in: ws)
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.contains("no action items found"), "\(result)")
        }
    }

    static func check(_ yaml: String, in ws: Workspace) async throws -> CommandResult {
        try yaml.write(toFile: ws.configPath, atomically: true, encoding: .utf8)
        return try await Remindd.run(["check", "--config", ws.configPath], in: ws)
    }

    static let frame = """
        timezone: Europe/Amsterdam
        channels:
          local: { type: maildir, path: ./mail }

        """

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        /// `LINE:COL: error: ` and a part of the message.
        var error: String
        var testDescription: String { name }
    }

    static let refused: [Case] = [
        Case(name: "remind_at without owner", yaml: frame + "items: [{id: g, remind_at: \"2023-10-20 15:30\"}]\n",
             error: "4:9: error: item 'g' needs an owner"),
        Case(name: "undated every 1s", yaml: frame + "defaults: {policy: {undated: {every: 1s}}}\n",
             error: "4:38: error: defaults.policy.undated.every: '1s' is too short; a repeat is at least 1h"),
        Case(name: "undated every 1m", yaml: frame + "defaults: {policy: {undated: {every: 1m}}}\n",
             error: "4:38: error: defaults.policy.undated.every: '1m' is too short"),
        Case(name: "empty state", yaml: frame + "state: ''\n", error: "4:8: error: state must name the state database file"),
        Case(name: "dot state", yaml: frame + "state: .\n", error: "4:8: error: state must name the state database file"),
    ]

    @Test(arguments: refused)
    func checkRefusesWithAPosition(_ c: Case) async throws {
        let ws = try Workspace("hostile-check")
        let result = try await Self.check(c.yaml, in: ws)
        #expect(result.status == 78, "\(result)")
        #expect(result.stderr.contains("\(ws.configPath):\(c.error)"), "\(result)")
    }

    /// What check accepts, the other commands can use: `state:` naming a directory is refused.
    @Test func stateDirectoryIsAConfigError() async throws {
        let ws = try Workspace("hostile-state")
        try FileManager.default.createDirectory(atPath: ws.path("db"), withIntermediateDirectories: true)
        let result = try await Self.check(Self.frame + "state: db\n", in: ws)
        #expect(result.status == 78, "\(result)")
        #expect(result.stderr.contains("\(ws.configPath):4:8: error: state 'db' is a directory"), "\(result)")
        let agenda = try await Remindd.run(["agenda", "--config", ws.configPath], in: ws)
        #expect(agenda.status == 78, "\(agenda)")
    }

    @Test func hugeTimeZoneIsRefusedQuickly() async throws {
        let ws = try Workspace("hostile-zone")
        let result = try await Self.check("timezone: " + String(repeating: "é", count: 100_000) + "\n", in: ws)
        #expect(result.status == 78, "\(result.status)")
        #expect(result.stderr.contains("\(ws.configPath):1:11: error: unknown time zone"))
        #expect(!result.stderr.contains("did you mean"))
        #expect(result.stderr.utf8.count < 1_000, "the error quotes a bounded part of the value")
    }
}
