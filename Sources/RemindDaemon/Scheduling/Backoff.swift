import Foundation
import RemindCore

/// When to try a failed delivery again: exponential from `retry.initial`, capped at
/// `retry.max`, with ±20 % jitter so a recovering server is not hit by every delivery in
/// the same second; a `Retry-After` from the server wins when it asks for longer. Past
/// `give_up_after` since the scheduled moment, the delivery fails for good.
public struct Backoff: Sendable {
    public var policy: RetryPolicy
    /// A number in [0, 1); injectable so tests are deterministic.
    public var random: @Sendable () -> Double

    public init(policy: RetryPolicy, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.policy = policy
        self.random = random
    }

    /// The delay before attempt `attempts + 1`, after `attempts` failed ones.
    public func delay(afterAttempts attempts: Int, retryAfter: Double?) -> Double {
        let exp = policy.initialSeconds * pow(2, Double(max(0, attempts - 1)))
        let base = min(policy.maxSeconds, exp)
        let jittered = base * (0.8 + 0.4 * random())
        if let ra = retryAfter, ra > jittered { return ra }
        return jittered
    }

    /// The next attempt's instant, or nil when the delivery should be given up.
    public func nextAttempt(scheduled: Date, now: Date, attempts: Int, retryAfter: Double?) -> Date? {
        let next = now.addingTimeInterval(delay(afterAttempts: attempts, retryAfter: retryAfter))
        if next.timeIntervalSince(scheduled) > policy.giveUpAfterSeconds { return nil }
        return next
    }
}
