import ServiceLifecycle

/// The control socket's part of the group: bound before READY=1 (so a command sent right
/// after start reaches the daemon), closed at a graceful shutdown.
struct ControlService: Service {
    let daemon: Daemon

    func run() async {
        try? await gracefulShutdown()
        daemon.control?.stop()
    }
}
