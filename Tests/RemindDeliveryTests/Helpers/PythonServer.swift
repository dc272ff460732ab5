import Foundation
import Testing

/// A test server from Tests/Support, run with the `python3` on PATH on a free loopback port.
/// Killed when the value goes away.
final class PythonServer {
    let process = Process()
    let port: Int
    let directory: URL

    static let supportDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Support")

    /// Whether the Python modules the servers need are installed. Under CI (`CI` set) this
    /// is always true, so a missing module fails the run instead of skipping it.
    static let available: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        return (try? run(["python3", "-c", "import aiosmtpd"]).status) == 0
    }()

    static func hasModule(_ name: String) -> Bool {
        (try? run(["python3", "-c", "import \(name)"]).status) == 0
    }

    static let skipReason: Comment = "python3 with aiosmtpd not found (pip install aiosmtpd standardwebhooks); set CI to make this a failure"

    init(script: String, arguments: [String], directory: URL) throws {
        self.directory = directory
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.supportDirectory.appendingPathComponent(script).path] + arguments
        process.standardOutput = out
        let errPath = directory.appendingPathComponent("server.stderr").path
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        // Read "READY <port>" with a deadline, so a broken server fails the test, not hangs it.
        let reader = out.fileHandleForReading
        var buffer = Data()
        let deadline = Date().addingTimeInterval(20)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            var pfd = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 200) > 0 else { continue }
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            if let line = String(decoding: buffer, as: UTF8.self).split(separator: "\n").first(where: { $0.hasPrefix("READY ") }) {
                found = Int(line.dropFirst(6))
            }
        }
        guard let p = found else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            let log = (try? String(contentsOf: directory.appendingPathComponent("server.stderr"), encoding: .utf8)) ?? ""
            throw TestFailure("\(script) did not start: \(log)")
        }
        port = p
    }

    deinit {
        // SIGKILL: a SIGTERM can sit pending in a child that inherited a blocked mask.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The JSON lines a server wrote to `file` in its directory.
    func records(_ file: String) -> [[String: Any]] {
        guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @discardableResult
    static func run(_ args: [String], input: Data? = nil) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A fresh directory under the system temp folder.
func temporaryDirectory(_ name: String = "remindd-delivery") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A self-signed certificate for localhost and 127.0.0.1, made once per test run with
/// openssl; its file doubles as the CA file the channel trusts.
enum TestCertificate {
    static let files: (cert: String, key: String)? = {
        guard let dir = try? temporaryDirectory("remindd-cert") else { return nil }
        let cert = dir.appendingPathComponent("cert.pem").path
        let key = dir.appendingPathComponent("key.pem").path
        let r = try? PythonServer.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                       "-subj", "/CN=localhost",
                                       "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                                       "-days", "2", "-keyout", key, "-out", cert])
        return r?.status == 0 ? (cert, key) : nil
    }()
}
