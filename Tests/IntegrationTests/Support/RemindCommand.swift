import Foundation

/// What a `remindd` command printed and how it exited.
struct CommandResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }

    /// stdout parsed as a JSON array of objects.
    func jsonArray() throws -> [[String: Any]] {
        guard let array = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [[String: Any]] else {
            throw IntegrationError("expected a JSON array of objects; got:\n\(stdout)")
        }
        return array
    }
}

/// Runs the built `remindd` the way a shell user would.
enum Remindd {
    private static let counter = Counter()

    /// Runs `remindd ARGS` in `workspace` and waits (bounded) for it to exit.
    static func run(_ arguments: [String], in workspace: Workspace, environment: [String: String] = [:],
                    timeout: Double = 20) async throws -> CommandResult {
        let child = try ChildProcess(executable: try Paths.binary(), arguments: arguments, directory: workspace.url,
                                     name: "cmd-\(counter.next())", environment: environment)
        let status = try await child.waitForExit(timeout: timeout)
        return CommandResult(status: status, stdout: child.stdout, stderr: child.stderr)
    }

    /// `remindd history --json`: one record per delivery.
    static func history(_ workspace: Workspace, item: String? = nil, environment: [String: String] = [:]) async throws -> [Delivery] {
        var args = ["history", "--config", workspace.configPath, "--json"]
        if let item { args.insert(item, at: 1) }
        let result = try await run(args, in: workspace, environment: environment)
        guard result.status == 0 else { throw IntegrationError("remindd history failed: \(result)") }
        return try result.jsonArray().filter { $0["type"] as? String == "delivery" }.map(Delivery.init)
    }

    /// The actions of `remindd history --json`: item, action, source, at, until.
    static func actions(_ workspace: Workspace, item: String? = nil) async throws -> [[String: Any]] {
        var args = ["history", "--config", workspace.configPath, "--json"]
        if let item { args.insert(item, at: 1) }
        let result = try await run(args, in: workspace)
        guard result.status == 0 else { throw IntegrationError("remindd history failed: \(result)") }
        return try result.jsonArray().filter { $0["type"] as? String == "action" }
    }
}

/// One row of `remindd history --json`.
struct Delivery: CustomStringConvertible {
    var key: String
    var item: String
    var kind: String
    var scheduled: String
    var channel: String
    var recipients: [String]
    var state: String
    var attempts: Int
    var late: Bool
    var lastError: String?
    var reason: String?

    init(_ o: [String: Any]) throws {
        guard let key = o["key"] as? String, let item = o["item"] as? String, let kind = o["kind"] as? String,
              let scheduled = o["scheduled"] as? String, let channel = o["channel"] as? String,
              let recipients = o["recipients"] as? [String], let state = o["state"] as? String,
              let attempts = o["attempts"] as? Int, let late = o["late"] as? Bool
        else { throw IntegrationError("history entry lacks a documented field: \(o)") }
        (self.key, self.item, self.kind, self.scheduled, self.channel) = (key, item, kind, scheduled, channel)
        (self.recipients, self.state, self.attempts, self.late) = (recipients, state, attempts, late)
        lastError = o["last_error"] as? String
        reason = o["reason"] as? String
    }

    var description: String {
        "\(key) \(state) attempts=\(attempts) late=\(late)\(lastError.map { " error=\($0)" } ?? "")"
    }
}

/// A thread-safe counter for unique output file names.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
