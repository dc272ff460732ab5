import Foundation
import RemindCore
import RemindDaemon
import Testing
import PostgresTestServer

/// What only a shared PostgreSQL store has to do: several nodes on one database, claims that
/// never overlap, claims of a dead node freed, one leader, notifications, a schema that
/// refuses to be run by an older remindd, and a server that goes away and comes back. The
/// behaviour both stores share is in the Store*Tests suites, which run on both.
@Suite(.serialized, .enabled(if: PostgresServer.available, PostgresServer.skipComment))
struct PostgresStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_695_970_800)

    func deliveries(_ n: Int) -> [PlannedDelivery] {
        (0..<n).map { i in sampleDelivery(subject: "item-\(i)", at: t0.addingTimeInterval(Double(i % 7))) }
    }

    @Test func twoNodesNeverClaimTheSameDelivery() throws {
        let server = try PostgresServer.get()
        let url = try server.newStoreURL()
        let a = try PostgresStore(url: url, password: server.password, nodeID: "a")
        let b = try PostgresStore(url: url, password: server.password, nodeID: "b")
        // Both alive at the moment they claim (a node last seen more than 5 s before a
        // claim is taken for dead, and its claims for free).
        for s in [a, b] { try s.heartbeat(now: t0.addingTimeInterval(10)) }
        let all = deliveries(400)
        #expect(try a.enqueue(all, late: false, now: t0).count == 400)
        let claimed = ClaimLog()
        let group = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        for store in [a, b] {
            // Threads of their own: a blocked dispatch worker gets its sibling only later.
            group.enter()
            Thread {
                defer { group.leave() }
                go.wait()
                // 400 rows in batches of 7 take 58 rounds between both; a claim handed out
                // again would never end the loop, so it is capped.
                for _ in 0..<200 {
                    let batch: [DeliveryRecord]
                    do {
                        batch = try store.claimDue(now: self.t0.addingTimeInterval(10), limit: 7)
                    } catch {
                        claimed.add("errors", ["\(error)"])
                        break
                    }
                    if batch.isEmpty { break }
                    claimed.add(store.nodeID, batch.map(\.key))
                    // As a worker does between rounds: the other node gets its turn.
                    Thread.sleep(forTimeInterval: 0.003)
                }
            }.start()
        }
        go.signal()
        go.signal()
        group.wait()
        #expect(claimed.keys("errors").isEmpty)
        let (byA, byB) = (claimed.keys("a"), claimed.keys("b"))
        #expect(byA.count + byB.count == 400)
        #expect(Set(byA).isDisjoint(with: byB))
        #expect(Set(byA).union(byB) == Set(all.map(\.key)))
        #expect(!byA.isEmpty && !byB.isEmpty, "both nodes took a share: a \(byA.count), b \(byB.count)")
    }

    @Test func claimsOfASilentNodeAreFreeAgain() throws {
        let server = try PostgresServer.get()
        let url = try server.newStoreURL()
        let a = try PostgresStore(url: url, password: server.password, nodeID: "a")
        let b = try PostgresStore(url: url, password: server.password, nodeID: "b")
        try a.enqueue(deliveries(3), late: false, now: t0)
        try a.heartbeat(now: t0)
        try b.heartbeat(now: t0)
        #expect(try a.claimDue(now: t0.addingTimeInterval(7), limit: 10, lease: 600).count == 3)
        // A is alive: its claims hold.
        try b.heartbeat(now: t0.addingTimeInterval(8))
        #expect(try b.claimDue(now: t0.addingTimeInterval(8), limit: 10, lease: 600).isEmpty)
        // A fell silent more than nodeTimeout ago: its claims are B's to take.
        let later = t0.addingTimeInterval(8 + PostgresStore.nodeTimeout + 1)
        try b.heartbeat(now: later)
        let taken = try b.claimDue(now: later, limit: 10, lease: 600)
        #expect(taken.count == 3)
        // What B sent is never handed out again, and A's late report cannot undo it.
        #expect(try b.apply(taken.map { .sent($0.key, at: later) }) == 3)
        #expect(try a.apply(taken.map { .retry($0.key, error: "421", nextAttempt: later, at: later) }) == 0)
        #expect(try a.pending(dueBy: later.addingTimeInterval(700)).isEmpty)
        #expect(try a.deliveryCounts() == [.sent: 3])
    }

    @Test func aNodeReleasesOnlyItsOwnClaims() throws {
        let server = try PostgresServer.get()
        let url = try server.newStoreURL()
        let a = try PostgresStore(url: url, password: server.password, nodeID: "a")
        let b = try PostgresStore(url: url, password: server.password, nodeID: "b")
        for s in [a, b] { try s.heartbeat(now: t0) }
        try a.enqueue(deliveries(4), late: false, now: t0)
        let mine = try a.claimDue(now: t0.addingTimeInterval(7), limit: 2, lease: 600)
        let theirs = try b.claimDue(now: t0.addingTimeInterval(7), limit: 2, lease: 600)
        #expect(mine.count == 2 && theirs.count == 2)
        #expect(try b.releaseClaims() == 2)
        // B's two are free again, A's two are still A's.
        let again = try a.claimDue(now: t0.addingTimeInterval(7), limit: 10, lease: 600)
        #expect(Set(again.map(\.key)) == Set(theirs.map(\.key)))
    }

    @Test func theSchemaIsAppliedOnceAndANewerOneIsRefused() throws {
        let server = try PostgresServer.get()
        let url = try server.newStoreURL()
        let first = try PostgresStore(url: url, password: server.password)
        let applied = try first.appliedMigrations()
        #expect(applied.count >= 6 && applied.first == "v1: items, events, deliveries, meta")
        // Two more nodes start together: nothing is applied twice.
        let group = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) { _ = try? PostgresStore(url: url, password: server.password) }
        }
        group.wait()
        #expect(try first.appliedMigrations() == applied)
        try server.command("sql \(url.database) INSERT INTO schema_migration (name, applied_at) VALUES ('v99: from the future', 1e10)")
        #expect {
            _ = try PostgresStore(url: url, password: server.password)
        } throws: { error in
            "\(error)".contains("newer schema (migration 'v99: from the future')") && "\(error)".contains("upgrade remindd")
        }
    }

    @Test func oneNodeLeadsAndAnotherTakesOverWhenItsSessionEnds() throws {
        let server = try PostgresServer.get()
        let url = try server.newStoreURL()
        let a = try PostgresStore(url: url, password: server.password, nodeID: "a")
        let b = try PostgresStore(url: url, password: server.password, nodeID: "b")
        let leadA = PostgresLeadership(store: a), leadB = PostgresLeadership(store: b)
        #expect(leadA.tryLead(now: t0) == true)
        #expect(leadB.tryLead(now: t0) == false)
        #expect(leadA.tryLead(now: t0.addingTimeInterval(1)) == true, "renewing keeps the lead")
        #expect(try b.lease() == PostgresStore.Lease(node: "a", until: t0.addingTimeInterval(1 + leadA.leaseSeconds)))
        // A's session dies (as with kill -9): the lock goes with it.
        try server.command("sql \(url.database) SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
        #expect(leadB.tryLead(now: t0.addingTimeInterval(2)) == true)
        #expect(try a.lease()?.node == "b")
        #expect(leadA.tryLead(now: t0.addingTimeInterval(2)) == false, "the old leader finds its lock gone and follows")
        leadB.resign()
        #expect(leadA.tryLead(now: t0.addingTimeInterval(3)) == true)
        leadA.resign()
    }

    @Test func aLeaderThatStopsRenewingIsEndedAfterTwoLeases() throws {
        let server = try PostgresServer.get()
        let url = try server.newStoreURL()
        let a = try PostgresStore(url: url, password: server.password, nodeID: "a")
        let b = try PostgresStore(url: url, password: server.password, nodeID: "b")
        let leadA = PostgresLeadership(store: a, leaseSeconds: 5), leadB = PostgresLeadership(store: b, leaseSeconds: 5)
        #expect(leadA.tryLead(now: t0) == true)
        // A hangs with its session open. Within its lease, and up to one more, B waits.
        #expect(leadB.tryLead(now: t0.addingTimeInterval(9)) == false)
        // Past that, B ends A's session and leads at its next try.
        #expect(leadB.tryLead(now: t0.addingTimeInterval(11)) == false)
        var led = false
        for i in 0..<20 where !led {
            led = leadB.tryLead(now: t0.addingTimeInterval(12 + Double(i) * 0.1)) == true
            if !led { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(led)
        leadB.resign()
    }

    @Test func stateChangesReachTheOtherNodes() throws {
        let server = try PostgresServer.get()
        let url = try server.newStoreURL()
        let a = try PostgresStore(url: url, password: server.password, nodeID: "a")
        let b = try PostgresStore(url: url, password: server.password, nodeID: "b")
        let heard = ClaimLog()
        try b.listen(state: { heard.add("state", [$0]) }, outbox: { heard.add("outbox", ["new"]) })
        try a.setDone("taakstelling", at: t0)
        try a.snooze("bak-oek", until: t0.addingTimeInterval(3600), at: t0)
        try a.enqueue(deliveries(1), late: false, now: t0)
        // Notifications arrive while B's session is idle or at its next query.
        var waited = 0.0
        while heard.keys("state").count < 2 || heard.keys("outbox").isEmpty, waited < 5 {
            _ = try b.meta("x")
            Thread.sleep(forTimeInterval: 0.05)
            waited += 0.05
        }
        #expect(heard.keys("state") == ["done taakstelling", "snooze bak-oek \(t0.addingTimeInterval(3600).timeIntervalSince1970)"])
        #expect(heard.keys("outbox") == ["new"])
        #expect(StateChange(line: heard.keys("state")[0]) == .done("taakstelling"))
    }

    @Test func aServerThatGoesAwayIsAnErrorAndItsReturnIsNoticed() throws {
        // A server of its own: the shared one serves tests running meanwhile.
        let server = try PostgresServer()
        let url = try server.newStoreURL()
        let a = try PostgresStore(url: url, password: server.password)
        try a.enqueue(deliveries(2), late: false, now: t0)
        try server.command("stop")
        defer { _ = try? server.command("start") }
        #expect {
            _ = try a.deliveryCounts()
        } throws: { error in
            "\(error)".contains("state database postgresql://remindd@127.0.0.1:\(server.port)/\(url.database)")
        }
        try server.command("start")
        #expect(try a.deliveryCounts() == [.pending: 2], "the next call connects again")
    }

    @Test func aWrongPasswordIsRefusedWithoutShowingIt() throws {
        let server = try PostgresServer.get()
        let url = try server.newStoreURL()
        #expect {
            _ = try PostgresStore(url: url, password: "not-the-Password-42")
        } throws: { error in
            let text = "\(error)"
            return text.contains("password authentication failed") && !text.contains("not-the-Password-42")
        }
    }
}

/// Keys collected from several threads.
final class ClaimLog: @unchecked Sendable {
    private let lock = NSLock()
    private var byName: [String: [String]] = [:]

    func add(_ name: String, _ keys: [String]) {
        lock.lock()
        byName[name, default: []] += keys
        lock.unlock()
    }

    func keys(_ name: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return byName[name] ?? []
    }
}
