import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RemindCore
import ServiceLifecycle

/// The embedded HTTP server, one more service of the daemon's group (`http.listen`).
/// Requests are answered on the services' own executor; what they change is changed on the
/// scheduler's queue, so timers and deliveries never wait on HTTP work.
struct HTTPService: Service {
    let daemon: Daemon
    let listen: ListenAddress

    static let pageHeaders: [(HTTPField.Name, String)] = [
        (.contentType, "text/html; charset=utf-8"),
        (.contentSecurityPolicy, "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
    ]

    static func page(_ status: Int, _ html: String, noStore: Bool) -> Response {
        var fields = HTTPFields()
        for (name, value) in pageHeaders { fields[name] = value }
        if noStore { fields[.cacheControl] = "no-store" }
        return Response(status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func text(_ status: Int, _ text: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let daemon = self.daemon
        router.get("healthz") { _, _ in Self.text(200, "ok\n") }
        router.get("readyz") { _, _ in
            let ready = await daemon.queue.perform { daemon.readiness() }
            return Self.text(ready == nil ? 200 : 503, (ready ?? "ready") + "\n")
        }
        router.get("a/:token") { _, context in
            let token = context.parameters.get("token") ?? ""
            let answer = await daemon.queue.perform { daemon.answerLink(Substring(token), perform: false) }
            return Self.page(answer.status, answer.html, noStore: true)
        }
        router.post("a/:token") { _, context in
            let token = context.parameters.get("token") ?? ""
            let answer = await daemon.queue.perform { daemon.answerLink(Substring(token), perform: true) }
            return Self.page(answer.status, answer.html, noStore: true)
        }
        router.get("cal/:file") { _, context in
            let file = context.parameters.get("file") ?? ""
            let answer = await daemon.queue.perform { daemon.calendarFeed(file) }
            var fields = HTTPFields()
            fields[.contentType] = answer.status == 200 ? "text/calendar; charset=utf-8" : "text/plain; charset=utf-8"
            fields[.cacheControl] = "no-store"
            fields[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
            return Response(status: .init(code: answer.status), headers: fields,
                            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
        }
        router.get("metrics") { _, _ in
            let view = await daemon.queue.perform { daemon.view() }
            let text = await DaemonView.work.perform { view.metrics() }
            guard let text else { return Self.text(404, "metrics are off\n") }
            var fields = HTTPFields()
            fields[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("status") { request, _ in
            let (access, view) = await daemon.queue.perform {
                (daemon.access(authorization: request.headers[.authorization]), daemon.view())
            }
            let answer: (Int, String) = access == .none
                ? (401, LinkPage.problemPage(401, language: view.config.language))
                : await DaemonView.work.perform { view.statusPage() }
            var response = Self.page(answer.0, answer.1, noStore: true)
            if answer.0 == 401 { response.headers[.wwwAuthenticate] = "Bearer realm=\"remindd\"" }
            return response
        }
        addAPI(router)
        return router
    }

    static func json(_ a: APIAnswer) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = a.contentType
        fields[.cacheControl] = "no-store"
        if a.status == 401 { fields[.wwwAuthenticate] = "Bearer realm=\"remindd\"" }
        return Response(status: .init(code: a.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: a.body)))
    }

    /// API bodies are small JSON objects; a larger one is refused before it is read whole.
    static let bodyLimit = 64 * 1024

    func addAPI(_ router: Router<BasicRequestContext>) {
        let daemon = self.daemon
        /// Runs `handle` on the scheduler's queue when the token allows `write` (or reading).
        /// Checks the token; a read runs `read` on a view of the daemon off the scheduler's
        /// queue; a write runs `write` on that queue (the change), whose answer is final when
        /// it gives one (a refusal, or an event's record), else `read` makes it.
        @Sendable func guarded(_ request: Request, write: (@Sendable ([UInt8]) -> APIAnswer?)? = nil,
                               read: @escaping @Sendable (DaemonView) -> APIAnswer) async -> Response {
            let access = await daemon.queue.perform { daemon.access(authorization: request.headers[.authorization]) }
            switch (access, write != nil) {
            case (.none, _): return Self.json(.problem(401, "a bearer token is needed (Authorization: Bearer …)"))
            case (.read, true): return Self.json(.problem(403, "the read token cannot change anything; use the write token"))
            default: break
            }
            var body: [UInt8] = []
            if write != nil {
                do {
                    var buffer = try await request.body.collect(upTo: Self.bodyLimit)
                    body = buffer.readBytes(length: buffer.readableBytes) ?? []
                } catch {
                    return Self.json(.problem(413, "the body is larger than \(Self.bodyLimit / 1024) KiB"))
                }
            }
            let payload = body
            let (answered, view) = await daemon.queue.perform { (write?(payload), daemon.view()) }
            if let answered { return Self.json(answered) }
            return Self.json(await DaemonView.work.perform { read(view) })
        }
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        api.get("items") { request, _ in
            let q = request.uri.queryParameters
            let (state, owner, meeting) = (q["state"].map(String.init), q["owner"].map(String.init), q["meeting"].map(String.init))
            return await guarded(request) { $0.items(state: state, owner: owner, meeting: meeting) }
        }
        api.get("items/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await guarded(request) { $0.item(id) }
        }
        api.post("items/:id/:action") { request, context in
            let id = context.parameters.get("id") ?? "", action = context.parameters.get("action") ?? ""
            return await guarded(request, write: { daemon.apiChange(id, action: action, body: $0) }) { $0.item(id, withHistory: false) }
        }
        api.post("events/:name") { request, context in
            let name = context.parameters.get("name") ?? ""
            // The change's own answer is the record of the event.
            return await guarded(request, write: { daemon.apiEvent(name, body: $0) }) { _ in .problem(404, "no event '\(name)'") }
        }
        api.get("agenda") { request, _ in
            let q = request.uri.queryParameters
            let (from, days) = (q["from"].map(String.init), q["days"].map(String.init))
            return await guarded(request) { $0.agenda(from: from, days: days) }
        }
        api.get("history") { request, _ in
            let item = request.uri.queryParameters["item"].map(String.init)
            return await guarded(request) { $0.history(item: item) }
        }
        // A known path with another method: 405 with the methods it has.
        let known: [(String, [HTTPRequest.Method])] = [
            ("api/v1/items", [.get]), ("api/v1/items/:id", [.get]), ("api/v1/items/:id/:action", [.post]),
            ("api/v1/events/:name", [.post]), ("api/v1/agenda", [.get]), ("api/v1/history", [.get]),
            ("api/v1/openapi.json", [.get]), ("healthz", [.get]), ("readyz", [.get]), ("metrics", [.get]),
            ("status", [.get]), ("a/:token", [.get, .post]), ("cal/:file", [.get]),
        ]
        for (path, allowed) in known {
            for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch, .trace, .options, HTTPRequest.Method("QUERY")!] where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ in
                    var r = Self.json(.problem(405, "\(path.hasPrefix("api") ? "/" + path : "this page") allows \(allowed.map(\.rawValue).joined(separator: ", "))"))
                    r.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                    return r
                }
            }
        }
        // Everything else under /api answers with a problem document too.
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch, .trace, .options, HTTPRequest.Method("QUERY")!] {
            router.on("api/**", method: method) { request, _ in
                Self.json(.problem(404, "no route \(request.method) \(request.uri.path)"))
            }
        }
    }

    func run() async throws {
        let address: BindAddress
        switch listen {
        case .tcp(let host, let port): address = .hostname(host, port: port)
        case .unix(let path): address = .unixDomainSocket(path: path)
        }
        // The server's own lines (one per request at debug) would carry tokens in paths.
        var logger = daemon.logger
        logger.logLevel = .warning
        let listening = daemon.httpListening
        // A connection that sends nothing for 30 s is closed: slow or idle clients cannot
        // hold the server's connections.
        let app = Application(router: router(), server: .http1(configuration: .init(idleTimeout: .seconds(30))),
                              configuration: .init(address: address, serverName: nil),
                              onServerRunning: { [daemon, listen] _ in
                                  daemon.logger.info("http listening", metadata: ["listen": "\(listen)"])
                                  listening.open()
                              }, logger: logger)
        try await app.run()
    }
}
