import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `remindd run` in a test's workspace. Waits until the daemon has planned (its `started`
/// log line) before a test goes on, and is killed when the value goes away.
final class DaemonProcess {
    let child: ChildProcess
    let workspace: Workspace
    private static let counter = Counter()

    /// Starts the daemon and waits until it logged `started` (or died).
    init(_ workspace: Workspace, environment: [String: String] = [:], waitForStart: Bool = true) async throws {
        self.workspace = workspace
        child = try ChildProcess(executable: try Paths.binary(),
                                 arguments: ["run", "--config", workspace.configPath, "--log-level", "debug"],
                                 directory: workspace.url, name: "daemon-\(Self.counter.next())",
                                 environment: environment)
        if waitForStart {
            try await Poll.until("the daemon to start", context: { self.diagnostics }) {
                if !self.child.isRunning { throw IntegrationError("remindd run exited at start\n\(self.diagnostics)") }
                return self.log.contains(" started ") || self.log.contains("<6>started")
            }
        }
    }

    deinit { child.kill() }

    /// Everything the daemon logged so far (stderr).
    var log: String { child.stderr }
    var isRunning: Bool { child.isRunning }

    var diagnostics: String {
        "workspace \(workspace.url.path); daemon \(child.isRunning ? "running" : "exited \(child.exitStatus ?? 0)"); log:\n\(log)"
    }

    func send(_ signal: Int32) { child.send(signal) }

    /// kill -9: no chance to finish anything.
    func crash() async throws {
        child.kill()
        try await child.waitForExit(timeout: 10)
    }

    /// SIGTERM and the exit status.
    func terminate(timeout: Double = 20) async throws -> Int32 {
        child.send(SIGTERM)
        return try await child.waitForExit(timeout: timeout)
    }

    /// Waits until the log has grown a line containing `text` after `offset` characters.
    func waitForLog(_ text: String, after offset: Int = 0, timeout: Double = 15) async throws {
        try await Poll.until("'\(text)' in the daemon's log", timeout: timeout, context: { self.diagnostics }) {
            self.log.dropFirst(offset).contains(text)
        }
    }
}
