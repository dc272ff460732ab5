import Foundation

/// One throw-away PostgreSQL server for this test process, for the store tests and the
/// scale-out tests (`Tests/Support/pg_server.py`:
/// initdb in a temporary folder, `postgres` on a loopback port, password authentication),
/// started at first use; each test gets a database of its own on it.
public final class PostgresServer: @unchecked Sendable {
    public let port: Int
    public let user: String
    public let password: String
    public let passwordFile: String
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private let lock = NSLock()

    /// Whether PostgreSQL's server programs are there. Under CI (`CI` set) this is always
    /// true, so a missing package fails the run instead of skipping the PostgreSQL tests.
    public static let available: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let dirs = path.split(separator: ":").map(String.init)
            + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).map { "/usr/lib/postgresql/\($0)/bin" }
        return dirs.contains { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }()

    public static let skipReason = "PostgreSQL's initdb not found (Debian package postgresql; scripts/setup --test installs it); set CI to make this a failure"

    /// The server of this process, started at first use.
    public static let shared: Result<PostgresServer, any Error> = Result { try PostgresServer() }

    public static func get() throws -> PostgresServer { try shared.get() }

    /// A server of its own (the tests share `get()`'s).
    public init() throws {
        let support = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Support/pg_server.py")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-pg-\(UUID().uuidString.prefix(8))")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", support.path, dir.path]
        let stdin = Pipe(), stdout = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        try p.run()
        process = p
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading
        guard let line = Self.readLine(output),
              let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let port = json["port"] as? Int, let user = json["user"] as? String,
              let password = json["password"] as? String, let file = json["password_file"] as? String
        else {
            throw ServerError("the PostgreSQL test server did not start (Tests/Support/pg_server.py; see \(dir.path))")
        }
        self.port = port
        self.user = user
        self.password = password
        self.passwordFile = file
    }

    deinit {
        try? input.close()
    }

    private static func readLine(_ h: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while true {
            let b = h.readData(ofLength: 1)
            if b.isEmpty { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if b[0] == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(b[0])
        }
    }

    /// Sends one command to pg_server.py and returns its answer.
    @discardableResult
    public func command(_ line: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        input.write(Data((line + "\n").utf8))
        guard let answer = Self.readLine(output) else { throw ServerError("the PostgreSQL test server went away") }
        guard answer == "ok" else { throw ServerError("pg_server.py \(line.prefix(40)): \(answer)") }
        return answer
    }

    /// A new, empty database on the server, and its URL.
    public func newDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try command("createdb \(name)")
        return "postgresql://\(user)@127.0.0.1:\(port)/\(name)"
    }
}

public struct ServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
