import ServiceLifecycle

/// The scheduler's part of the group: its timers run on the daemon's queue from the start
/// on; at a graceful shutdown it disarms them, so no reminder is enqueued after that.
struct SchedulerService: Service {
    let daemon: Daemon

    func run() async {
        try? await gracefulShutdown()
        await daemon.queue.perform { daemon.scheduler.stop() }
    }
}
