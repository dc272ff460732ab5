import Foundation
import Testing

/// The real servers of `Tests/Support` (aiosmtpd SMTP, HTTP receiver), run with the
/// `python3` on PATH through a small launcher that adds what these tests need without
/// changing the servers: a receive timestamp `t` on every record (to prove nothing arrived
/// early), an optional fixed port (a server that comes up later where remindd already
/// tries), an optional delay before each HTTP reply (a slow receiver), and an exit when the
/// test runner that started it is gone.
final class PythonServer {
    let child: ChildProcess
    let port: Int
    let directory: URL

    /// Whether python3 with aiosmtpd is there. Under CI (`CI` set) this is always true, so a
    /// missing module fails the run instead of skipping it.
    static let available: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import aiosmtpd"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    static let skipReason: Comment = "python3 with aiosmtpd not found (scripts/setup --test installs it); set CI to make this a failure"

    private static let launcher = #"""
        import json, os, sys, threading, time
        support, script, port, delay = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
        sys.argv = [script] + sys.argv[5:]
        sys.path.insert(0, support)
        parent = os.getppid()
        def watch_parent():
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(0)
        threading.Thread(target=watch_parent, daemon=True).start()
        if port:
            import asyncio
            new_loop = asyncio.new_event_loop
            def fixed_port_loop():
                loop = new_loop()
                create = loop.create_server
                async def create_server(*a, **kw):
                    kw["port"] = port
                    return await create(*a, **kw)
                loop.create_server = create_server
                return loop
            asyncio.new_event_loop = fixed_port_loop
        if delay:
            import http.server
            reply = http.server.BaseHTTPRequestHandler.send_response
            def slow_reply(self, *a, **kw):
                time.sleep(delay)
                return reply(self, *a, **kw)
            http.server.BaseHTTPRequestHandler.send_response = slow_reply
        module = __import__(os.path.splitext(script)[0])
        class StampedJSON:
            def __getattr__(self, name):
                return getattr(json, name)
            @staticmethod
            def dumps(obj, **kw):
                if isinstance(obj, dict):
                    obj = dict(obj, t=time.time())
                return json.dumps(obj, **kw)
        module.json = StampedJSON()
        sys.exit(module.main())
        """#

    private static let counter = Counter()

    /// Starts `script` from `Tests/Support` with `arguments` (`$DIR` stands for the server's
    /// own directory in the workspace) and waits for its `READY <port>` line.
    /// - Parameters:
    ///   - fixedPort: listen there instead of on a free port (the asyncio SMTP server only).
    ///   - replyDelay: seconds before each HTTP reply (the HTTP receiver only).
    init(script: String, arguments: [String], workspace: Workspace, port fixedPort: Int = 0,
         replyDelay: Double = 0) async throws {
        let name = "\(script.replacingOccurrences(of: ".py", with: ""))-\(Self.counter.next())"
        let directory = workspace.url.appendingPathComponent(name)
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let child = try ChildProcess(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["python3", "-c", Self.launcher, Paths.serverScripts.path, script, "\(fixedPort)", "\(replyDelay)"]
                + arguments.map { $0.replacingOccurrences(of: "$DIR", with: directory.path) },
            directory: directory, name: "server")
        self.child = child
        port = try await Poll.until("\(script) to print READY", timeout: 20, context: { child.stderr }) {
            if !child.isRunning {
                throw IntegrationError("\(script) exited at start (python3 with aiosmtpd installed? scripts/setup --test):\n\(child.stderr)")
            }
            return child.stdout.split(separator: "\n").first { $0.hasPrefix("READY ") }.flatMap { Int($0.dropFirst(6)) }
        }
    }

    deinit { child.kill() }

    func stop() async throws {
        child.kill()
        try await child.waitForExit(timeout: 10)
    }

    /// The JSON lines the server wrote to `file` in its directory.
    func records(_ file: String) -> [[String: Any]] {
        guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// A loopback port nothing listens on right now (bound, read, closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw IntegrationError("socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw IntegrationError("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

/// `http_receiver.py`: records every request and answers with a scripted sequence.
final class HTTPReceiver {
    let server: PythonServer
    let secret: String?

    /// - Parameters:
    ///   - responses: the receiver's SPEC, e.g. `"500,200"`, `"429:Retry-After=2,200"`.
    ///   - secret: a Standard Webhooks key (`whsec_…`) the receiver verifies signatures with.
    ///   - replyDelay: seconds to wait before each reply.
    init(_ workspace: Workspace, responses: String = "200", secret: String? = nil, replyDelay: Double = 0) async throws {
        self.secret = secret
        var args = ["--log", "$DIR/requests.jsonl", "--responses", responses]
        if let secret { args += ["--secret", secret] }
        server = try await PythonServer(script: "http_receiver.py", arguments: args, workspace: workspace,
                                        replyDelay: replyDelay)
    }

    var url: String { "http://127.0.0.1:\(server.port)/hooks/remindd" }

    var requests: [WebhookRequest] { server.records("requests.jsonl").map(WebhookRequest.init) }
}

/// One request as the receiver saw it.
struct WebhookRequest {
    var receivedAt: Date
    var method: String
    var path: String
    var connection: Int
    /// Header names in lower case.
    var headers: [String: String]
    var body: [String: Any]
    var rawBody: String
    var status: Int
    var signatureValid: Bool?

    init(_ r: [String: Any]) {
        receivedAt = Date(timeIntervalSince1970: r["t"] as? Double ?? 0)
        method = r["method"] as? String ?? ""
        path = r["path"] as? String ?? ""
        connection = r["conn"] as? Int ?? 0
        var h: [String: String] = [:]
        for pair in r["headers"] as? [[String]] ?? [] where pair.count == 2 { h[pair[0].lowercased()] = pair[1] }
        headers = h
        rawBody = r["body"] as? String ?? ""
        body = (try? JSONSerialization.jsonObject(with: Data(rawBody.utf8)) as? [String: Any]) ?? [:]
        status = r["status"] as? Int ?? 0
        signatureValid = r["signature_hmac_valid"] as? Bool
    }

    var key: String? { body["key"] as? String }
    var item: [String: Any]? { body["item"] as? [String: Any] }
    var itemID: String? { item?["id"] as? String }
}

/// `smtp_server.py` (aiosmtpd), plain SMTP on loopback.
final class SMTPServer {
    let server: PythonServer

    init(_ workspace: Workspace, port: Int = 0) async throws {
        server = try await PythonServer(script: "smtp_server.py", arguments: ["--dir", "$DIR"], workspace: workspace,
                                        port: port)
    }

    var port: Int { server.port }

    var messages: [MailReceived] {
        server.records("events.jsonl").filter { $0["event"] as? String == "message" }.map(MailReceived.init)
    }

    var events: [[String: Any]] { server.records("events.jsonl") }
}

/// One message as the SMTP server received and decoded it.
struct MailReceived {
    var receivedAt: Date
    var mailFrom: String
    var recipients: [String]
    var headers: [(String, String)]
    var subject: String
    var body: String

    init(_ r: [String: Any]) {
        receivedAt = Date(timeIntervalSince1970: r["t"] as? Double ?? 0)
        mailFrom = r["mail_from"] as? String ?? ""
        recipients = r["rcpt_tos"] as? [String] ?? []
        let decoded = r["decoded"] as? [String: Any] ?? [:]
        headers = (decoded["headers"] as? [[String]] ?? []).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
        subject = decoded["subject"] as? String ?? ""
        body = decoded["body"] as? String ?? ""
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
