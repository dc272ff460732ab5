import Foundation

/// Bounded waiting: every wait in these tests polls with a deadline, so a daemon that never
/// delivers fails the test with a message instead of hanging the run.
enum Poll {
    /// Returns the first non-nil result of `probe`, polled every `interval`; throws when
    /// `timeout` seconds pass without one. `what` and `context()` go into the error.
    static func until<T>(_ what: String, timeout: Double = 15, interval: Double = 0.05,
                         context: () -> String = { "" }, _ probe: () async throws -> T?) async throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let value = try await probe() { return value }
            if Date() >= deadline {
                let extra = context()
                throw IntegrationError("timed out after \(timeout) s waiting for \(what)\(extra.isEmpty ? "" : "\n\(extra)")")
            }
            try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
        }
    }

    /// Waits until `condition` holds.
    static func until(_ what: String, timeout: Double = 15, interval: Double = 0.05,
                      context: () -> String = { "" }, _ condition: () async throws -> Bool) async throws {
        _ = try await until(what, timeout: timeout, interval: interval, context: context) { try await condition() ? true : nil }
    }

    /// Sleeps until the wall clock reaches `instant` (plus `slack`): for checking that
    /// something did *not* happen by then.
    static func sleep(until instant: Date, slack: Double = 0) async throws {
        let seconds = instant.timeIntervalSinceNow + slack
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int(seconds * 1000))) }
    }
}
