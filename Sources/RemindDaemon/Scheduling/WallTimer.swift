import Dispatch
import Foundation

/// Something that can call back at a wall-clock instant. The daemon uses a
/// `DispatchSourceTimer` on the wall clock; tests use a manual clock and run a day of
/// reminders in microseconds.
public protocol WallTimer: AnyObject, Sendable {
    /// Arms (or re-arms) the timer; a previous arming is cancelled.
    func arm(at: Date, _ handler: @escaping @Sendable () -> Void)
    func cancel()
}

/// Current time, injectable.
public protocol WallClock: Sendable {
    func now() -> Date
}

public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// One `DispatchSourceTimer` on the wall clock, so a changed system time or a suspend does
/// not shift reminders. Leeway zero: reminders fire on time, not "within a minute".
public final class DispatchWallTimer: WallTimer, @unchecked Sendable {
    private let queue: DispatchQueue
    private var source: DispatchSourceTimer?
    private let lock = NSLock()

    public init(queue: DispatchQueue) {
        self.queue = queue
    }

    public func arm(at date: Date, _ handler: @escaping @Sendable () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        source?.cancel()
        let s = DispatchSource.makeTimerSource(flags: .strict, queue: queue)
        let secs = date.timeIntervalSince1970
        let whole = secs.rounded(.down)
        let spec = timespec(tv_sec: Int(whole), tv_nsec: Int((secs - whole) * 1_000_000_000))
        s.schedule(wallDeadline: DispatchWallTime(timespec: spec), repeating: .never, leeway: .nanoseconds(0))
        s.setEventHandler(handler: handler)
        s.resume()
        source = s
    }

    public func cancel() {
        lock.lock()
        defer { lock.unlock() }
        source?.cancel()
        source = nil
    }

    deinit { source?.cancel() }
}
