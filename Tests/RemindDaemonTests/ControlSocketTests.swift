import Foundation
import Testing
@testable import RemindDaemon

/// A real Unix socket in a temp dir: request line in, response line out.
@Suite struct ControlSocketTests {
    @Test func requestAndResponseRoundTrip() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state.sqlite.sock"
        let server = try ControlSocketServer(path: path) { line in "ok \(line.uppercased())" }
        defer { server.stop() }
        #expect(ControlClient.send(path: path, line: "done taakstelling") == "ok DONE TAAKSTELLING")
        #expect(ControlClient.send(path: path, line: "reload") == "ok RELOAD")
    }

    @Test func socketFileIsPrivate() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/control.sock"
        let server = try ControlSocketServer(path: path) { _ in "" }
        defer { server.stop() }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.type] as? FileAttributeType) == .typeSocket)
    }

    @Test func noDaemonMeansNilQuietly() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(ControlClient.send(path: dir + "/nobody.sock", line: "done x") == nil)
        // A stale socket file with nobody behind it.
        let path = dir + "/stale.sock"
        do { _ = try ControlSocketServer(path: path) { _ in "" } } // deinit stops and removes it
        #expect(!FileManager.default.fileExists(atPath: path))
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let address = try UnixSocketAddress(path: path)
        #expect(address.withSockAddr { bind(fd, $0, $1) } == 0)
        close(fd)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(ControlClient.send(path: path, line: "done x") == nil)
    }

    @Test func staleSocketIsReplacedLiveOneIsNot() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/control.sock"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let address = try UnixSocketAddress(path: path)
        #expect(address.withSockAddr { bind(fd, $0, $1) } == 0) // left behind by a crash
        close(fd)
        let server = try ControlSocketServer(path: path) { _ in "first" }
        #expect(ControlClient.send(path: path, line: "x") == "first")
        #expect(throws: ControlSocketError.inUse(path: path)) {
            _ = try ControlSocketServer(path: path) { _ in "second" }
        }
        #expect(ControlClient.send(path: path, line: "x") == "first")
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aRegularFileIsNeverRemoved() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/control.sock"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ControlSocketError.notASocket(path: path)) {
            _ = try ControlSocketServer(path: path) { _ in "" }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
    }

    @Test func responsesStayOneLineAndRequestsCannotSmuggleLines() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/c.sock"
        let seen = Locked<[String]>([])
        let server = try ControlSocketServer(path: path) { line in
            seen.mutate { $0.append(line) }
            return "line one\nline two\r\n"
        }
        defer { server.stop() }
        #expect(ControlClient.send(path: path, line: "a") == "line one line two ") // CRLF is one character
        #expect(ControlClient.send(path: path, line: "done a\nsnooze b") == nil)
        #expect(seen.value == ["a"])
    }

    @Test func oversizedRequestIsAnsweredWithAnError() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/c.sock"
        let server = try ControlSocketServer(path: path) { _ in "handled" }
        defer { server.stop() }
        let big = String(repeating: "x", count: ControlSocketServer.maxRequestBytes + 10)
        #expect(ControlClient.send(path: path, line: big) == "error request too long")
    }

    @Test func aSilentClientDoesNotBlockTheNextOne() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/c.sock"
        let server = try ControlSocketServer(path: path, ioTimeout: 0.2) { line in "ok \(line)" }
        defer { server.stop() }
        // Connects and never writes: the server gives up on it after its I/O timeout.
        let silent = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(silent) }
        let address = try UnixSocketAddress(path: path)
        #expect(address.withSockAddr { connect(silent, $0, $1) } == 0)
        #expect(ControlClient.send(path: path, line: "next", timeout: 5) == "ok next")
    }

    @Test func pathFollowsRuntimeDirectoryElseState() throws {
        #expect(try ControlSocketPath.resolve(statePath: "/var/lib/remindd/state.sqlite",
                                              environment: ["RUNTIME_DIRECTORY": "/run/remindd"]) == "/run/remindd/control.sock")
        #expect(try ControlSocketPath.resolve(statePath: "/var/lib/remindd/state.sqlite",
                                              environment: ["RUNTIME_DIRECTORY": "/run/remindd/:/run/other"]) == "/run/remindd/control.sock")
        #expect(try ControlSocketPath.resolve(statePath: "./remindd-state.sqlite", environment: [:]) == "./remindd-state.sqlite.sock")
        #expect(try ControlSocketPath.resolve(statePath: "s.sqlite", environment: ["RUNTIME_DIRECTORY": ""]) == "s.sqlite.sock")
    }

    @Test func tooLongPathFailsClearly() throws {
        let state = "/" + String(repeating: "d", count: 100) + "/state.sqlite" // 114 + 5 bytes
        do {
            _ = try ControlSocketPath.resolve(statePath: state, environment: [:])
            Issue.record("a path over 107 bytes must be refused")
        } catch {
            #expect(error == .pathTooLong(path: state + ".sock", limit: 107))
            #expect(error.description.contains("107"))
        }
        let exactly107 = "/" + String(repeating: "p", count: 101) + ".sock"
        #expect(exactly107.utf8.count == 107)
        #expect(try ControlSocketPath.resolve(statePath: String(exactly107.dropLast(5)), environment: [:]) == exactly107)
        #expect(throws: ControlSocketError.self) { _ = try ControlSocketServer(path: state + ".sock") { _ in "" } }
    }
}

/// A value shared with a handler running on another queue.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func mutate(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}

/// The symlink beside the state file for commands run outside the service.
@Suite struct ControlSocketAliasTests {
    @Test func aliasReachesTheDaemonAndGoesAwayWithIt() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/run", withIntermediateDirectories: true)
        let state = dir + "/state.sqlite"
        let env = ["RUNTIME_DIRECTORY": dir + "/run"]
        let path = try ControlSocketPath.resolve(statePath: state, environment: env)
        let alias = try #require(ControlSocketPath.alias(statePath: state, environment: env))
        #expect(path == dir + "/run/control.sock" && alias == state + ".sock")
        #expect(ControlSocketPath.alias(statePath: state, environment: [:]) == nil)

        let server = try ControlSocketServer(path: path, alias: alias) { "ok \($0)" }
        // An administrator's shell has no RUNTIME_DIRECTORY.
        let fromShell = try ControlSocketPath.resolve(statePath: state, environment: [:])
        #expect(ControlClient.send(path: fromShell, line: "done a") == "ok done a")
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: alias)) == nil)
        #expect(ControlClient.send(path: fromShell, line: "done a") == nil)
    }

    @Test func deadAliasIsReplacedLiveOneIsRespected() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let alias = dir + "/state.sqlite.sock"
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: dir + "/gone.sock")
        let server = try ControlSocketServer(path: dir + "/a.sock", alias: alias) { _ in "a" }
        #expect(ControlClient.send(path: alias, line: "x") == "a")
        // A second daemon on the same state file must not take the alias over.
        #expect(throws: ControlSocketError.inUse(path: alias)) {
            _ = try ControlSocketServer(path: dir + "/b.sock", alias: alias) { _ in "b" }
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/b.sock"))
        #expect(ControlClient.send(path: alias, line: "x") == "a")
        server.stop()
    }
}
