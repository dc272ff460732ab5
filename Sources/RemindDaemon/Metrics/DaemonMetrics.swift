import Foundation
import Metrics
import Prometheus
import RemindCore

/// The daemon's metrics (DESIGN "HTTP"), through swift-metrics; `remindd run` bootstraps
/// them with a Prometheus registry that `/metrics` writes out. No owner or item is ever a
/// label. Without the bootstrap (tests, other commands) they go nowhere.
public enum DaemonMetrics {
    static let latenessBuckets: [Double] = [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 3600, 86_400]

    /// The registry `/metrics` writes out, set up as the process's metrics system. Call once,
    /// from the executable.
    public static func bootstrapPrometheus() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["remindd_delivery_lateness_seconds"] = latenessBuckets
        MetricsSystem.bootstrap(factory)
        return registry
    }

    static func delivered(channel: String, kind: ReminderKind, lateness: Double) {
        Counter(label: "remindd_notifications_total", dimensions: [("channel", channel), ("kind", kind.rawValue)]).increment()
        Recorder(label: "remindd_delivery_lateness_seconds", aggregate: true).record(max(0, lateness))
    }

    /// `reason`: `retry` (it will be tried again) or `failed` (given up, or refused for good).
    static func failed(channel: String, reason: String) {
        Counter(label: "remindd_notifications_failed_total", dimensions: [("channel", channel), ("reason", reason)]).increment()
    }

    /// A poll of the inbox that failed (the server away, a refused login).
    static func inboxFailed() {
        Counter(label: "remindd_inbox_polls_failed_total").increment()
    }

    static func action(source: ActionSource, action: String) {
        Counter(label: "remindd_actions_total", dimensions: [("source", source.rawValue), ("action", action)]).increment()
    }

    /// With a PostgreSQL store: whether this node leads (1) or follows (0), and whether
    /// the database answered its last heartbeat (1) or not (0). Each node serves its own.
    static func cluster(leads: Bool, reachable: Bool) {
        Gauge(label: "remindd_cluster_leader").record(leads ? 1 : 0)
        Gauge(label: "remindd_store_reachable").record(reachable ? 1 : 0)
    }

    /// The gauges read at a scrape: items per state and deliveries waiting in the outbox.
    static func observe(statuses: [ItemStatus], pending: Int) {
        var counts: [ItemStatus.State: Int] = [:]
        for s in statuses { counts[s.state, default: 0] += 1 }
        for state in ItemStatus.State.allCases {
            Gauge(label: "remindd_items", dimensions: [("state", state.rawValue)]).record(counts[state] ?? 0)
        }
        Gauge(label: "remindd_outbox_pending").record(pending)
    }
}
