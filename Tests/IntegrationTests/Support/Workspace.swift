import Foundation

/// One test's world: a fresh directory for the config, the state file, the servers' logs
/// and the daemon's output. Short paths, because the control socket lives beside the state
/// file and a Unix socket path has at most 107 bytes. Removed afterwards unless
/// `REMINDD_KEEP_TEST_DIRS` is set (then its path is in every failure message).
final class Workspace {
    let url: URL
    let zone: TimeZone

    init(_ name: String, zone: String = "Europe/Amsterdam") throws {
        var base = FileManager.default.temporaryDirectory
        if base.path.utf8.count > 40 { base = URL(fileURLWithPath: "/tmp") }
        url = base.appendingPathComponent("rdi-\(name.prefix(12))-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        guard let z = TimeZone(identifier: zone) else { throw IntegrationError("unknown zone \(zone)") }
        self.zone = z
    }

    deinit {
        if ProcessInfo.processInfo.environment["REMINDD_KEEP_TEST_DIRS"] == nil {
            try? FileManager.default.removeItem(at: url)
        }
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    var configPath: String { path("remindd.yaml") }
    var statePath: String { path("state.sqlite") }

    /// Writes the config file (replacing it, for reload tests) atomically.
    func writeConfig(_ yaml: String) throws {
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// A whole second `seconds` from now: reminders are planned at second resolution.
    static func instant(secondsAhead seconds: Double) -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + seconds).rounded(.up))
    }

    /// ISO 8601 with seconds and the zone's offset (`2023-10-02T12:00:30+02:00`), the form
    /// a config uses for an exact `remind_at`.
    func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = zone
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// The local date of `date` in the workspace's zone, `YYYY-MM-DD`.
    func localDay(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// The instant of a local day and time (`"11:00:00"`) in the workspace's zone.
    func instant(day: String, time: String) throws -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        guard let d = f.date(from: "\(day) \(time)") else { throw IntegrationError("not a local time: \(day) \(time)") }
        return d
    }

    /// `2023-10-02T12:00:30Z`.
    static func utc(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func parseUTC(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }
}
