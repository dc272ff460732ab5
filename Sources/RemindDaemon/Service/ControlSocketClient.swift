#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command side of the control socket.
///
/// Why it returns nil instead of throwing: state-changing commands work with or without a
/// running daemon (the change is in SQLite either way). "No daemon listening" is the
/// ordinary case, not an error to print.
public enum ControlClient {
    /// Sends one request line and returns the daemon's one-line answer, or nil when no
    /// daemon listens at `path`, it does not answer within `timeout` seconds, or `line`
    /// holds a CR or LF (it could not travel as one request).
    public static func send(path: String, line: String, timeout: Double = 2) -> String? {
        guard !line.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }),
              let address = try? UnixSocketAddress(path: path)
        else { return nil }
        let fd = socket(AF_UNIX, ControlSocketServer.streamType, 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        SocketIO.setTimeouts(fd, seconds: timeout)
        guard address.withSockAddr({ connect(fd, $0, $1) }) == 0,
              SocketIO.writeAll(fd, line + "\n")
        else { return nil }
        _ = shutdown(fd, Int32(SHUT_WR))
        guard case .line(let answer)? = SocketIO.readLine(fd, limit: ControlSocketServer.maxRequestBytes) else {
            return nil
        }
        return answer
    }
}
