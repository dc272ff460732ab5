import Foundation
import Testing

/// `remindd check` as scripts use it: 0 on a good config, 78 (EX_CONFIG) on a broken one
/// with every problem as `PATH:LINE:COL: error: …` on stderr, pointing at the culprit.
@Suite struct CheckCommandTests {
    @Test(arguments: ["config/remindd.example.yaml", "config/lrt-2023-09-25.yaml"])
    func shippedConfigsPass(_ relative: String) async throws {
        let ws = try Workspace("check-ok")
        let path = Paths.repositoryFile(relative)
        let result = try await Remindd.run(["check", "--config", path], in: ws)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("\(path): ok:"), "\(result)")
    }

    /// A small valid config; each case below breaks one line of it.
    static let valid = """
        timezone: Europe/Amsterdam
        channels:
          mail: { type: smtp, url: "smtp://127.0.0.1:2525", from: "lrt@example.org", tls: none }
          hook: { type: webhook, url: "https://chat.example.org/hooks/x" }
        people:
          SJenV: { email: sjenv@example.org }
          JenV: { email: jenv@example.org }
        defaults:
          channels: [mail]
        events:
          rvs-ruling: { title: Uitspraak, expected: early December 2023, owner: JenV }
        items:
          - id: taakstelling
            title: Hoogte taakstelling bekijken
            owner: SJenV
            agreed: 2023-09-25
            due: in 1 week
          - id: na-uitspraak
            title: LRT komt samen
            owner: JenV
            agreed: 2023-09-25
            due: after rvs-ruling +5wd

        """

    struct Broken: Sendable, CustomTestStringConvertible {
        var name: String
        var replace: String
        var with: String
        /// `LINE:COL` of the offending value.
        var position: String
        /// A word the message must contain.
        var mentions: String
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "unknown key", replace: "timezone: Europe/Amsterdam\n", with: "timezone: Europe/Amsterdam\ncolour: blue\n",
               position: "2:1", mentions: "colour"),
        Broken(name: "unknown owner", replace: "owner: SJenV", with: "owner: Nobody", position: "15:12", mentions: "Nobody"),
        Broken(name: "bad due", replace: "due: in 1 week", with: "due: someday soon", position: "17:10", mentions: "someday soon"),
        Broken(name: "unknown event", replace: "after rvs-ruling", with: "after rvs-verdict", position: "22:10",
               mentions: "rvs-verdict"),
        Broken(name: "misspelt timezone", replace: "Europe/Amsterdam", with: "Europe/Amsterdm", position: "1:11",
               mentions: "Europe/Amsterdm"),
        Broken(name: "file:// webhook", replace: "https://chat.example.org/hooks/x", with: "file:///etc/passwd",
               position: "4:31", mentions: "http"),
        Broken(name: "CR/LF in an address", replace: "{ email: sjenv@example.org }",
               with: #"{ email: "sjenv@example.org\r\nRCPT TO:<x@evil.example>" }"#, position: "6:19", mentions: "line"),
    ]

    @Test(arguments: broken)
    func brokenConfigIsRefusedWithItsPosition(_ c: Broken) async throws {
        let ws = try Workspace("check-bad")
        #expect(Self.valid.contains(c.replace))
        try Self.valid.replacingOccurrences(of: c.replace, with: c.with).write(toFile: ws.configPath, atomically: true, encoding: .utf8)
        let result = try await Remindd.run(["check", "--config", ws.configPath], in: ws)
        #expect(result.status == 78, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        let expected = "\(ws.configPath):\(c.position): error: "
        let line = errors.first { $0.hasPrefix(expected) }
        #expect(line != nil, "expected a line starting '\(expected)':\n\(result.stderr)")
        #expect(line?.contains(c.mentions) == true, "\(result.stderr)")
        #expect(errors.count == 1, "one mistake, one error:\n\(result.stderr)")

        // The daemon reads the config the same way and refuses to start on it.
        let run = try await Remindd.run(["run", "--config", ws.configPath], in: ws)
        #expect(run.status == 78, "\(run)")
        #expect(run.stderr.contains(expected), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: ws.path("remindd-state.sqlite")))
    }

    @Test func syntaxErrorsToo() async throws {
        let ws = try Workspace("check-yaml")
        try (Self.valid + "  - id: [unclosed\n").write(toFile: ws.configPath, atomically: true, encoding: .utf8)
        let result = try await Remindd.run(["check", "--config", ws.configPath], in: ws)
        #expect(result.status == 78, "\(result)")
        #expect(result.stderr.range(of: #"(?m)^\#(NSRegularExpression.escapedPattern(for: ws.configPath)):\d+:\d+: error: "#,
                                    options: .regularExpression) != nil, "\(result)")
    }
}
