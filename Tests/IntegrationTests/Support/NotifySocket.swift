import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bound datagram socket standing in for systemd's `$NOTIFY_SOCKET`.
final class NotifySocket {
    let fd: Int32
    let path: String
    private(set) var received: [String] = []

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw IntegrationError("socket(AF_UNIX, SOCK_DGRAM) failed") }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { throw IntegrationError("socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
        }
        guard ok else { throw IntegrationError("cannot bind \(path): errno \(errno)") }
    }

    deinit { close(fd) }

    /// Reads every datagram waiting now, appends them to `received` and returns them all.
    @discardableResult
    func drain() -> [String] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n <= 0 { break }
            received.append(String(decoding: buffer[0..<n], as: UTF8.self))
        }
        return received
    }

    /// Waits for a datagram with a line `assignment` (such as `READY=1`) after the first
    /// `after` datagrams; returns that datagram.
    func wait(for assignment: String, after: Int = 0, timeout: Double = 15) async throws -> String {
        try await Poll.until("\(assignment) on the notify socket", timeout: timeout,
                             context: { "received: \(self.received)" }) {
            drain().dropFirst(after).first { $0.split(separator: "\n").contains { $0 == assignment } }
        }
    }
}
