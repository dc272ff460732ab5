import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The built daemon with `http` and `links`: a reminder delivered to a maildir carries a
/// done link; GET on it shows a confirm page and changes nothing, POST marks the item done
/// once (with source `link` in history), and a changed token is refused.
@Suite(.timeLimit(.minutes(1))) struct ActionLinkTests {
    struct Answer {
        var status: Int
        var body: String
        var headers: [String: String]
    }

    static func request(_ url: String, method: String = "GET") async throws -> Answer {
        var r = URLRequest(url: URL(string: url)!)
        r.httpMethod = method
        r.timeoutInterval = 10
        let (data, response) = try await URLSession.shared.data(for: r)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
        return Answer(status: http.statusCode, body: String(decoding: data, as: UTF8.self), headers: headers)
    }

    /// The message's text part, quoted-printable decoded (soft breaks joined).
    static func decodedBody(_ raw: String) -> String {
        let body = raw.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        var bytes: [UInt8] = []
        let src = Array(body.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var i = 0
        while i < src.count {
            if src[i] == UInt8(ascii: "="), i + 2 < src.count, let v = UInt8(String(decoding: src[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(src[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aDoneLinkConfirmsOnGetAndActsOnceOnPost() async throws {
        let ws = try Workspace("links")
        let port = try PythonServer.freePort()
        try ("k1:" + Data(repeating: 0x2A, count: 32).base64EncodedString() + "\n")
            .write(toFile: ws.path("link-key"), atomically: true, encoding: .utf8)
        let at = Workspace.instant(secondsAhead: 2)
        var config = ConfigText(ws)
        config.channels = ["local: { type: maildir, path: \"\(ws.path("mail"))\" }"]
        config.defaultChannels = ["local"]
        config.settings = [
            "http: { listen: \"127.0.0.1:\(port)\", public_url: \"http://127.0.0.1:\(port)\" }",
            "links: { key_file: \"\(ws.path("link-key"))\", snooze: [2d, 1w] }",
        ]
        config.items = [ConfigText.item("quota", title: "Huisvestingsquotum bekijken met MBZK", agreed: ws.localDay(Date()),
                                        due: ws.iso(Workspace.instant(secondsAhead: 7 * 86_400)), remindAt: [ws.iso(at)])]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)
        let base = "http://127.0.0.1:\(port)"

        #expect(try await Self.request(base + "/healthz").status == 200)
        let ready = try await Self.request(base + "/readyz")
        #expect(ready.status == 200, "\(ready.body)")

        let newDir = ws.url.appendingPathComponent("mail/new")
        let file = try await Poll.until("a message in mail/new", context: { daemon.diagnostics }) {
            (try? FileManager.default.contentsOfDirectory(at: newDir, includingPropertiesForKeys: nil))?.first
        }
        let text = Self.decodedBody(try String(contentsOf: file, encoding: .utf8))
        let links = text.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.hasPrefix(base + "/a/") }
        #expect(links.count == 3, "done and two snooze links:\n\(text)")
        let done = try #require(links.first)

        // GET: a page with one POST button; nothing changes.
        let page = try await Self.request(done)
        #expect(page.status == 200)
        #expect(page.body.contains("<form method=\"post\">") && page.body.contains("Huisvestingsquotum bekijken met MBZK"))
        #expect(page.headers["cache-control"] == "no-store")
        #expect(page.headers["referrer-policy"] == "no-referrer" && page.headers["x-frame-options"] == "DENY")
        #expect(page.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        #expect(try await Remindd.actions(ws).isEmpty, "a GET changed state")

        // The owner's calendar feed: a secret address that `calendar --url` prints.
        let printed = try await Remindd.run(["calendar", "alice", "--url", "--config", ws.configPath], in: ws)
        let feedURL = printed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(printed.status == 0 && feedURL.hasPrefix(base + "/cal/") && feedURL.hasSuffix(".ics"), "\(printed)")
        let feed = try await Self.request(feedURL)
        #expect(feed.status == 200 && feed.headers["content-type"]?.hasPrefix("text/calendar") == true)
        #expect(feed.body.contains("UID:quota@remindd") && feed.body.contains("SUMMARY:Huisvestingsquotum bekijken met MBZK"),
                "\(feed.body)")
        #expect(try await Self.request(feedURL.replacingOccurrences(of: "/cal/", with: "/cal/x")).status == 400)
        #expect(try await Self.request(done.replacingOccurrences(of: "/a/", with: "/cal/") + ".ics").status == 400,
                "an action link is no feed token")

        // POST: done, once.
        let first = try await Self.request(done, method: "POST")
        #expect(first.status == 200 && first.body.contains("Marked done"), "\(first.body)")
        let again = try await Self.request(done, method: "POST")
        #expect(again.status == 200 && again.body.contains("Already done"), "\(again.body)")
        let actions = try await Remindd.actions(ws, item: "quota")
        #expect(actions.count == 1 && actions.first?["source"] as? String == "link" && actions.first?["action"] as? String == "done",
                "\(actions)")
        let status = try await Remindd.run(["status", "--config", ws.configPath, "--json"], in: ws)
        #expect(try status.jsonArray().first { $0["id"] as? String == "quota" }?["status"] as? String == "done", "\(status)")

        // The metrics count the delivery and the action, with no owner or item label.
        let metrics = try await Self.request(base + "/metrics")
        #expect(metrics.status == 200 && metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        for line in ["remindd_notifications_total{channel=\"local\",kind=\"at\"} 1",
                     "remindd_actions_total{source=\"link\",action=\"done\"} 1",
                     "remindd_items{state=\"done\"} 1", "remindd_items{state=\"open\"} 0", "remindd_outbox_pending 0",
                     "remindd_delivery_lateness_seconds_count 1"] {
            #expect(metrics.body.contains(line), "\(line) in:\n\(metrics.body)")
        }
        #expect(!metrics.body.contains("quota") && !metrics.body.contains("alice"))

        // A changed token, a foreign one, a truncated one: 400 and nothing changes.
        let token = String(done.dropFirst((base + "/a/").count))
        var chars = Array(token)
        chars[chars.count / 2] = chars[chars.count / 2] == "A" ? "B" : "A"
        for bad in [String(chars), String(token.dropLast(5)), "not-a-token"] {
            let get = try await Self.request(base + "/a/" + bad)
            let post = try await Self.request(base + "/a/" + bad, method: "POST")
            #expect(get.status == 400 && post.status == 400, "\(bad): \(get.status) \(post.status)")
        }
        #expect(try await Remindd.actions(ws, item: "quota").count == 1)
        #expect(!daemon.log.contains(token), "a token reached the log")
        #expect(try await daemon.terminate() == 0)
    }
}
