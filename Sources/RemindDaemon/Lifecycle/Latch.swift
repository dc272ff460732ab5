import Foundation

/// Opens once; `wait()` returns when it is open or when the waiting task is cancelled.
final class Latch: @unchecked Sendable {
    private let lock = NSLock()
    private var isOpen = false
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]

    func open() {
        lock.lock()
        isOpen = true
        let all = waiters.values
        waiters = [:]
        lock.unlock()
        for w in all { w.resume() }
    }

    func wait() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                lock.lock()
                if isOpen || Task.isCancelled {
                    lock.unlock()
                    c.resume()
                    return
                }
                waiters[id] = c
                lock.unlock()
            }
        } onCancel: {
            lock.lock()
            let w = waiters.removeValue(forKey: id)
            lock.unlock()
            w?.resume()
        }
    }
}
