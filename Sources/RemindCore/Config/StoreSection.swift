import Foundation

/// `store:` (DESIGN "Scale-out"): the state in PostgreSQL, shared by several daemons.
/// Without it the state is the SQLite file `state:`.
public struct StoreSection: Sendable, Hashable, Codable {
    /// `postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=disable|require|verify-full]`, never
    /// with a password in it.
    public var url: String
    public var passwordFile: String?
    public var passwordEnv: String?

    public init(url: String) { self.url = url }
}

/// A `store.url` taken apart. Parsing is pure and says what is wrong in words a config's
/// author can act on; it never repeats a password found in the URL.
public struct StoreURL: Sendable, Hashable, CustomStringConvertible {
    public enum TLS: String, Sendable, Hashable {
        /// Plain TCP: only to a loopback host.
        case disable
        /// TLS, the server's certificate not checked against a trust store.
        case require
        /// TLS with the certificate checked against the system's trust store and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLS

    public static let schemes = ["postgresql", "postgres"]

    /// - Throws: a message for the config's author.
    public init(_ text: String) throws(StoreURLError) {
        guard text.utf8.count <= 2048, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw StoreURLError("store.url must be a postgresql:// URL of printable ASCII without spaces")
        }
        guard let schemeEnd = text.range(of: "://"),
              Self.schemes.contains(text[..<schemeEnd.lowerBound].lowercased()) else {
            throw StoreURLError("store.url must start with postgresql:// (e.g. postgresql://remindd@db.example.org/remindd)")
        }
        guard let parts = URLComponents(string: text) else {
            throw StoreURLError("store.url is not a valid URL")
        }
        if parts.password != nil || parts.percentEncodedPassword != nil {
            throw StoreURLError("store.url must not hold a password: put it in store.password_file or store.password_env")
        }
        guard let user = parts.user, !user.isEmpty else {
            throw StoreURLError("store.url needs a user name (postgresql://USER@HOST/DATABASE)")
        }
        guard var host = parts.host, !host.isEmpty else {
            throw StoreURLError("store.url needs a host (postgresql://USER@HOST/DATABASE)")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreURLError("store.url needs a database name after the host (postgresql://USER@HOST/DATABASE)")
        }
        let port = parts.port ?? 5432
        guard (1...65535).contains(port) else { throw StoreURLError("store.url has a port outside 1-65535") }
        let loopback = Loopback.isLoopbackHost(host)
        var tls: TLS = loopback ? .disable : .verifyFull
        for q in parts.queryItems ?? [] {
            switch q.name {
            case "sslmode":
                guard let v = q.value, let t = TLS(rawValue: v) else {
                    throw StoreURLError("store.url: sslmode must be disable, require or verify-full, found '\(q.value ?? "")'")
                }
                tls = t
            default:
                throw StoreURLError("store.url: unknown parameter '\(q.name)' (only sslmode is read)")
            }
        }
        if tls == .disable && !loopback {
            throw StoreURLError("store.url: sslmode=disable only for a loopback host; \(host) is reached over the network")
        }
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// The URL as the config gives it (it holds no password), for logs and `status`.
    public var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "postgresql://\(user)@\(h):\(port)/\(database)"
    }
}

public struct StoreURLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
