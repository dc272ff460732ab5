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

    @Test(arguments: StoreKind.available) func everyDueDeliveryIsSentOnceAndRecorded(_ kind: StoreKind) throws {
        let store = try kind.make()
        let planned = deliveries(1_234)
        try store.enqueue(planned, late: false, now: t0)
        let notifier = RecordingNotifier(expected: planned.count)
        let config = try Self.config(items: planned.count)
        let worker = OutboxWorker(store: store, config: config, clock: ManualClock(t0.addingTimeInterval(60)),
                                  logger: Logger(label: "test"), notifiers: ["mail": notifier], retryTimer: ManualTimer())
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

    @Test(arguments: StoreKind.available) func retriesStayPendingWithTheirNextAttempt(_ kind: StoreKind) throws {
        let store = try kind.make()
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
                                  logger: Logger(label: "test"), notifiers: ["mail": notifier], retryTimer: timer)
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

    /// Sends one message at a time and waits at the first for the test to let it go, so a
    /// cancellation can come in while the batch is under way.
    final class GatedNotifier: Notifier, @unchecked Sendable {
        let lock = NSLock()
        var keys: [String] = []
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)

        func deliver(_ batch: [OutgoingMessage]) -> [DeliveryResult] {
            batch.map { m in
                let first = lock.withLock { keys.append(m.delivery.key); return keys.count == 1 }
                if first {
                    started.signal()
                    release.wait()
                }
                return .sent(reply: "250 OK")
            }
        }
    }

    @Test(arguments: StoreKind.available) func aCancellationStopsTheBatchBeforeTheNextDelivery(_ kind: StoreKind) throws {
        let store = try kind.make()
        let config = try Self.config(items: 10)
        // item0 goes first and is on the wire when item1…item9 are marked done.
        let planned = (0..<10).map { sampleDelivery(subject: "item\($0)", at: t0.addingTimeInterval(Double($0))) }
        try store.enqueue(planned, late: false, now: t0)
        let notifier = GatedNotifier()
        let worker = OutboxWorker(store: store, config: config, clock: ManualClock(t0.addingTimeInterval(60)),
                                  logger: Logger(label: "test"), notifiers: ["mail": notifier], retryTimer: ManualTimer())
        worker.kick()
        #expect(notifier.started.wait(timeout: .now() + 30) == .success)
        for i in 1..<10 { try StateChange.done("item\(i)").apply(to: store, config: config, at: t0.addingTimeInterval(61)) }
        worker.deliveriesCancelled()
        notifier.release.signal()
        // The worker hands back what it did not send and claims again: nothing is pending.
        let deadline = Date().addingTimeInterval(30)
        while (try store.deliveryCounts()[.pending] ?? 0) > 0 && Date() < deadline { usleep(10_000) }
        #expect(worker.shutdown(timeout: 30))
        #expect(notifier.keys == [planned[0].key])
        #expect(try store.deliveryCounts() == [.sent: 1, .cancelled: 9])
        let c = try #require(try store.delivery(key: planned[5].key))
        #expect(c.state == .cancelled && c.lastError == "done")
    }
}
