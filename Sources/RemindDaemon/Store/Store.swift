import Foundation
import GRDB

/// The daemon's durable memory: item states, recorded events and the delivery outbox, in
/// one SQLite file.
///
/// Why one SQLite file: the outbox row is the truth about a delivery. It is written before
/// the attempt and updated after it, so a crash anywhere loses nothing (DESIGN "Delivery
/// guarantees"). WAL with `synchronous=NORMAL` keeps commits cheap enough that the hot
/// path never waits for an fsync per delivery, and the batch APIs write one transaction
/// per batch.
///
/// Thread-safe: every method may be called from any thread or queue. Reads run
/// concurrently with the single writer (a `DatabasePool` for files).
public final class Store: Sendable {
    /// Where the database lives; `nil` for an in-memory store.
    public let path: String?
    let writer: any DatabaseWriter

    /// Opens (or creates) the database at `path`, creating missing parent folders, and
    /// brings its schema up to date.
    public init(path: String, busyTimeout: TimeInterval = 5) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "cannot create folder \(folder.path): \(Self.describe(error))")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: Store.configuration(busyTimeout: busyTimeout))
            self.path = path
            self.writer = pool
            try StoreSchema.migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Self.describe(error))
        }
    }

    /// A private in-memory store for tests and one-shot tools. Not WAL (memory has no
    /// journal file), otherwise the same schema and behaviour.
    public static func inMemory() throws -> Store {
        try Store(memory: DatabaseQueue(configuration: configuration(busyTimeout: 1)))
    }

    private init(memory queue: DatabaseQueue) throws {
        self.path = nil
        self.writer = queue
        try StoreSchema.migrator.migrate(queue)
    }

    static func configuration(busyTimeout: TimeInterval) -> Configuration {
        var config = Configuration()
        // Another process (a `remindd done` next to the running daemon) may hold the write
        // lock for a moment: wait for it instead of failing.
        config.busyMode = .timeout(busyTimeout)
        config.label = "remindd.store"
        // GRDB's queues default to user-initiated, which libdispatch on Linux turns into
        // nice -2 for their worker threads: a service may not raise its priority, and every
        // new worker thread logged the refusal. The default class asks for nice 0.
        config.qos = .default
        // Readers stay open, so `releaseMemory()` empties their caches in place: closing
        // them goes through GRDB's barrier on a concurrent queue, which starts libdispatch's
        // once-a-second pool monitor and the daemon would never sleep again.
        config.persistentReadOnlyConnections = true
        config.prepareDatabase { db in
            // GRDB sets this for WAL pools already; say it explicitly, it is a guarantee
            // the outbox relies on (durable across process crashes, cheap commits).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// Gives back SQLite's page caches, cached statements and idle reader connections.
    /// After start-up has checked every past reminder against the outbox they hold
    /// megabytes the daemon does not need between reminders; what is needed later is read
    /// again (from the operating system's file cache) and cached again.
    public func releaseMemory() {
        if let pool = writer as? DatabasePool {
            pool.releaseMemory()
        } else if let queue = writer as? DatabaseQueue {
            queue.releaseMemory()
        }
    }

    /// The SQLite journal mode in force (`wal` for a file store).
    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Throws when the state file cannot be written now (read-only, disk full, locked).
    public func checkWritable() throws {
        try writer.write { db in try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('ready_check', '1')") }
    }

    /// The schema migrations applied so far, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try StoreSchema.migrator.appliedMigrations(db) }
    }

    static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError {
            return db.message ?? "SQLite error \(db.resultCode.rawValue)"
        }
        return String(describing: error)
    }
}

extension Store: StateStore {
    public var location: String { path ?? ":memory:" }
}

/// Why the store could not do what was asked. Messages name the file, never row contents.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case corruptRow(key: String, reason: String)
    /// A statement the database refused, or a connection lost during it.
    case database(location: String, reason: String)
    /// The database was written by a newer remindd: this one does not know its schema.
    case newerSchema(location: String, migration: String)

    public var description: String {
        switch self {
        case let .database(location, reason): return "state database \(location): \(reason)"
        case let .newerSchema(location, migration):
            return "the state database \(location) has a newer schema (migration '\(migration)') than this remindd knows; upgrade remindd on this node"
        case let .cannotOpen(path, reason): return "cannot open state database \(path): \(reason)"
        case let .corruptRow(key, reason): return "unreadable delivery \(key) in the state database: \(reason)"
        }
    }
}
