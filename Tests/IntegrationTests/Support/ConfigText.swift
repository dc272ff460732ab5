import Foundation

/// A config as a test writes it: plain YAML with DESIGN's key names, because that is what
/// an operator writes and what `remindd run` must read. By default only `remind_at`
/// reminders fire (no lead, due or overdue ones), so a test knows exactly what to expect.
struct ConfigText {
    var statePath: String
    /// `store:` lines (url, password_file) instead of `state:`: the state in PostgreSQL.
    var store: [String]?
    var timezone = "Europe/Amsterdam"
    /// Lines under `channels:`, e.g. `hook: { type: webhook, url: "http://127.0.0.1:8080/" }`.
    var channels: [String] = []
    var people = [
        "alice: { name: Alice de Vries, email: alice@example.org }",
        "bob: { email: bob@example.org }",
        "chair: { email: voorzitter@example.org }",
    ]
    var defaultChannels: [String] = []
    var policy = ["before: []", "on_due: false", "overdue: { times: 0 }", "undated: { every: 2w }"]
    /// More top-level lines: `retry: {...}`, `catch_up: 24h`, `workweek: ...`.
    var settings: [String] = []
    /// Lines under `events:`.
    var events: [String] = []
    /// Item blocks from `item(...)`.
    var items: [String] = []

    init(_ workspace: Workspace) {
        statePath = workspace.statePath
    }

    /// `retry: {initial: 1s, max: 2s, give_up_after: 1h}`: retries within a test's patience.
    static let fastRetry = "retry: { initial: 1s, max: 2s, give_up_after: 1h }"

    /// One item. `remindAt` and `due` are written as given (quoted); `agreed` is the
    /// reference date.
    static func item(_ id: String, title: String? = nil, owner: String = "alice", with: [String] = ["bob"],
                     agreed: String, due: String? = nil, remindAt: [String] = [], extra: [String] = []) -> String {
        var lines = [
            "  - id: \(id)",
            "    title: \(quoted(title ?? "Action \(id)"))",
            "    owner: \(owner)",
        ]
        if !with.isEmpty { lines.append("    with: [\(with.joined(separator: ", "))]") }
        lines.append("    agreed: \(agreed)")
        if let due { lines.append("    due: \(quoted(due))") }
        if !remindAt.isEmpty { lines.append("    remind_at: [\(remindAt.map(quoted).joined(separator: ", "))]") }
        lines += extra.map { "    " + $0 }
        return lines.joined(separator: "\n")
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    var yaml: String {
        var out = [
            "# written by an integration test",
            "timezone: \(timezone)",
            "language: en",
        ]
        if let store {
            out.append("store:")
            out += store.map { "  " + $0 }
        } else {
            out.append("state: \(Self.quoted(statePath))")
        }
        out += settings
        out.append("channels:")
        out += channels.map { "  " + $0 }
        out.append("people:")
        out += people.map { "  " + $0 }
        out.append("defaults:")
        out.append("  channels: [\(defaultChannels.joined(separator: ", "))]")
        out.append("  policy:")
        out += policy.map { "    " + $0 }
        if !events.isEmpty {
            out.append("events:")
            out += events.map { "  " + $0 }
        }
        out.append(items.isEmpty ? "items: []" : "items:")
        out += items
        return out.joined(separator: "\n") + "\n"
    }
}
