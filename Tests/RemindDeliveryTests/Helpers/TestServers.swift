import Foundation
import Logging
import RemindCore
@testable import RemindDelivery

/// Tests/Support/smtp_server.py, and what it recorded.
final class SMTPTestServer {
    let server: PythonServer
    var port: Int { server.port }

    init(starttls: Bool = false, implicitTLS: Bool = false, auth: (user: String, passwordFile: String)? = nil,
         dataReplies: String? = nil) throws {
        let dir = try temporaryDirectory("remindd-smtp")
        var args = ["--dir", dir.path]
        if starttls || implicitTLS {
            guard let cert = TestCertificate.files else { throw TestFailure("openssl could not make a certificate") }
            args += [starttls ? "--starttls" : "--implicit-tls", cert.cert, cert.key]
        }
        if let auth { args += ["--auth", auth.user, auth.passwordFile] }
        if let dataReplies { args += ["--data-replies", dataReplies] }
        server = try PythonServer(script: "smtp_server.py", arguments: args, directory: dir)
    }

    var events: [[String: Any]] { server.records("events.jsonl") }
    func events(_ kind: String) -> [[String: Any]] { events.filter { $0["event"] as? String == kind } }
    var messages: [[String: Any]] { events("message") }

    func raw(_ message: [String: Any]) -> String {
        (try? String(contentsOf: server.directory.appendingPathComponent(message["file"] as! String), encoding: .utf8)) ?? ""
    }

    /// A channel pointing at this server.
    func channel(tls: TLSMode = .none, scheme: String = "smtp", username: String? = nil, passwordFile: String? = nil,
                 trustTestCA: Bool = true) -> SMTPChannel {
        SMTPChannel(name: "mail", url: "\(scheme)://127.0.0.1:\(port)", host: "127.0.0.1",
                          fromAddress: "lrt@example.org", fromName: "LRT-secretariaat", username: username,
                          passwordFile: passwordFile, passwordEnv: nil, tls: tls,
                          caFile: trustTestCA ? TestCertificate.files?.cert : nil, connectTimeout: 5, timeout: 20)
    }
}

/// Tests/Support/http_receiver.py, and the requests it recorded.
final class HTTPTestReceiver {
    let server: PythonServer
    var port: Int { server.port }

    init(responses: String? = nil, secret: String? = nil) throws {
        let dir = try temporaryDirectory("remindd-http")
        var args = ["--log", dir.appendingPathComponent("requests.jsonl").path]
        if let responses { args += ["--responses", responses] }
        if let secret { args += ["--secret", secret] }
        server = try PythonServer(script: "http_receiver.py", arguments: args, directory: dir)
    }

    var requests: [[String: Any]] { server.records("requests.jsonl") }

    func url(_ path: String = "/hooks/lrt") -> String { "http://127.0.0.1:\(port)\(path)" }
}

extension Dictionary where Key == String, Value == Any {
    /// Header value by case-insensitive name from a recorded `headers` list of pairs.
    func header(_ name: String) -> String? {
        (self["headers"] as? [[String]])?.first { $0[0].lowercased() == name.lowercased() }?[1]
    }

    var headerNames: [String] { (self["headers"] as? [[String]])?.map { $0[0] } ?? [] }
}

/// A loopback port with nothing listening: a receiver started and stopped again.
func closedPort() throws -> Int {
    var port = 0
    do {
        let r = try HTTPTestReceiver()
        port = r.port
    }
    return port
}

func makeNotifier(_ channel: ChannelSection, name: String, config: Config? = nil, environment: [String: String] = [:],
                  logs: LogCapture, now: @escaping () -> Date = Date.init) throws -> any Notifier {
    var c = config ?? Fixture.config()
    c.channels = [name: channel]
    return try Notifiers.make(channel: name, config: c, environment: environment, logger: logs.logger, now: now)
}
