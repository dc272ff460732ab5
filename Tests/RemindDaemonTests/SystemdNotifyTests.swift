import Foundation
import Testing
@testable import RemindDaemon

/// sd_notify against a real datagram socket standing in for systemd.
@Suite struct SystemdNotifyTests {
    /// A bound datagram socket; `next()` returns the next datagram without waiting
    /// (a Unix datagram is queued at the receiver before `sendto` returns).
    final class Receiver {
        let fd: Int32
        let path: String
        let dir: String?

        init(abstract: Bool = false) throws {
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            if abstract {
                dir = nil
                path = "@remindd-test-\(UUID().uuidString.prefix(12))"
            } else {
                let d = try storeTempDir()
                dir = d
                path = d + "/notify"
            }
            let address = try UnixSocketAddress(path: path, abstractAllowed: true)
            guard address.withSockAddr({ bind(fd, $0, $1) }) == 0 else { throw CocoaError(.fileWriteUnknown) }
        }

        deinit {
            close(fd)
            if let dir { try? FileManager.default.removeItem(atPath: dir) }
        }

        func next() -> String? {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            return n < 0 ? nil : String(decoding: buffer[0..<n], as: UTF8.self)
        }
    }

    /// A reader that stopped reading must not stop the daemon: once its queue is full a
    /// status is dropped, and sending returns at once.
    @Test func aFullNotifySocketDoesNotBlock() throws {
        let r = try Receiver()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": r.path])
        let start = Date()
        var sent = 0, dropped = 0
        for i in 0..<2_000 {
            if notifier.status("status \(i) " + String(repeating: "x", count: 200)) { sent += 1 } else { dropped += 1 }
        }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(sent > 0 && dropped > 0, "sent \(sent), dropped \(dropped)")
        #expect(r.next()?.hasPrefix("STATUS=status 0 ") == true)
    }

    @Test func readyStatusStoppingWatchdog() throws {
        let receiver = try Receiver()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.path])
        #expect(notifier.isEnabled)
        #expect(notifier.ready(status: "12 items; next reminder 2023-09-29T07:00:00Z"))
        #expect(receiver.next() == "READY=1\nSTATUS=12 items; next reminder 2023-09-29T07:00:00Z\n")
        #expect(notifier.ready())
        #expect(receiver.next() == "READY=1\n")
        #expect(notifier.status("line one\nREADY=1"))
        #expect(receiver.next() == "STATUS=line one READY=1\n") // a newline cannot forge a second assignment
        #expect(notifier.stopping())
        #expect(receiver.next() == "STOPPING=1\n")
        #expect(notifier.watchdog())
        #expect(receiver.next() == "WATCHDOG=1\n")
        #expect(receiver.next() == nil)
    }

    @Test func reloadingCarriesTheMonotonicClock() throws {
        let receiver = try Receiver()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.path])
        let before = SystemdNotifier.monotonicMicroseconds()
        #expect(notifier.reloading())
        let after = SystemdNotifier.monotonicMicroseconds()
        let message = try #require(receiver.next())
        let lines = message.split(separator: "\n")
        #expect(lines.first == "RELOADING=1")
        let usec = try #require(lines.last.flatMap { $0.hasPrefix("MONOTONIC_USEC=") ? UInt64($0.dropFirst(15)) : nil })
        #expect(before <= usec && usec <= after)
        #expect(notifier.reloading(monotonicMicroseconds: 42))
        #expect(receiver.next() == "RELOADING=1\nMONOTONIC_USEC=42\n")
    }

    @Test func abstractSocket() throws {
        let receiver = try Receiver(abstract: true)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.path]).ready())
        #expect(receiver.next() == "READY=1\n")
    }

    @Test func withoutNotifySocketNothingIsSent() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(!notifier.ready(status: "x"))
        #expect(!notifier.watchdog())
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]).isEnabled)
    }

    @Test func unreachableSocketReportsFalse() throws {
        let dir = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": dir + "/absent"]).ready())
    }

    @Test func watchdogIntervalIsHalfAndOnlyForUs() {
        let pid = getpid()
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"]).watchdogInterval() == 15)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(pid)"]).watchdogInterval() == 15)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(pid + 1)"]).watchdogInterval() == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "3"]).watchdogInterval(pid: pid) == 0.0000015)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogInterval() == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "soon"]).watchdogInterval() == nil)
        #expect(SystemdNotifier(environment: [:]).watchdogInterval() == nil)
    }
}
