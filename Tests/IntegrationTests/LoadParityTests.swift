import Foundation
import Testing

/// `check` and `run` share one load: a config that only the local run-time checks can
/// fault (a secret or trust file that cannot be read, a maildir that cannot be made, a
/// template that does not compile, plain SMTP to a name that merely looks like loopback)
/// is refused by both, with the same `PATH:LINE:COL: error: …` line and exit 78, and the
/// daemon starts nothing.
@Suite struct LoadParityTests {
    /// One fixture: the channel lines (with `$DIR` for the workspace), what to prepare in
    /// the workspace, and the error line expected from both commands (`$CONFIG` for the
    /// config's path).
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var channel: String
        var extra: [String] = []
        var prepare: @Sendable (Workspace) throws -> Void = { _ in }
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing password file",
             channel: #"mail: { type: smtp, url: "smtp://127.0.0.1:2525", from: "lrt@example.org", tls: none, username: lrt, password_file: "$DIR/nope" }"#,
             expected: "$CONFIG:8:119: error: channels.mail.password_file: cannot read the secret file '$DIR/nope': no such file or directory"),
        Case(name: "secret file is a directory",
             channel: #"hook: { type: webhook, url: "http://127.0.0.1:9/", secret_file: "$DIR/secret.d" }"#,
             prepare: { ws in try FileManager.default.createDirectory(atPath: ws.path("secret.d"), withIntermediateDirectories: true) },
             expected: "$CONFIG:8:67: error: channels.hook.secret_file: cannot read the secret file '$DIR/secret.d': it is a directory, not a file"),
        Case(name: "secret that is no signing key",
             channel: #"hook: { type: webhook, url: "http://127.0.0.1:9/", secret_file: "$DIR/secret" }"#,
             prepare: { ws in try "not a key!".write(toFile: ws.path("secret"), atomically: true, encoding: .utf8) },
             expected: "$CONFIG:8:67: error: channels.hook.secret_file: the webhook secret is not of the form whsec_<base64>"),
        Case(name: "missing CA file",
             channel: #"hook: { type: webhook, url: "https://127.0.0.1:9/", ca_file: "$DIR/ca.pem" }"#,
             expected: "$CONFIG:8:64: error: channels.hook.ca_file: cannot read the CA file '$DIR/ca.pem': no such file or directory"),
        Case(name: "maildir under a file",
             channel: #"local: { type: maildir, path: "$DIR/plain/mail" }"#,
             prepare: { ws in try "x".write(toFile: ws.path("plain"), atomically: true, encoding: .utf8) },
             expected: "$CONFIG:8:33: error: channels.local.path: cannot create the maildir '$DIR/plain/mail': $DIR/plain: it is not a directory"),
        Case(name: "template that does not compile",
             channel: #"local: { type: maildir, path: "$DIR/mail" }"#,
             extra: ["templates:", "  due: { subject: \"Due: {{title\" }"],
             expected: "$CONFIG:10:19: error: templates.due.subject is not a valid Mustache template: a tag is not closed ({{ without }})"),
        Case(name: "a name that only looks like loopback",
             channel: #"mail: { type: smtp, url: "smtp://127.example.org:25", from: "lrt@example.org", tls: none }"#,
             expected: "$CONFIG:8:87: error: channels.mail.tls: none is accepted only for a loopback host (127.0.0.1, ::1, localhost), not '127.example.org'"),
        Case(name: "missing link key file",
             channel: #"local: { type: maildir, path: "$DIR/mail" }"#,
             extra: ["links: { key_file: \"$DIR/link-key\" }"],
             expected: "$CONFIG:9:20: error: links.key_file: cannot read the link key file '$DIR/link-key': no such file or directory"),
        Case(name: "a link key too short to sign with",
             channel: #"local: { type: maildir, path: "$DIR/mail" }"#,
             extra: ["links: { key_file: \"$DIR/link-key\" }"],
             prepare: { ws in try "k1:c2hvcnQ=\n".write(toFile: ws.path("link-key"), atomically: true, encoding: .utf8) },
             expected: "$CONFIG:9:20: error: links.key_file: '$DIR/link-key' line 1: a key needs at least 16 bytes; this one has 5"),
        Case(name: "an API token too short to guess at",
             channel: #"local: { type: maildir, path: "$DIR/mail" }"#,
             extra: ["http: { listen: \"127.0.0.1:8470\", read_token_file: \"$DIR/read\" }"],
             prepare: { ws in try "secret\n".write(toFile: ws.path("read"), atomically: true, encoding: .utf8) },
             expected: "$CONFIG:9:52: error: http.read_token_file: the token in '$DIR/read' must be at least 16 printable characters without spaces (e.g. openssl rand -hex 32)"),
        Case(name: "an inbox password file that is not there",
             channel: #"mail: { type: smtp, url: "smtp://127.0.0.1:2525", from: "lrt@example.org", tls: none }"#,
             extra: ["links: { key_file: \"$DIR/link-key\" }",
                     "inbox: { url: \"imaps://imap.example.org/INBOX\", username: lrt, password_file: \"$DIR/imap-pw\", reply_to: \"lrt+{token}@example.org\" }"],
             prepare: { ws in try ("k1:" + Data(repeating: 7, count: 32).base64EncodedString() + "\n").write(toFile: ws.path("link-key"), atomically: true, encoding: .utf8) },
             expected: "$CONFIG:10:79: error: inbox.password_file: cannot read the password file '$DIR/imap-pw': no such file or directory"),
        Case(name: "plain IMAP to a host that is not loopback",
             channel: #"mail: { type: smtp, url: "smtp://127.0.0.1:2525", from: "lrt@example.org", tls: none }"#,
             extra: ["links: { key_file: \"$DIR/link-key\" }",
                     "inbox: { url: \"imap://127.example.org/INBOX\", username: lrt, password_env: HOME, tls: none, reply_to: \"lrt+{token}@example.org\" }"],
             prepare: { ws in try ("k1:" + Data(repeating: 7, count: 32).base64EncodedString() + "\n").write(toFile: ws.path("link-key"), atomically: true, encoding: .utf8) },
             expected: "$CONFIG:10:87: error: inbox.tls: tls: none is accepted only for a loopback host (127.0.0.1, ::1, localhost), not '127.example.org'"),
    ]

    static func configText(_ c: Case, _ ws: Workspace) -> String {
        let dir = ws.url.path
        var lines = [
            "timezone: Europe/Amsterdam",
            "language: en",
            "state: \"\(ws.statePath)\"",
            "people:",
            "  alice: { email: alice@example.org }",
            "defaults: { channels: [\(c.channel.split(separator: ":")[0])] }",
            "channels:",
            "  " + c.channel.replacingOccurrences(of: "$DIR", with: dir),
        ]
        lines += c.extra.map { $0.replacingOccurrences(of: "$DIR", with: dir) }
        lines += ["items:", "  - { id: one, title: One, owner: alice, agreed: 2023-09-25, due: in 1 week }"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `PATH:LINE:COL: error: …` lines in a command's output.
    static func errorLines(_ text: String, config: String) -> [String] {
        text.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: config + ":"), line[r.upperBound...].contains(": error: ") else { return nil }
            return String(line[r.lowerBound...])
        }
    }

    @Test(arguments: cases)
    func checkAndRunRefuseWithTheSameLine(_ c: Case) async throws {
        let ws = try Workspace("parity")
        try c.prepare(ws)
        try ws.writeConfig(Self.configText(c, ws))
        let expected = c.expected.replacingOccurrences(of: "$CONFIG", with: ws.configPath)
            .replacingOccurrences(of: "$DIR", with: ws.url.path)

        let check = try await Remindd.run(["check", "--config", ws.configPath], in: ws,
                                          environment: ["REMINDD_CACHE_DIR": "off"])
        #expect(check.status == 78, "\(check)")
        #expect(Self.errorLines(check.stderr, config: ws.configPath) == [expected], "\(check)")

        let run = try await DaemonProcess(ws, environment: ["REMINDD_CACHE_DIR": "off"], waitForStart: false)
        #expect(try await run.child.waitForExit(timeout: 20) == 78, "\(run.diagnostics)")
        #expect(Self.errorLines(run.log, config: ws.configPath) == [expected], "\(run.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: ws.statePath), "nothing started: no state file")
    }

    /// A secret under the service's credentials directory cannot be seen by `check` run
    /// outside the service: a warning, not an error. The daemon, which must read it, fails.
    @Test func aCredentialOutsideTheServiceIsAWarningForCheckOnly() async throws {
        let ws = try Workspace("cred")
        let unit = "remindd-test-\(UUID().uuidString.prefix(8))"
        let c = Case(name: "credential",
                     channel: "mail: { type: smtp, url: \"smtp://127.0.0.1:2525\", from: \"lrt@example.org\", tls: none, username: lrt, password_file: /run/credentials/\(unit)/smtp-password }",
                     expected: "")
        try ws.writeConfig(Self.configText(c, ws))
        let check = try await Remindd.run(["check", "--config", ws.configPath], in: ws,
                                          environment: ["REMINDD_CACHE_DIR": "off"])
        #expect(check.status == 0, "\(check)")
        #expect(check.stderr.contains("warning: channels.mail.password_file: '/run/credentials/\(unit)/smtp-password' exists only inside the service"), "\(check)")
        let run = try await DaemonProcess(ws, environment: ["REMINDD_CACHE_DIR": "off"], waitForStart: false)
        #expect(try await run.child.waitForExit(timeout: 20) == 78, "\(run.diagnostics)")
        #expect(run.log.contains("channels.mail.password_file: cannot read the secret file '/run/credentials/\(unit)/smtp-password'"), "\(run.diagnostics)")
    }

    /// Warnings found beside errors are shown with them, so one pass fixes everything.
    @Test func warningsComeWithTheErrors() async throws {
        let ws = try Workspace("credbad")
        let unit = "remindd-test-\(UUID().uuidString.prefix(8))"
        var text = Self.configText(Self.cases[0], ws)
        text = text.replacingOccurrences(of: "channels:\n", with: "channels:\n  cred: { type: smtp, url: \"smtps://mail.example.org\", from: \"lrt@example.org\", username: lrt, password_file: /run/credentials/\(unit)/pw }\n")
        try ws.writeConfig(text)
        let check = try await Remindd.run(["check", "--config", ws.configPath], in: ws,
                                          environment: ["REMINDD_CACHE_DIR": "off"])
        #expect(check.status == 78, "\(check)")
        #expect(check.stderr.contains("\(ws.configPath):8:111: warning: channels.cred.password_file: '/run/credentials/\(unit)/pw' exists only inside the service"), "\(check)")
        #expect(Self.errorLines(check.stderr, config: ws.configPath).count == 1, "\(check)")
    }

    /// A reload to such a config keeps the running one and says why, with the same line.
    @Test func aReloadToAConfigOnlyTheRunTimeChecksFaultKeepsTheOldOne() async throws {
        let ws = try Workspace("reloadp")
        let good = Case(name: "good", channel: "local: { type: maildir, path: \"$DIR/mail\" }", expected: "")
        try ws.writeConfig(Self.configText(good, ws))
        let daemon = try await DaemonProcess(ws, environment: ["REMINDD_CACHE_DIR": "off"])
        let bad = Self.cases.first { $0.name == "missing password file" }!
        try ws.writeConfig(Self.configText(bad, ws))
        let expected = bad.expected.replacingOccurrences(of: "$CONFIG", with: ws.configPath)
            .replacingOccurrences(of: "$DIR", with: ws.url.path)
        daemon.child.send(SIGHUP)
        try await Poll.until("the reload to be refused", context: { daemon.diagnostics }) {
            daemon.log.contains("reload refused")
        }
        #expect(Self.errorLines(daemon.log, config: ws.configPath) == [expected], "\(daemon.diagnostics)")
        let status = try await Remindd.run(["status", "--config", ws.configPath], in: ws)
        #expect(status.status == 0, "\(status)")
        #expect(daemon.child.isRunning, "still running the previous config")
    }
}
