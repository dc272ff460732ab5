import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process a test started: output goes to files in the test's directory (no pipe can fill
/// up and stall it), waits are polled with a deadline, and it is killed when the value goes
/// away, so a failing test leaves nothing running.
final class ChildProcess {
    let process = Process()
    let name: String
    let stdoutURL: URL
    let stderrURL: URL

    /// The environment children start from: the test runner's, without anything that would
    /// make remindd think it runs under systemd or read another config.
    static func baseEnvironment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "JOURNAL_STREAM", "RUNTIME_DIRECTORY", "STATE_DIRECTORY", "REMINDD_CONFIG",
                    "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "CREDENTIALS_DIRECTORY"] {
            env.removeValue(forKey: key)
        }
        return env
    }

    init(executable: URL, arguments: [String], directory: URL, name: String,
         environment: [String: String] = [:]) throws {
        self.name = name
        stdoutURL = directory.appendingPathComponent("\(name).stdout")
        stderrURL = directory.appendingPathComponent("\(name).stderr")
        for url in [stdoutURL, stderrURL] {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw IntegrationError("cannot create \(url.path)")
            }
        }
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // Config snapshots go to the test's folder, not the runner's home.
        let cache = ["REMINDD_CACHE_DIR": directory.appendingPathComponent("cache").path]
        process.environment = Self.baseEnvironment().merging(cache) { _, new in new }.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
    }

    deinit { kill() }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    func send(_ signal: Int32) {
        if process.isRunning { _ = Glibc.kill(pid, signal) }
    }

    /// SIGKILL, if it still runs.
    func kill() {
        send(SIGKILL)
    }

    /// The exit status, once the process has exited; -signal when a signal ended it.
    var exitStatus: Int32? {
        guard !process.isRunning else { return nil }
        return process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    }

    /// Waits for the process to exit; kills it and throws when it has not within `timeout`.
    @discardableResult
    func waitForExit(timeout: Double = 20) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = exitStatus { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        // The test may have been kept from running past the deadline (a busy machine): a
        // process that exited meanwhile has not timed out.
        if let status = exitStatus { return status }
        kill()
        throw IntegrationError("\(name) did not exit within \(timeout) s; killed. stderr:\n\(stderr)")
    }
}
