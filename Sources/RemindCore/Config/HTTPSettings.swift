import Foundation

/// Where the HTTP server listens: `host:port` (`127.0.0.1:8470`, `[::1]:8470`,
/// `localhost:8470`) or `unix:/run/remindd/http.sock`.
public enum ListenAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case unix(path: String)

    public init?(_ s: String) {
        if s.hasPrefix("unix:") {
            let path = String(s.dropFirst(5))
            guard path.hasPrefix("/"), path.utf8.count < 108, !path.hasSuffix("/") else { return nil }
            self = .unix(path: path)
            return
        }
        guard let colon = s.lastIndex(of: ":"), let port = Int(s[s.index(after: colon)...]),
              (1...65535).contains(port) else { return nil }
        var host = String(s[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, host.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x2F && $0 != 0x40 }) else { return nil }
        self = .tcp(host: host, port: port)
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): return "unix:\(path)"
        }
    }
}

/// `http:`: the embedded server (off without `listen`), the base of links in messages,
/// and the files holding the API's bearer tokens.
public struct HTTPSettings: Sendable, Hashable, Codable {
    public var listen: ListenAddress?
    /// `https://remindd.example.org` (no trailing slash): links in messages start with it.
    public var publicURL: String?
    public var readTokenFile: String?
    public var writeTokenFile: String?

    public init(listen: ListenAddress? = nil, publicURL: String? = nil, readTokenFile: String? = nil,
                writeTokenFile: String? = nil) {
        self.listen = listen
        self.publicURL = publicURL
        self.readTokenFile = readTokenFile
        self.writeTokenFile = writeTokenFile
    }
}

/// `links:`: action links in reminders, signed with the keys of `key_file`.
public struct LinkSettings: Sendable, Hashable, Codable {
    public var keyFile: String
    /// A link expires this long after the later of the item's deadline and the reminder's
    /// moment.
    public var validForSeconds: Double
    /// The snooze choices a reminder offers, as written (`2d`, `1w`).
    public var snooze: [DurationSpec]

    public static let defaultSnooze = [DurationSpec(2, .days), DurationSpec(1, .weeks)]

    public init(keyFile: String, validForSeconds: Double = 14 * 86_400, snooze: [DurationSpec] = LinkSettings.defaultSnooze) {
        self.keyFile = keyFile
        self.validForSeconds = validForSeconds
        self.snooze = snooze
    }
}
