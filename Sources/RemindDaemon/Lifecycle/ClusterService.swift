import ServiceLifecycle

/// The cluster's part of the group (PostgreSQL store only): a heartbeat and a try to lead
/// every second; at a graceful shutdown the node resigns and leaves. The heartbeat is
/// written here, not on the daemon's queue, so a busy queue never makes a live node look
/// dead (its claims would be taken over while it still delivers them).
struct ClusterService: Service {
    let daemon: Daemon

    func run() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            daemon.clusterHeartbeat()
            // Asked off the queue too: an unreachable database can take seconds to say so.
            let leads = daemon.cluster?.leadership.tryLead(now: daemon.clock.now())
            await daemon.queue.perform { daemon.clusterTick(leads: leads) }
            try? await Task.sleep(for: .seconds(1))
        }
        await daemon.queue.perform { daemon.leaveCluster() }
    }
}
