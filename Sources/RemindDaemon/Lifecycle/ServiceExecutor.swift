import Dispatch

/// The executor the daemon's services run on: one serial queue of their own. Swift's
/// default executor on Linux is libdispatch's global pool, whose monitor then wakes the
/// process every second for as long as it lives; a daemon that waits weeks for its next
/// reminder should not. Tasks started with this executor as their preference (the group
/// and every child task it adds, and the actors they call) run here instead.
public final class ServiceExecutor: TaskExecutor, @unchecked Sendable {
    let queue = DispatchQueue(label: "remindd.services")

    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
