import ServiceLifecycle
import UnixSignals

/// SIGHUP reloads the config on the scheduler's queue; one reload at a time, in order.
/// The signal is trapped before READY=1, so a SIGHUP right after start is never lost.
struct ReloadService: Service {
    let daemon: Daemon
    let signals: UnixSignalsSequence

    func run() async {
        // Not `signals.cancelOnGracefulShutdown()`: that merges two sequences in a task of
        // the global pool, which would wake the process every second from then on.
        let daemon = self.daemon, signals = self.signals
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                await daemon.queue.perform { daemon.reload() }
            }
        }
    }
}
