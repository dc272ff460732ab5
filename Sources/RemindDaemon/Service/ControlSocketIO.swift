#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking line I/O on a connected socket with timeouts, shared by both ends of the
/// control socket.
enum SocketIO {
    enum Request: Equatable {
        case line(String)
        case tooLong
    }

    static func setTimeouts(_ fd: Int32, seconds: Double) {
        let whole = Int(seconds)
        var tv = timeval(tv_sec: whole, tv_usec: suseconds_t((seconds - Double(whole)) * 1_000_000))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Reads up to the first LF (dropping it and a CR before it). Returns what arrived
    /// before end-of-file if there was no LF; nil when nothing arrived or on timeout.
    static func readLine(_ fd: Int32, limit: Int) -> Request? {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            if let lf = chunk[0..<n].firstIndex(of: 0x0A) {
                data += chunk[0..<lf]
                if data.count > limit { return .tooLong }
                return .line(text(data))
            }
            data += chunk[0..<n]
            if data.count > limit { return .tooLong }
        }
        return data.isEmpty ? nil : .line(text(data))
    }

    private static func text(_ bytes: [UInt8]) -> String {
        var bytes = bytes[...]
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes everything or gives up on error or timeout. Returns whether all was written.
    @discardableResult
    static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// A response must stay one line: CR and LF inside it become spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
