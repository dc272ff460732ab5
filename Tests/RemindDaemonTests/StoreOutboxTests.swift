import Foundation
import RemindCore
import Testing
import RemindDaemon

/// The outbox: idempotent enqueue, claiming, attempt outcomes, crash safety.
@Suite struct StoreOutboxTests {
    let t0 = Date(timeIntervalSince1970: 1_695_970_800) // 2023-09-29T07:00:00Z

    @Test(arguments: StoreKind.available) func enqueueIsInsertOrIgnore(_ kind: StoreKind) throws {
        let store = try kind.make()
        let a = sampleDelivery(at: t0), b = sampleDelivery(kind: .overdue, at: t0.addingTimeInterval(86_400))
        #expect(try store.enqueue([a], late: false, now: t0) == [a.key])
        try store.apply([.sent(a.key, reply: "250 OK", at: t0)])
        // Planned again after a restart: the new one is written, the sent one stays sent.
        #expect(try store.enqueue([a, b], late: true, now: t0) == [b.key])
        let first = try #require(try store.delivery(key: a.key))
        #expect(first.state == .sent && first.attempts == 1 && first.late == false)
        #expect(try store.delivery(key: b.key)?.late == true)
    }

    @Test func rowIsDurableBeforeTheFirstAttempt() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/state.sqlite"
        let d = sampleDelivery(kind: .overdue, at: t0, to: ["SJenV"], cc: ["chair"])
        do {
            let store = try Store(path: path)
            try store.enqueue([d], late: false, now: t0, plannedThrough: t0)
            _ = try store.claimDue(now: t0, limit: 10) // in flight when the "crash" happens
        }
        let restarted = try Store(path: path)
        #expect(try restarted.plannedThrough() == t0)
        #expect(try restarted.claimDue(now: t0, limit: 10).isEmpty) // still claimed
        #expect(try restarted.releaseClaims() == 1)
        let due = try restarted.claimDue(now: t0, limit: 10)
        #expect(due.map(\.key) == [d.key])
        let record = try #require(due.first)
        #expect(record.state == .pending && record.attempts == 0)
        // Everything needed to send it again survives, independent of the config.
        // Plus the SEQUENCE of the item's calendar, fixed when the row was written.
        var expected = d
        expected.calendarSequence = CalendarEvent.sequence(deadline: try #require(d.reminder.deadline))
        #expect(record.planned == expected)
        #expect(record.recipients == ["SJenV", "chair"])
        #expect(record.reminder.lead == nil && record.reminder.ordinal == 2)
    }

    @Test(arguments: StoreKind.available) func nothingIsDueBeforeItsScheduledInstant(_ kind: StoreKind) throws {
        let store = try kind.make()
        let later = sampleDelivery(at: t0.addingTimeInterval(60))
        let earlier = sampleDelivery(kind: .before, at: t0)
        try store.enqueue([later, earlier], late: false, now: t0.addingTimeInterval(-3600))
        #expect(try store.pending(dueBy: t0.addingTimeInterval(-0.001)).isEmpty)
        #expect(try store.pending(dueBy: t0).map(\.key) == [earlier.key])
        #expect(try store.pending(dueBy: t0.addingTimeInterval(60)).map(\.key) == [earlier.key, later.key])
        #expect(try store.nextPendingAttempt() == t0)
    }

    @Test(arguments: StoreKind.available) func claimedDeliveriesAreNotHandedOutTwice(_ kind: StoreKind) throws {
        let store = try kind.make()
        let ds = (0..<5).map { sampleDelivery(subject: "item\($0)", at: t0.addingTimeInterval(Double($0))) }
        try store.enqueue(ds, late: false, now: t0)
        let now = t0.addingTimeInterval(10)
        let first = try store.claimDue(now: now, limit: 3, lease: 60)
        #expect(first.map(\.key) == ds.prefix(3).map(\.key))
        let second = try store.claimDue(now: now, limit: 3, lease: 60)
        #expect(second.map(\.key) == ds.suffix(2).map(\.key))
        #expect(try store.claimDue(now: now, limit: 3, lease: 60).isEmpty)
        #expect(try store.pending(dueBy: now).isEmpty)
        // The worker wakes when the claims run out, in case an attempt hung.
        #expect(try store.nextPendingAttempt() == now.addingTimeInterval(60))
        #expect(try store.claimDue(now: now.addingTimeInterval(60), limit: 10).count == 5)
    }

    @Test(arguments: StoreKind.available) func attemptsAreCountedAndFinalStatesStick(_ kind: StoreKind) throws {
        let store = try kind.make()
        let d = sampleDelivery(at: t0)
        try store.enqueue([d], late: false, now: t0)
        let retryAt = t0.addingTimeInterval(30)
        _ = try store.claimDue(now: t0, limit: 1)
        #expect(try store.apply([.retry(d.key, error: "connect refused", nextAttempt: retryAt, at: t0)]) == 1)
        var r = try #require(try store.delivery(key: d.key))
        #expect(r.state == .pending && r.attempts == 1 && r.lastError == "connect refused" && r.nextAttemptAt == retryAt)
        // Released from its claim, but not due before the backoff ends.
        #expect(try store.claimDue(now: retryAt.addingTimeInterval(-1), limit: 1).isEmpty)
        #expect(try store.nextPendingAttempt() == retryAt)
        #expect(try store.claimDue(now: retryAt, limit: 1).count == 1)
        try store.apply([.retry(d.key, error: "HTTP 503", reply: "503", nextAttempt: retryAt.addingTimeInterval(60), at: retryAt)])
        try store.apply([.sent(d.key, reply: "250 2.0.0 queued", at: retryAt.addingTimeInterval(60))])
        r = try #require(try store.delivery(key: d.key))
        #expect(r.state == .sent && r.attempts == 3 && r.reply == "250 2.0.0 queued" && r.nextAttemptAt == nil)
        #expect(r.lastError == "HTTP 503") // what went wrong before it got through
        #expect(r.updated == retryAt.addingTimeInterval(60) && r.created == t0)
        #expect(try store.nextPendingAttempt() == nil)
        // A late report for a final row changes nothing.
        #expect(try store.apply([.failed(d.key, error: "late report", at: retryAt.addingTimeInterval(90))]) == 0)
        #expect(try store.delivery(key: d.key)?.state == .sent)
        #expect(try store.apply([.sent("no/such/key", at: t0)]) == 0)
    }

    @Test(arguments: StoreKind.available) func failedIsFinal(_ kind: StoreKind) throws {
        let store = try kind.make()
        let d = sampleDelivery(at: t0)
        try store.enqueue([d], late: false, now: t0)
        try store.apply([.failed(d.key, error: "550 no such user", reply: "550", at: t0)])
        let r = try #require(try store.delivery(key: d.key))
        #expect(r.state == .failed && r.attempts == 1 && r.lastError == "550 no such user")
        #expect(try store.pending(dueBy: t0.addingTimeInterval(86_400)).isEmpty)
        #expect(try store.deliveryCounts() == [.failed: 1])
    }

    @Test(arguments: StoreKind.available) func applyWritesABatchInOneCall(_ kind: StoreKind) throws {
        let store = try kind.make()
        let ds = (0..<3).map { sampleDelivery(subject: "i\($0)", at: t0) }
        try store.enqueue(ds, late: false, now: t0)
        let changed = try store.apply([.sent(ds[0].key, at: t0), .failed(ds[1].key, error: "x", at: t0),
                                       .retry(ds[2].key, error: "y", nextAttempt: t0.addingTimeInterval(5), at: t0)])
        #expect(changed == 3)
        #expect(try store.deliveryCounts() == [.sent: 1, .failed: 1, .pending: 1])
    }

    @Test(arguments: StoreKind.available) func missedDeliveriesAreRecordedButNeverDue(_ kind: StoreKind) throws {
        let store = try kind.make()
        let old = sampleDelivery(kind: .overdue, at: t0.addingTimeInterval(-48 * 3600))
        let fresh = sampleDelivery(kind: .overdue, at: t0.addingTimeInterval(-2 * 3600))
        #expect(try store.recordMissed([old], now: t0) == [old.key])
        try store.enqueue([fresh, old], late: true, now: t0)
        #expect(try store.delivery(key: old.key)?.state == .missed)
        #expect(try store.delivery(key: old.key)?.attempts == 0)
        #expect(try store.pending(dueBy: t0).map(\.key) == [fresh.key])
        #expect(try store.pending(dueBy: t0).first?.late == true)
        #expect(try store.deliveryCounts() == [.missed: 1, .pending: 1])
    }

    @Test(arguments: StoreKind.available) func existingKeysCoversLargeSets(_ kind: StoreKind) throws {
        let store = try kind.make()
        let ds = (0..<1_200).map { sampleDelivery(subject: "i\($0)", at: t0) }
        try store.enqueue(ds.filter { Int($0.reminder.subject.dropFirst())! % 2 == 0 }, late: false, now: t0)
        let found = try store.existingKeys(ds.map(\.key) + ["unknown"])
        #expect(found.count == 600)
        #expect(found.contains(ds[1_198].key) && !found.contains(ds[1_199].key))
        #expect(try store.existingKeys([String]()).isEmpty)
    }

    @Test func tenThousandDeliveriesInOneBatch() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/state.sqlite")
        let ds = (0..<10_000).map { sampleDelivery(subject: "item-\($0)", at: t0.addingTimeInterval(Double($0 % 97))) }
        #expect(try store.enqueue(ds, late: false, now: t0).count == 10_000)
        #expect(try store.enqueue(ds, late: false, now: t0).isEmpty)
        #expect(try store.deliveryCounts() == [.pending: 10_000])
        #expect(try store.claimDue(now: t0, limit: 10_000).count == 104) // scheduled exactly at t0
    }
}
