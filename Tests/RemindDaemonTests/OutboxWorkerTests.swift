import Dispatch
import Foundation
import Logging
import RemindCore
import RemindDelivery
import Testing
@testable import RemindDaemon

/// The worker against a real store and a notifier that records what it was handed: every
/// due delivery is sent exactly once, outcomes are recorded, and a stop waits for the
/// batches still being recorded.
@Suite struct OutboxWorkerTests {
    let t0 = Date(timeIntervalSince1970: 1_695_970_800)

    /// A config that knows `item0` … `item<n-1>` (the worker drops deliveries of items
    /// no longer configured).
    static func config(items n: Int) throws -> Config {
        var yaml = """
        timezone: Europe/Amsterdam
        channels:
          mail: { type: maildir, path: /tmp/remindd-test-unused }
        people:
          SJenV: sjenv@example.org
          MBZK: mbzk@example.org
        items:

        """
        for i in 0..<n { yaml += "  - { id: item\(i), title: Item \(i), owner: SJenV, agreed: 2023-09-25 }\n" }
        return try ConfigLoader.load(text: yaml, path: "/tmp/test.yaml")
    }

    /// Hands every batch over, answers from `outcome`, and signals when `expected` messages
    /// were seen.
    final class RecordingNotifier: Notifier, @unchecked Sendable {
        let lock = NSLock()
        var keys: [String] = []
        var batches = 0
        let expected: Int
        let done = DispatchSemaphore(value: 0)
        let outcome: @Sendable (OutgoingMessage) -> DeliveryResult

        init(expected: Int, outcome: @escaping @Sendable (OutgoingMessage) -> DeliveryResult = { _ in .sent(reply: "250 OK") }) {
            self.expected = expected
            self.outcome = outcome
        }

        func deliver(_ batch: [OutgoingMessage]) -> [DeliveryResult] {
            let results = batch.map(outcome)
            lock.withLock {
                batches += 1
                keys += batch.map(\.delivery.key)
                if keys.count == expected { done.signal() }
            }
            return results
        }
    }

    func deliveries(_ n: Int) -> [PlannedDelivery] {
        (0..<n).map { sampleDelivery(subject: "item\($0)", at: t0.addingTimeInterval(Double($0 % 7))) }
    }

    @Test func everyDueDeliveryIsSentOnceAndRecorded() throws {
        let store = try Store.inMemory()
        let planned = deliveries(1_234)
        try store.enqueue(planned, late: false, now: t0)
        let notifier = RecordingNotifier(expected: planned.count)
        let config = try Self.config(items: planned.count)
        let worker = OutboxWorker(store: store, config: config, clock: ManualClock(t0.addingTimeInterval(60)),
                                  logger: Logger(label: "test"), retryTimer: ManualTimer()) { _, _ in notifier }
        worker.batchSize = 100
        worker.kick()
        #expect(notifier.done.wait(timeout: .now() + 60) == .success)
        #expect(worker.shutdown(timeout: 60))
        #expect(notifier.keys.count == planned.count)
        #expect(Set(notifier.keys) == Set(planned.map(\.key)))
        #expect(notifier.batches >= 13)
        // Oldest first across batches.
        let scheduled = try notifier.keys.map { try #require(try store.delivery(key: $0)).scheduled }
        #expect(scheduled == scheduled.sorted())
        #expect(try store.deliveryCounts() == [.sent: planned.count])
        #expect(try store.claimDue(now: t0.addingTimeInterval(3600), limit: 10).isEmpty)
    }

    @Test func retriesStayPendingWithTheirNextAttempt() throws {
        let store = try Store.inMemory()
        let planned = deliveries(250)
        try store.enqueue(planned, late: false, now: t0)
        let retried = Set(planned.prefix(40).map(\.key))
        let notifier = RecordingNotifier(expected: planned.count) { m in
            retried.contains(m.delivery.key) ? .retry(reason: "421 busy", retryAfter: 120) : .sent(reply: "250 OK")
        }
        let config = try Self.config(items: planned.count)
        let timer = ManualTimer()
        let now = t0.addingTimeInterval(60)
        let worker = OutboxWorker(store: store, config: config, clock: ManualClock(now),
                                  logger: Logger(label: "test"), retryTimer: timer) { _, _ in notifier }
        worker.batchSize = 50
        worker.kick()
        #expect(notifier.done.wait(timeout: .now() + 60) == .success)
        #expect(worker.shutdown(timeout: 60))
        #expect(notifier.keys.count == planned.count) // nothing handed out twice
        #expect(try store.deliveryCounts() == [.sent: 210, .pending: 40])
        let again = try #require(try store.delivery(key: planned[0].key))
        #expect(again.attempts == 1 && again.lastError == "421 busy")
        #expect(again.nextAttemptAt.map { $0 >= now.addingTimeInterval(119) } == true)
    }
}
