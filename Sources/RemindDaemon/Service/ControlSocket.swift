import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The daemon's end of the control socket: `remindd done|reopen|snooze|event` write the
/// store and then tell a running daemon over this socket, so it re-plans within a second
/// instead of at its next timer.
///
/// Protocol: one request line in, one response line out, then the connection closes. The
/// socket file is mode 0600 (only the daemon's user, and root, may talk to it). Requests
/// are served one at a time on the server's own queue; each read and write has a short
/// timeout, so a client that connects and says nothing cannot stall the daemon.
///
/// Under systemd the socket lives in the runtime directory, but a `remindd done` typed by
/// an administrator has no `$RUNTIME_DIRECTORY` and looks beside the state file. An
/// `alias` symlink there (see `ControlSocketPath.alias`) lets both find the daemon.
public final class ControlSocketServer: @unchecked Sendable {
    /// Longest request accepted; longer ones are answered with an error.
    public static let maxRequestBytes = 64 * 1024

    public let path: String
    /// A symlink to `path`, made at start and removed at stop.
    public let alias: String?
    private let fd: Int32
    private let inode: ino_t
    private let source: DispatchSourceRead
    private let handler: @Sendable (String) -> String
    private let ioTimeout: Double
    private let lock = NSLock()
    private var stopped = false

    /// Binds and listens at `path` and starts serving on `queue` (a private serial queue
    /// by default). A stale socket file left by a crashed daemon is replaced; a live one
    /// (another daemon answering) or a non-socket file at `path` is an error. The same
    /// holds for `alias`, where a symlink to `path` is made.
    public init(path: String, alias: String? = nil, queue: DispatchQueue? = nil, ioTimeout: Double = 1,
                handler: @escaping @Sendable (String) -> String) throws(ControlSocketError) {
        let address = try UnixSocketAddress(path: path)
        try Self.clearStale(path: path, address: address)
        if let alias { try Self.clearStale(path: alias, address: try UnixSocketAddress(path: alias)) }

        let fd = socket(AF_UNIX, Self.streamType, 0)
        guard fd >= 0 else { throw .system(call: "socket", path: path, errno: errno) }
        let bound = address.withSockAddr { bind(fd, $0, $1) }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw code == EADDRINUSE ? .inUse(path: path) : .system(call: "bind", path: path, errno: code)
        }
        var info = stat()
        guard chmod(path, 0o600) == 0, lstat(path, &info) == 0 else {
            let code = errno
            close(fd)
            unlink(path)
            throw .system(call: "chmod", path: path, errno: code)
        }
        guard listen(fd, 16) == 0, fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 else {
            let code = errno
            close(fd)
            unlink(path)
            throw .system(call: "listen", path: path, errno: code)
        }
        if let alias, symlink(path, alias) != 0 {
            let code = errno
            close(fd)
            unlink(path)
            throw .system(call: "symlink", path: alias, errno: code)
        }
        self.path = path
        self.alias = alias
        self.fd = fd
        self.inode = info.st_ino
        self.handler = handler
        self.ioTimeout = ioTimeout
        let queue = queue ?? DispatchQueue(label: "remindd.control")
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.acceptAll() }
        source.setCancelHandler { close(fd) }
        source.resume()
    }

    deinit { stop() }

    /// Stops listening and removes the socket file (if it is still ours). Idempotent.
    public func stop() {
        let first: Bool = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        source.cancel()
        var info = stat()
        if lstat(path, &info) == 0, info.st_ino == inode { unlink(path) }
        if let alias, Self.readLink(alias) == path { unlink(alias) }
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func acceptAll() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { return } // EAGAIN: drained; other errors: next event retries
            serve(client)
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) & ~O_NONBLOCK)
        SocketIO.setTimeouts(client, seconds: ioTimeout)
        guard let request = SocketIO.readLine(client, limit: Self.maxRequestBytes) else { return }
        let response: String
        switch request {
        case .line(let line): response = handler(line)
        case .tooLong: response = "error request too long"
        }
        SocketIO.writeAll(client, SocketIO.oneLine(response) + "\n")
    }

    /// Removes a socket file (or a symlink) nobody answers on; refuses to touch anything
    /// else.
    private static func clearStale(path: String, address: UnixSocketAddress) throws(ControlSocketError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let type = info.st_mode & S_IFMT
        guard type == S_IFSOCK || type == S_IFLNK else { throw .notASocket(path: path) }
        let probe = socket(AF_UNIX, streamType, 0)
        guard probe >= 0 else { throw .system(call: "socket", path: path, errno: errno) }
        let connected = address.withSockAddr { connect(probe, $0, $1) } == 0
        close(probe)
        if connected { throw .inUse(path: path) }
        guard unlink(path) == 0 || errno == ENOENT else { throw .system(call: "unlink", path: path, errno: errno) }
    }

    #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
    static let streamType = SOCK_STREAM
    #endif
}
