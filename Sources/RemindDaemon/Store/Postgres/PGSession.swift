import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import RemindCore

/// One PostgreSQL session used synchronously: the store's calls come from dispatch queues
/// and the daemon's tasks, never from this session's event loop, and wait for each result.
/// Calls are serialised on the session (as SQLite serialises writers); a transaction holds
/// the session from BEGIN to COMMIT. A session that broke (server restarted, network gone)
/// is opened again by the next call; a call that fails meanwhile throws `StoreError`, and
/// the caller's next round tries again.
final class PGSession: @unchecked Sendable {
    let settings: PGSettings
    private let group: MultiThreadedEventLoopGroup
    private let lock = NSLock()
    private var connection: PostgresConnection?
    let logger: Logger
    /// Called on the session's event loop for every NOTIFY on a channel listened to.
    private var listeners: [(channel: String, handler: @Sendable (String) -> Void)] = []
    /// Runs after every new connection, before its first query (session settings, LISTEN).
    var onConnect: ((PGSession) throws -> Void)?

    init(settings: PGSettings, logger: Logger) {
        self.settings = settings
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var l = logger
        // postgres-nio logs every query at debug/trace with its binds; the store logs its own failures.
        l.logLevel = max(logger.logLevel, .notice)
        self.logger = l
    }

    deinit {
        try? connection?.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// Connects now (or throws why not): what start-up and `check --connect` call.
    func connect() throws {
        lock.lock()
        defer { lock.unlock() }
        _ = try open()
    }

    /// Whether the session is connected now, without trying.
    var isConnected: Bool {
        lock.lock()
        defer { lock.unlock() }
        return connection.map { !$0.isClosed } ?? false
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        try? connection?.close().wait()
        connection = nil
    }

    /// Runs `sql` (`$1`, `$2` … for `binds`) and returns its rows and the rows it changed.
    @discardableResult
    func query(_ sql: String, _ binds: [PGValue] = []) throws -> PGResult {
        lock.lock()
        defer { lock.unlock() }
        return try run(sql, binds)
    }

    /// Runs `body` in one transaction on this session; rolls back when it throws.
    func transaction<T>(_ body: (PGTransaction) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try run("BEGIN", [])
        do {
            let value = try body(PGTransaction(session: self))
            try run("COMMIT", [])
            return value
        } catch {
            _ = try? run("ROLLBACK", [])
            throw error
        }
    }

    /// Listens on `channel` from now on, also after a reconnect.
    func listen(_ channel: String, handler: @escaping @Sendable (String) -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        listeners.append((channel, handler))
        let c = try open()
        attach(channel, handler, to: c)
        try run("LISTEN \(channel)", [])
    }

    private func attach(_ channel: String, _ handler: @escaping @Sendable (String) -> Void, to c: PostgresConnection) {
        _ = c.addListener(channel: channel) { _, note in handler(note.payload) }
    }

    /// With the lock held.
    fileprivate func run(_ sql: String, _ binds: [PGValue]) throws -> PGResult {
        let c = try open()
        var bindings = PostgresBindings(capacity: binds.count)
        for b in binds { try b.append(to: &bindings) }
        do {
            let result = try c.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).wait()
            return PGResult(rows: result.rows, changed: result.metadata.rows ?? 0)
        } catch {
            if c.isClosed { connection = nil }
            throw StoreError.database(location: settings.url.description, reason: PGSession.describe(error))
        }
    }

    /// With the lock held: the open connection, or a new one.
    private func open() throws -> PostgresConnection {
        if let c = connection, !c.isClosed { return c }
        connection = nil
        let c: PostgresConnection
        do {
            c = try PostgresConnection.connect(on: group.next(), configuration: try settings.configuration(),
                                               id: 1, logger: logger).wait()
        } catch {
            throw StoreError.cannotOpen(path: settings.url.description, reason: PGSession.describe(error))
        }
        connection = c
        do {
            // Instants are unix seconds in DOUBLE PRECISION columns, as in SQLite; the
            // session's zone only matters for what an operator types into psql.
            _ = try c.query(PostgresQuery(unsafeSQL: "SET TIME ZONE 'UTC'"), logger: logger).wait()
            for l in listeners {
                attach(l.channel, l.handler, to: c)
                _ = try c.query(PostgresQuery(unsafeSQL: "LISTEN \(l.channel)"), logger: logger).wait()
            }
            try onConnect?(self)
        } catch {
            connection = nil
            try? c.close().wait()
            throw StoreError.cannotOpen(path: settings.url.description, reason: PGSession.describe(error))
        }
        return c
    }

    /// What went wrong, in the server's words where it gave some; never a password or a bind.
    static func describe(_ error: any Error) -> String {
        if let e = error as? StoreError { return e.description }
        if let p = error as? PSQLError {
            if let message = p.serverInfo?[.message] {
                let state = p.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            if let u = p.underlying { return "\(p.code): \(describeUnderlying(u))" }
            return "\(p.code)"
        }
        return describeUnderlying(error)
    }

    private static func describeUnderlying(_ error: any Error) -> String {
        if let io = error as? IOError { return io.description }
        if let s = error as? NIOSSLError { return "TLS: \(s)" }
        if let b = error as? BoringSSLError { return "TLS: \(b)" }
        return String(describing: error)
    }
}

/// The session inside a transaction: queries on it go to the same BEGIN … COMMIT.
struct PGTransaction {
    let session: PGSession

    @discardableResult
    func query(_ sql: String, _ binds: [PGValue] = []) throws -> PGResult {
        try session.run(sql, binds)
    }
}

/// A bind of a query.
enum PGValue {
    case text(String?)
    case double(Double?)
    case int(Int64?)
    case texts([String])

    func append(to b: inout PostgresBindings) throws {
        switch self {
        case .text(let v): try b.append(v)
        case .double(let v): try b.append(v)
        case .int(let v): try b.append(v)
        case .texts(let v): try b.append(v)
        }
    }
}

extension PGValue {
    static func date(_ v: Date?) -> PGValue { .double(v?.timeIntervalSince1970) }
    static func int(_ v: Int) -> PGValue { .int(Int64(v)) }
}

/// A query's rows and how many rows it changed.
struct PGResult {
    var rows: [PostgresRow]
    var changed: Int

    var first: PGRow? { rows.first.map(PGRow.init) }
    var all: [PGRow] { rows.map(PGRow.init) }
}

/// A row read by column position.
struct PGRow: StoreColumns {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    func string(_ i: Int) throws -> String { try row[i].decode(String.self) }
    func optionalString(_ i: Int) throws -> String? { try row[i].decode(String?.self) }
    func double(_ i: Int) throws -> Double { try row[i].decode(Double.self) }
    func optionalDouble(_ i: Int) throws -> Double? { try row[i].decode(Double?.self) }
    func int(_ i: Int) throws -> Int { Int(try row[i].decode(Int64.self)) }
    func optionalInt(_ i: Int) throws -> Int? { try row[i].decode(Int64?.self).map(Int.init) }
    func bool(_ i: Int) throws -> Bool { try row[i].decode(Bool.self) }
}

/// How to reach the server: the parsed `store.url` and the password.
struct PGSettings: Sendable {
    var url: StoreURL
    var password: String?
    var connectTimeout: TimeInterval = 5

    func configuration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch url.tls {
        case .disable:
            tls = .disable
        case .require, .verifyFull:
            var c = TLSConfiguration.makeClientConfiguration()
            if url.tls == .require { c.certificateVerification = .none }
            tls = .require(try NIOSSLContext(configuration: c))
        }
        var config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                      password: password, database: url.database, tls: tls)
        config.options.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        if url.tls == .verifyFull { config.options.tlsServerName = url.host }
        return config
    }
}
