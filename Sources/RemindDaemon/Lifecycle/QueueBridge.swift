import Dispatch

extension DispatchQueue {
    /// Runs `work` on this queue and awaits it: for a service's task to wait on the
    /// scheduler's queue (or a blocking stop) without holding a thread of the task pool.
    func perform<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            self.async { continuation.resume(returning: work()) }
        }
    }
}
