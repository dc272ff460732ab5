import Dispatch
import Logging
import ServiceLifecycle

/// The outbox worker's part of the group, shut down right after systemd hears of it (before
/// the scheduler and the socket, whose work waits for the next start): it stops claiming, lets each
/// channel finish the delivery on the wire (up to `drainTimeout`), and leaves the rest
/// pending for the next start.
struct OutboxService: Service {
    let worker: OutboxWorker
    let logger: Logger
    var drainTimeout: Double = 20

    func run() async {
        try? await gracefulShutdown()
        let worker = self.worker, timeout = drainTimeout
        // A queue of its own: the global pool would wake the process every second from then on.
        let finished = await DispatchQueue(label: "remindd.drain").perform { worker.shutdown(timeout: timeout) }
        if !finished { logger.warning("deliveries still in flight stay pending and go out at the next start") }
    }
}
