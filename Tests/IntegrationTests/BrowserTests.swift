import Foundation
import Testing

/// Whether headless Chromium with chromedriver and Python's selenium is here. Under CI this
/// is always true, so a missing browser fails the run instead of skipping it.
enum Browser {
    static let available: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "command -v chromedriver >/dev/null && python3 -c 'import selenium'"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    static let skipReason: Comment = "chromium, chromedriver or python3 selenium not found (scripts/setup --test installs them); set CI to make this a failure"
}

/// A reminder's links followed in a real headless browser: the confirm page and its button
/// mark the item done, the same works with JavaScript off for a snooze link, and the status
/// page then shows both.
@Suite(.enabled(if: Browser.available, Browser.skipReason), .timeLimit(.minutes(2)))
struct BrowserTests {
    @Test func anOwnerFollowsTheLinksInABrowser() async throws {
        let ws = try Workspace("browser")
        let port = try PythonServer.freePort()
        try ("k1:" + Data(repeating: 0x5C, count: 32).base64EncodedString() + "\n")
            .write(toFile: ws.path("link-key"), atomically: true, encoding: .utf8)
        try "read-token-for-the-browser-0001\n".write(toFile: ws.path("read"), atomically: true, encoding: .utf8)
        let at = Workspace.instant(secondsAhead: 2)
        var config = ConfigText(ws)
        config.channels = ["local: { type: maildir, path: \"\(ws.path("mail"))\" }"]
        config.defaultChannels = ["local"]
        config.settings = [
            "http: { listen: \"127.0.0.1:\(port)\", public_url: \"http://127.0.0.1:\(port)\", read_token_file: \"\(ws.path("read"))\" }",
            "links: { key_file: \"\(ws.path("link-key"))\", snooze: [2d] }",
        ]
        let today = ws.localDay(Date())
        let week = ws.iso(Workspace.instant(secondsAhead: 7 * 86_400))
        config.items = [
            ConfigText.item("quota", title: "Huisvestingsquotum bekijken", agreed: today, due: week, remindAt: [ws.iso(at)]),
            ConfigText.item("letter", title: "Brief aan de gemeenteraad", agreed: today, due: week, remindAt: [ws.iso(at)]),
        ]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)
        let base = "http://127.0.0.1:\(port)"

        let newDir = ws.url.appendingPathComponent("mail/new")
        let files = try await Poll.until("two messages in mail/new", context: { daemon.diagnostics }) { () -> [URL]? in
            let found = (try? FileManager.default.contentsOfDirectory(at: newDir, includingPropertiesForKeys: nil)) ?? []
            return found.count >= 2 ? found : nil
        }
        var links: [String: [String]] = [:]
        for file in files {
            let text = ActionLinkTests.decodedBody(try String(contentsOf: file, encoding: .utf8))
            let id = text.contains("Huisvestingsquotum") ? "quota" : "letter"
            links[id] = text.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.hasPrefix(base + "/a/") }
        }
        let done = try #require(links["quota"]?.first)
        let snooze = try #require(links["letter"]?.last)

        func browse(_ arguments: [String]) async throws -> String {
            let script = Paths.serverScripts.appendingPathComponent("browser_link.py").path
            let child = try ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", script] + arguments,
                                         directory: ws.url, name: "browser-\(arguments.count)")
            let status = try await child.waitForExit(timeout: 90)
            #expect(status == 0, "browser: \(child.stdout)\n\(child.stderr.suffix(2000))")
            return child.stdout
        }
        let first = try await browse(["--link", done, "--expect-title", "Huisvestingsquotum bekijken",
                                      "--expect-result", "Marked done"])
        #expect(first.contains("\"step\": \"result\""), "\(first)")
        let second = try await browse(["--link", snooze, "--expect-title", "Brief aan de gemeenteraad",
                                       "--expect-result", "Snoozed until", "--no-javascript",
                                       "--status", base + "/status", "--token", "read-token-for-the-browser-0001",
                                       "--expect-status", "Done lately (1)"])
        #expect(second.contains("\"step\": \"status\""), "\(second)")

        let actions = try await Remindd.actions(ws)
        #expect(actions.map { "\($0["item"]!)/\($0["action"]!)/\($0["source"]!)" }.sorted()
                == ["letter/snooze/link", "quota/done/link"], "\(actions)")
        #expect(try await daemon.terminate() == 0)
    }
}
