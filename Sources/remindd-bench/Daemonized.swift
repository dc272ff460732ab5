import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket in the role systemd plays for `Type=notify`: the daemon sends
/// `READY=1` to it once its timers are armed.
final class NotifySocket {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket: errno \(errno)") }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { throw BenchError("socket path too long") }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { throw BenchError("bind \(path): errno \(errno)") }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Waits until a datagram holding `READY=1` arrives; false on timeout.
    func waitReady(timeout: Double) -> Bool {
        let end = monotonicSeconds() + timeout
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = end - monotonicSeconds()
            guard left > 0 else { return false }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { continue }
            let text = String(decoding: buffer[0..<n], as: UTF8.self)
            if text.split(separator: "\n").contains("READY=1") { return true }
        }
    }
}

/// `remindd run` as a child process, its output to a log file.
final class DaemonProcess {
    let pid: pid_t

    init(executable: String, arguments: [String], environment: [String: String], log: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, nil, argv, envp)
        guard rc == 0 else { throw BenchError("cannot start \(executable): error \(rc)") }
        pid = child
    }

    /// SIGTERM and wait; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status
    }

    /// Resident memory now, in MiB (`VmRSS`).
    /// `VmRSS`, or another line of /proc/PID/status in kB (`RssAnon`: the heap and stacks,
    /// without the mapped code of the executable and its libraries).
    func residentMiB(_ field: String = "VmRSS") -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first
            return kb.map { $0 / 1024 }
        }
        return nil
    }

    /// Context switches (voluntary and not) of each thread, by thread id: each one is a
    /// thread that went to sleep or was woken.
    func contextSwitches() -> [Int: Int] {
        let dir = "/proc/\(pid)/task"
        var out: [Int: Int] = [:]
        for t in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            guard let tid = Int(t), let text = try? String(contentsOfFile: "\(dir)/\(t)/status", encoding: .utf8) else { continue }
            var total = 0
            for line in text.split(separator: "\n") where line.contains("ctxt_switches:") {
                total += Int(line.split(separator: "\t").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "") ?? 0
            }
            out[tid] = total
        }
        return out
    }

    /// Wake-ups between two `contextSwitches()` samples: the growth of threads that lived
    /// through both, all of a thread that appeared, and one for a thread that ended.
    static func wakeups(from before: [Int: Int], to after: [Int: Int]) -> Int {
        var n = 0
        for (tid, count) in after { n += count - (before[tid] ?? 0) }
        n += before.keys.filter { after[$0] == nil }.count
        return n
    }
}

/// The process environment minus what would change the daemon's behaviour here.
func cleanEnvironment(_ extra: [String: String]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    for k in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "STATE_DIRECTORY", "RUNTIME_DIRECTORY",
              "CREDENTIALS_DIRECTORY", "CACHE_DIRECTORY", "REMINDD_CACHE_DIR", "LISTEN_FDS", "LISTEN_PID"] {
        env[k] = nil
    }
    return env.merging(extra) { _, new in new }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
