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
        return router
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
        daemon.logger.info("http listening", metadata: ["listen": "\(listen)"])
        let app = Application(router: router(), configuration: .init(address: address, serverName: nil), logger: logger)
        try await app.run()
    }
}
