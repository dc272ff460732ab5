import Foundation
import RemindCore
import Testing
@testable import RemindDaemon

@Suite struct BackoffTests {
    let policy = RetryPolicy(initialSeconds: 30, maxSeconds: 3600, giveUpAfterSeconds: 86_400)

    @Test func growsExponentiallyWithinJitterAndCaps() {
        let low = Backoff(policy: policy, random: { 0 })
        let high = Backoff(policy: policy, random: { 0.999_999 })
        #expect(low.delay(afterAttempts: 1, retryAfter: nil) == 24)
        #expect(abs(high.delay(afterAttempts: 1, retryAfter: nil) - 36) < 0.001)
        #expect(low.delay(afterAttempts: 3, retryAfter: nil) == 96)
        #expect(low.delay(afterAttempts: 20, retryAfter: nil) == 3600 * 0.8)
        #expect(high.delay(afterAttempts: 20, retryAfter: nil) <= 3600 * 1.2)
    }

    @Test func retryAfterWinsWhenLonger() {
        let b = Backoff(policy: policy, random: { 0.5 })
        #expect(b.delay(afterAttempts: 1, retryAfter: 120) == 120)
        #expect(b.delay(afterAttempts: 1, retryAfter: 1) == 30)
    }

    @Test func givesUpPastTheConfiguredAge() {
        let b = Backoff(policy: policy, random: { 0.5 })
        let scheduled = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(b.nextAttempt(scheduled: scheduled, now: scheduled.addingTimeInterval(3600), attempts: 1, retryAfter: nil) != nil)
        #expect(b.nextAttempt(scheduled: scheduled, now: scheduled.addingTimeInterval(86_000), attempts: 10, retryAfter: nil) == nil)
    }
}
