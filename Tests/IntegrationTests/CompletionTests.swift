import Foundation
import Testing

/// Shell completion as a shell runs it: the generated script calls `remindd ---completion`
/// with the words of the line, and remindd answers with names from the config that line
/// names: item ids, person ids, channels, digests, events. A config it cannot read
/// completes to nothing, silently.
@Suite struct CompletionTests {
    static let config = """
        timezone: Europe/Amsterdam
        channels:
          mail: { type: smtp, url: "smtp://127.0.0.1:2525", from: "lrt@example.org", tls: none }
          local: { type: maildir, path: mail }
        people:
          SJenV: { email: sjenv@example.org }
          JenV: { email: jenv@example.org }
        defaults: { channels: [mail] }
        events:
          rvs-ruling: { title: Uitspraak, expected: early December 2023, owner: JenV }
        digests:
          weekly: { to: owners, at: "mon 08:30" }
        items:
          - { id: taakstelling, title: Taakstelling, owner: SJenV, agreed: 2023-09-25, due: in 1 week }
          - { id: bak-oek, title: BAK OEK, owner: JenV, agreed: 2023-09-25, due: after rvs-ruling +5wd }
        """

    /// What the bash script runs for `remindd WORDS… <TAB>` (the last word is the one completed).
    static func complete(_ command: String, _ argument: String, _ words: [String], in ws: Workspace,
                         environment: [String: String] = [:]) async throws -> CommandResult {
        let line = ["remindd"] + words
        return try await Remindd.run(["---completion", command, "--", argument, "\(line.count - 1)",
                                      "\(line.last!.utf8.count)"] + line, in: ws, environment: environment)
    }

    @Test func namesComeFromTheConfigOnTheLine() async throws {
        let ws = try Workspace("complete")
        try ws.writeConfig(Self.config)
        let c = ws.configPath
        let cases: [(String, String, [String], [String])] = [
            ("done", "positional@0", ["done", "--config", c, ""], ["taakstelling", "bak-oek"]),
            ("snooze", "positional@0", ["snooze", "--config", c, "b"], ["bak-oek"]),
            ("calendar", "positional@0", ["calendar", "--config=\(c)", ""], ["JenV", "SJenV"]),
            ("test-channel", "positional@0", ["test-channel", "--config", c, ""], ["mail", "local"]),
            ("test-channel", "--item", ["test-channel", "mail", "--config", c, "--item", "t"], ["taakstelling"]),
            ("digest", "positional@0", ["digest", "--config", c, ""], ["weekly"]),
            ("digest", "--person", ["digest", "weekly", "--config", c, "--person", "S"], ["SJenV"]),
            ("event", "positional@0", ["event", "--config", c, ""], ["rvs-ruling"]),
            ("history", "positional@0", ["history", "--config", c, ""], ["taakstelling", "bak-oek", "rvs-ruling"]),
        ]
        for (command, argument, words, expected) in cases {
            let r = try await Self.complete(command, argument, words, in: ws)
            #expect(r.status == 0 && r.stderr.isEmpty, "\(words): \(r)")
            #expect(r.stdout.split(separator: "\n").map(String.init) == expected, "\(words): \(r)")
        }
        // Without --config: $REMINDD_CONFIG.
        let r = try await Self.complete("reopen", "positional@0", ["reopen", ""], in: ws,
                                        environment: ["REMINDD_CONFIG": c])
        #expect(r.stdout.split(separator: "\n") == ["taakstelling", "bak-oek"], "\(r)")
    }

    @Test func anUnreadableConfigCompletesToNothingQuietly() async throws {
        let ws = try Workspace("complete-bad")
        try ws.writeConfig("timezone: Mars/Olympus\nitems: [")
        for path in [ws.configPath, ws.path("absent.yaml"), ws.url.path] {
            let r = try await Self.complete("done", "positional@0", ["done", "--config", path, ""], in: ws)
            #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty, "\(path): \(r)")
        }
    }

    /// The generated bash script, sourced into bash, completing as bash would on TAB.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
    func theBashScriptOffersTheConfigsItems() async throws {
        let ws = try Workspace("complete-bash")
        try ws.writeConfig(Self.config)
        let script = try await Remindd.run(["--generate-completion-script", "bash"], in: ws)
        #expect(script.status == 0)
        try script.stdout.write(toFile: ws.path("remindd.bash"), atomically: true, encoding: .utf8)
        let harness = """
            source \(ws.path("remindd.bash"))
            COMP_LINE='remindd done --config \(ws.configPath) '
            COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(remindd done --config \(ws.configPath) '')
            COMP_CWORD=4
            COMPREPLY=()
            _remindd remindd '' \(ws.configPath)
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        try harness.write(toFile: ws.path("t.sh"), atomically: true, encoding: .utf8)
        let binDir = try Paths.binary().deletingLastPathComponent().path
        let bash = try ChildProcess(executable: URL(fileURLWithPath: "/bin/bash"), arguments: [ws.path("t.sh")],
                                    directory: ws.url, name: "bash",
                                    environment: ["PATH": binDir + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
        let status = try await bash.waitForExit(timeout: 20)
        #expect(status == 0, "\(bash.stderr)")
        #expect(bash.stdout.split(separator: "\n") == ["taakstelling", "bak-oek"], "\(bash.stdout)\(bash.stderr)")
    }
}
