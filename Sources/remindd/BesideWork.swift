import Foundation

/// Work run on a thread of its own while the command goes on, waited for before the
/// command exits: the snapshot of a config just parsed, written while `agenda` and
/// `check` plan.
final class BesideWork: Sendable {
    private let finished = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> Void) {
        Thread.detachNewThread { [finished] in
            #if os(Linux)
            // Only on a core nothing else wants: the command's own work goes first, and
            // this fills the moments it leaves a core idle (sorting, say).
            var param = sched_param()
            _ = sched_setscheduler(0, 5 /* SCHED_IDLE */, &param)
            #endif
            body()
            finished.signal()
        }
    }

    /// Returns once the work is done; call it once.
    func wait() { finished.wait() }

    /// `body`'s result (or error) once the work beside it is done too.
    func after<T>(_ body: () throws -> T) throws -> T {
        let result = Result { try body() }
        wait()
        return try result.get()
    }
}
