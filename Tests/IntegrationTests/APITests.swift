import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The JSON API of the built daemon, over real HTTP: tokens, every route of DESIGN's table
/// and its error answers as problem documents.
@Suite(.timeLimit(.minutes(1))) struct APITests {
    static let readToken = "read-0123456789abcdef"
    static let writeToken = "write-0123456789abcdef"

    static func call(_ url: String, method: String = "GET", token: String? = nil, body: Data? = nil)
        async throws -> (status: Int, json: Any?, type: String) {
        var r = URLRequest(url: URL(string: url)!)
        r.httpMethod = method
        r.timeoutInterval = 10
        if let token { r.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            r.httpBody = body
            r.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: r)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, try? JSONSerialization.jsonObject(with: data),
                (http.value(forHTTPHeaderField: "Content-Type") ?? ""))
    }

    @Test func everyRouteAnswersAsDesigned() async throws {
        let ws = try Workspace("api")
        let port = try PythonServer.freePort()
        try (Self.readToken + "\n").write(toFile: ws.path("read"), atomically: true, encoding: .utf8)
        try (Self.writeToken + "\n").write(toFile: ws.path("write"), atomically: true, encoding: .utf8)
        var config = ConfigText(ws)
        config.channels = ["local: { type: maildir, path: \"\(ws.path("mail"))\" }"]
        config.defaultChannels = ["local"]
        config.settings = ["http: { listen: \"127.0.0.1:\(port)\", read_token_file: \"\(ws.path("read"))\", write_token_file: \"\(ws.path("write"))\" }"]
        config.events = ["ruling: { title: Uitspraak Raad van State, expected: 2030-12-01/2030-12-15 }"]
        let today = ws.localDay(Date())
        config.items = [
            ConfigText.item("quota", title: "Huisvestingsquotum bekijken", agreed: today, due: "in 1 week"),
            ConfigText.item("after", title: "Samenkomen na de uitspraak", owner: "bob", with: [], agreed: today, due: "after ruling + 5wd"),
        ]
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)
        let api = "http://127.0.0.1:\(port)/api/v1"

        // Tokens: none 401, read may read, only write may change.
        let anonymous = try await Self.call(api + "/items")
        #expect(anonymous.status == 401 && anonymous.type.hasPrefix("application/problem+json"))
        #expect((anonymous.json as? [String: Any])?["status"] as? Int == 401)
        #expect(try await Self.call(api + "/items", token: "wrong-token-0123456789").status == 401)
        let items = try await Self.call(api + "/items", token: Self.readToken)
        #expect(items.status == 200)
        let list = try #require(items.json as? [[String: Any]])
        #expect(Set(list.compactMap { $0["id"] as? String }) == ["quota", "after"])
        let quota = try #require(list.first { $0["id"] as? String == "quota" })
        #expect(quota["state"] as? String == "open" && quota["owner"] as? String == "alice")
        #expect((quota["deadline"] as? String)?.hasSuffix("Z") == true && quota.keys.contains("next_reminder"))
        #expect((list.first { $0["id"] as? String == "after" })?["state"] as? String == "waiting")
        let filtered = try await Self.call(api + "/items?state=waiting", token: Self.readToken)
        #expect((filtered.json as? [[String: Any]])?.map { $0["id"] as? String } == ["after"])
        #expect(try await Self.call(api + "/items?state=nonsense", token: Self.readToken).status == 400)
        #expect(try await Self.call(api + "/items/quota/done", method: "POST", token: Self.readToken).status == 403)

        // Changes, with source api in the history.
        let done = try await Self.call(api + "/items/quota/done", method: "POST", token: Self.writeToken)
        #expect(done.status == 200 && (done.json as? [String: Any])?["state"] as? String == "done", "\(String(describing: done.json))")
        let reopened = try await Self.call(api + "/items/quota/reopen", method: "POST", token: Self.writeToken)
        #expect((reopened.json as? [String: Any])?["state"] as? String == "open")
        let snoozed = try await Self.call(api + "/items/quota/snooze", method: "POST", token: Self.writeToken,
                                          body: Data(#"{"for": "1w"}"#.utf8))
        #expect(snoozed.status == 200 && (snoozed.json as? [String: Any])?["state"] as? String == "snoozed")
        let one = try await Self.call(api + "/items/quota", token: Self.readToken)
        let history = try #require((one.json as? [String: Any])?["history"] as? [[String: Any]])
        #expect(history.filter { $0["type"] as? String == "action" }.map { "\($0["action"]!)/\($0["source"]!)" }
                == ["done/api", "reopen/api", "snooze/api"])

        // Bad bodies and unknown names: problem documents.
        for (path, body, status) in [
            ("/items/quota/snooze", #"{"until": "not a date"}"#, 400),
            ("/items/quota/snooze", #"{"for": "-1w"}"#, 400),
            ("/items/quota/snooze", "{not json", 400),
            ("/items/quota/snooze", "{}", 400),
            ("/items/nope/done", "", 404),
            ("/events/nope", #"{"occurred": "2030-12-03"}"#, 404),
            ("/events/ruling", #"{"occurred": "3 december"}"#, 400),
            ("/items/quota/snooze", String(repeating: " ", count: 70_000), 413),
        ] {
            let r = try await Self.call(api + path, method: "POST", token: Self.writeToken, body: Data(body.utf8))
            #expect(r.status == status && r.type.hasPrefix("application/problem+json"), "\(path) \(body.prefix(30)): \(r.status)")
        }
        let event = try await Self.call(api + "/events/ruling", method: "POST", token: Self.writeToken,
                                        body: Data(#"{"occurred": "2030-12-03"}"#.utf8))
        #expect(event.status == 200 && (event.json as? [String: Any])?["occurred"] as? String == "2030-12-03")
        #expect(try await Self.call(api + "/items/nope", token: Self.readToken).status == 404)
        let lost = try await Self.call(api + "/nothing/here", token: Self.readToken)
        #expect(lost.status == 404 && lost.type.hasPrefix("application/problem+json"))

        // Agenda, history and the document.
        let agenda = try await Self.call(api + "/agenda?days=60", token: Self.readToken)
        #expect(agenda.status == 200 && agenda.json is [[String: Any]])
        #expect(try await Self.call(api + "/agenda?days=0", token: Self.readToken).status == 400)
        let all = try await Self.call(api + "/history", token: Self.readToken)
        #expect((all.json as? [[String: Any]])?.filter { $0["type"] as? String == "action" }.count == 4)
        let doc = try await Self.call(api + "/openapi.json")
        #expect(doc.status == 200 && ((doc.json as? [String: Any])?["openapi"] as? String)?.hasPrefix("3.1") == true)

        // The status page: the read token, plain HTML grouped by state.
        let base = "http://127.0.0.1:\(port)"
        #expect(try await Self.call(base + "/status").status == 401)
        var page = URLRequest(url: URL(string: base + "/status")!)
        page.setValue("Bearer \(Self.readToken)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: page)
        let html = String(decoding: data, as: UTF8.self)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(html.contains("<h2>Without a meeting</h2>") && html.contains("Huisvestingsquotum bekijken"))
        #expect(html.contains("Snoozed (1)") && html.contains("snoozed until "), "\(html)")
        #expect(!html.contains("<script"))

        #expect(!daemon.log.contains(Self.writeToken) && !daemon.log.contains(Self.readToken))
        #expect(try await daemon.terminate() == 0)
    }
}
