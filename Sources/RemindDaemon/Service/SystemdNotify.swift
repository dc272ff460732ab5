import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd how the daemon is doing (`sd_notify(3)`), for `Type=notify`: when it is
/// ready, reloading or stopping, a status line for `systemctl status`, and watchdog pings.
///
/// Why no libsystemd: the protocol is one datagram of `KEY=VALUE` lines to the socket in
/// `$NOTIFY_SOCKET`, and linking libsystemd for that would be a dependency for nothing.
/// Without `NOTIFY_SOCKET` (not under systemd, or in tests) every call is a no-op that
/// returns false.
public struct SystemdNotifier: Sendable {
    /// The socket to notify (`@name` for an abstract one); nil when not under systemd.
    public let socketPath: String?
    private let watchdogUSec: UInt64?
    private let watchdogPID: Int32?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        watchdogUSec = environment["WATCHDOG_USEC"].flatMap { UInt64($0) }.flatMap { $0 == 0 ? nil : $0 }
        watchdogPID = environment["WATCHDOG_PID"].flatMap { Int32($0) }
    }

    public var isEnabled: Bool { socketPath != nil }

    /// Everything is set up and the first timers are armed.
    @discardableResult
    public func ready(status: String? = nil) -> Bool {
        send(["READY=1"] + (status.map { ["STATUS=" + Self.oneLine($0)] } ?? []))
    }

    /// A reload begins (SIGHUP). systemd expects the monotonic time with it; follow with
    /// `ready()` when the reload is done, whether the new config was taken or refused.
    @discardableResult
    public func reloading(monotonicMicroseconds: UInt64 = SystemdNotifier.monotonicMicroseconds()) -> Bool {
        send(["RELOADING=1", "MONOTONIC_USEC=\(monotonicMicroseconds)"])
    }

    /// Free-form status for `systemctl status` (items, next reminder).
    @discardableResult
    public func status(_ text: String) -> Bool {
        send(["STATUS=" + Self.oneLine(text)])
    }

    @discardableResult
    public func stopping() -> Bool { send(["STOPPING=1"]) }

    /// "Still alive": to be sent every `watchdogInterval`.
    @discardableResult
    public func watchdog() -> Bool { send(["WATCHDOG=1"]) }

    /// How often to send `watchdog()`: half of `WATCHDOG_USEC`, as sd_watchdog_enabled(3)
    /// advises. Nil when systemd asked for no watchdog, or asked another process
    /// (`WATCHDOG_PID` set to a pid that is not ours).
    public func watchdogInterval(pid: Int32 = getpid()) -> TimeInterval? {
        guard let usec = watchdogUSec, watchdogPID == nil || watchdogPID == pid else { return nil }
        return Double(usec) / 2 / 1_000_000
    }

    /// Sends the assignments as one datagram, without waiting: a notify socket whose reader
    /// has stopped reading (its buffer full) loses a message instead of stopping the queue
    /// that sends it. Returns whether it was sent.
    @discardableResult
    public func send(_ assignments: [String]) -> Bool {
        guard let socketPath, !socketPath.hasPrefix("vsock:"),
              let address = try? UnixSocketAddress(path: socketPath, abstractAllowed: true)
        else { return false }
        let fd = socket(AF_UNIX, Self.datagramType, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let message = Array((assignments.joined(separator: "\n") + "\n").utf8)
        let sent = message.withUnsafeBytes { bytes in
            address.withSockAddr { sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT), $0, $1) }
        }
        return sent == message.count
    }

    /// CLOCK_MONOTONIC in microseconds, the clock systemd compares `MONOTONIC_USEC` with.
    public static func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1_000
    }

    /// A value is one line of the datagram: a newline in it would start a new assignment.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    #if canImport(Glibc)
    static let datagramType = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
    static let datagramType = SOCK_DGRAM
    #endif
}
