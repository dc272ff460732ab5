import Dispatch
import ServiceLifecycle

/// systemd's part of the group, the first to hear of a shutdown: READY=1 once the group
/// runs, the watchdog ping from the scheduler's queue (a ping proves that queue is alive),
/// and STOPPING=1 when the group starts to shut down (the watchdog goes on pinging while
/// deliveries in flight finish, until the process ends).
struct SystemdService: Service {
    let daemon: Daemon

    func run() async {
        // Ready means reachable: with an HTTP server, once it listens.
        await daemon.httpListening.wait()
        guard !Task.isCancelled else { return }
        daemon.announceReady()
        daemon.watchdogTimer = startWatchdog()
        try? await gracefulShutdown()
        _ = daemon.notify.stopping()
        daemon.logger.info("stopping")
    }

    private func startWatchdog() -> DispatchSourceTimer? {
        guard let interval = daemon.notify.watchdogInterval() else { return nil }
        let t = DispatchSource.makeTimerSource(queue: daemon.queue)
        t.schedule(deadline: .now(), repeating: .milliseconds(Int(interval * 1000)))
        let notify = daemon.notify
        t.setEventHandler { _ = notify.watchdog() }
        t.resume()
        return t
    }
}
