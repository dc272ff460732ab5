import Foundation
@testable import RemindDaemon

/// A clock the test moves by hand.
final class ManualClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    func now() -> Date { lock.withLock { current } }
    func set(_ d: Date) { lock.withLock { current = d } }
}

/// A timer that only records where it is armed; the test fires it.
final class ManualTimer: WallTimer, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var armedAt: Date?
    private var handler: (@Sendable () -> Void)?

    func arm(at: Date, _ handler: @escaping @Sendable () -> Void) {
        lock.withLock {
            armedAt = at
            self.handler = handler
        }
    }

    func cancel() {
        lock.withLock {
            armedAt = nil
            handler = nil
        }
    }
}
