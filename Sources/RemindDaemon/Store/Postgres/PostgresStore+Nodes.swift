import Foundation
import RemindCore

/// The nodes sharing one PostgreSQL store and the one that leads (DESIGN "Scale-out"):
/// every node writes a heartbeat; the leader holds a session-level advisory lock on a
/// session of its own, and a lease row it renews, so `status` can show who leads and until
/// when. A leader that dies loses the lock with its session; one that hangs while its session
/// stays open loses it when its lease has run out: the next candidate ends that session.
extension PostgresStore {
    /// One node as the `node` table shows it.
    public struct Node: Sendable, Hashable {
        public var id: String
        public var host: String
        public var pid: Int
        public var startedAt: Date
        public var lastSeen: Date
    }

    /// The leader's lease as recorded.
    public struct Lease: Sendable, Hashable {
        public var node: String
        public var until: Date

        public init(node: String, until: Date) {
            self.node = node
            self.until = until
        }
    }

    /// The advisory lock key of leadership ("remindd-lead").
    static let leaderLock: Int64 = 0x72656D2D6C656164

    /// Records that this node is alive at `now`; also forgets nodes silent for a day.
    public func heartbeat(now: Date) throws {
        try session.transaction { t in
            try Self.touchNode(t, nodeID, now: now)
            try t.query("DELETE FROM node WHERE last_seen < $1", [.date(now.addingTimeInterval(-86_400))])
        }
    }

    /// Every node seen in the last day, the most recently started first.
    public func nodes() throws -> [Node] {
        try session.query("SELECT id, host, pid, started_at, last_seen FROM node ORDER BY started_at DESC, id").all.map {
            Node(id: try $0.string(0), host: try $0.string(1), pid: try $0.int(2), startedAt: try $0.date(3), lastSeen: try $0.date(4))
        }
    }

    public func lease() throws -> Lease? {
        try session.query("SELECT node, lease_until FROM leader WHERE one = 1").first.map {
            Lease(node: try $0.string(0), until: try $0.date(1))
        }
    }

    /// Removes this node from the table at a clean stop, so `status` does not show it.
    public func leave() throws {
        try session.query("DELETE FROM node WHERE id = $1", [.text(nodeID)])
        try session.query("DELETE FROM leader WHERE node = $1", [.text(nodeID)])
    }

    /// Tells every node (and this one) that item states changed: the leader plans again.
    static func notifyState(_ t: PGTransaction, _ line: String) throws {
        try t.query("SELECT pg_notify('remindd_state', $1)", [.text(String(line.prefix(7000)))])
    }

    /// Tells every node that deliveries were written: their workers look for due rows.
    func notifyOutbox(_ t: PGTransaction) throws {
        try t.query("SELECT pg_notify('remindd_outbox', '')")
    }

    /// Calls `handler` with the payload of every state change any node or command writes
    /// (`done ID`, `snooze ID SECONDS`, …), and `outbox` when deliveries were written.
    public func listen(state: @escaping @Sendable (String) -> Void, outbox: @escaping @Sendable () -> Void) throws {
        try session.listen("remindd_state", handler: state)
        try session.listen("remindd_outbox") { _ in outbox() }
    }
}

/// Leadership among the nodes of one store: a session of its own holding the advisory
/// lock. `tryLead` is called every second by every node; it returns whether this node
/// leads now (and renews the lease when it does).
public final class PostgresLeadership: @unchecked Sendable {
    let session: PGSession
    let nodeID: String
    private var held = false
    /// How long a lease lasts without renewal.
    public let leaseSeconds: TimeInterval

    public init(store: PostgresStore, leaseSeconds: TimeInterval = 5) {
        session = PGSession(settings: store.session.settings, logger: store.session.logger)
        nodeID = store.nodeID
        self.leaseSeconds = leaseSeconds
    }

    /// Whether this node leads after this call; nil when the database could not be asked
    /// (unreachable): then nobody can have taken the lead meanwhile, and a leader keeps its
    /// timers until it knows. A lost session is a lost lock: the next call tries to lead
    /// again on a new session.
    public func tryLead(now: Date) -> Bool? {
        if let answer = attempt(now: now) { return answer }
        // The session broke (ended by the server, or the network): once more on a new one.
        return attempt(now: now)
    }

    private func attempt(now: Date) -> Bool? {
        do {
            if held && !session.isConnected { held = false }
            if !held {
                held = try session.query("SELECT pg_try_advisory_lock($1)", [.int(PostgresStore.leaderLock)])
                    .first?.bool(0) ?? false
                if !held { try endStaleLeader(now: now) }
            }
            guard held else { return false }
            try session.query("""
                INSERT INTO leader (one, node, lease_until) VALUES (1, $1, $2)
                ON CONFLICT (one) DO UPDATE SET node = excluded.node, lease_until = excluded.lease_until
                """, [.text(nodeID), .date(now.addingTimeInterval(leaseSeconds))])
            return true
        } catch {
            held = false
            session.close()
            return nil
        }
    }

    /// The lock is held but its holder stopped renewing the lease: its session is ended,
    /// so the lock is free at the next try. Only a lease older than twice its length counts.
    private func endStaleLeader(now: Date) throws {
        guard let row = try session.query("SELECT node, lease_until FROM leader WHERE one = 1").first else { return }
        let until = try row.date(1)
        guard now.timeIntervalSince(until) > leaseSeconds else { return }
        try session.query("""
            SELECT pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = $1
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND pid <> pg_backend_pid()
            """, [.int(PostgresStore.leaderLock)])
    }

    /// Gives leadership up (a clean stop): the next node takes over at its next try.
    public func resign() {
        if held { _ = try? session.query("SELECT pg_advisory_unlock_all()") }
        held = false
        session.close()
    }
}
