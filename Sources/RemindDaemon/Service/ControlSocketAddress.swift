#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Unix-domain socket address (`sockaddr_un`), for the control socket and for
/// `$NOTIFY_SOCKET`. With `abstractAllowed`, a leading `@` names an abstract socket
/// (Linux), as systemd writes it in `$NOTIFY_SOCKET`.
///
/// Why a type of its own: `sun_path` holds 108 bytes including the terminating NUL, and a
/// longer path would be silently cut by a careless copy, binding or reaching the wrong
/// file. Here it is refused with the path in the error.
struct UnixSocketAddress {
    static var pathCapacity: Int { MemoryLayout.size(ofValue: sockaddr_un().sun_path) }

    private(set) var storage = sockaddr_un()
    private(set) var length: socklen_t

    init(path: String, abstractAllowed: Bool = false) throws(ControlSocketError) {
        var bytes = Array(path.utf8)
        let abstract = abstractAllowed && bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        let needed = abstract ? bytes.count : bytes.count + 1 // a filesystem path needs its NUL
        guard !bytes.isEmpty, !(abstract && bytes.count == 1) else { throw .invalidPath(path) }
        guard !abstract ? !bytes.contains(0) : !bytes.dropFirst().contains(0) else { throw .invalidPath(path) }
        guard needed <= Self.pathCapacity else {
            throw .pathTooLong(path: path, limit: Self.pathCapacity - 1)
        }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let offset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
        length = socklen_t(offset + (abstract ? bytes.count : bytes.count + 1))
    }

    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        withUnsafePointer(to: storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}

/// Why a control or notify socket could not be used. Messages name the path and the
/// failing call; nothing else goes into them.
public enum ControlSocketError: Error, CustomStringConvertible, Equatable {
    /// `sun_path` is 108 bytes: such a path cannot be bound or reached at all.
    case pathTooLong(path: String, limit: Int)
    case invalidPath(String)
    /// Another daemon answers on this socket (two daemons on one state file).
    case inUse(path: String)
    /// Something other than a socket is in the way; it is not removed.
    case notASocket(path: String)
    case system(call: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case let .pathTooLong(path, limit):
            return "control socket path is \(path.utf8.count) bytes, longer than the \(limit) a Unix socket allows: \(path)"
        case let .invalidPath(path):
            return "not a usable Unix socket path: \(path.debugDescription)"
        case let .inUse(path):
            return "another remindd is already listening on \(path)"
        case let .notASocket(path):
            return "\(path) exists and is not a socket; not replacing it"
        case let .system(call, path, code):
            return "\(call) \(path): \(String(cString: strerror(code)))"
        }
    }
}
