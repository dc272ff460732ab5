import Foundation
import Prometheus
import RemindCore

/// What the HTTP server reads, taken on the scheduler's queue in an instant (the config is
/// a value, the store reads through its own connections) and worked on elsewhere, so a
/// listing of ten thousand items never holds up a timer.
struct DaemonView: Sendable {
    let config: Config
    let store: any StateStore
    let now: Date
    let metricsRegistry: PrometheusCollectorRegistry?

    /// A queue of its own for that work: neither the scheduler's nor the services'.
    static let work = DispatchQueue(label: "remindd.http-reads")

    func statuses() throws -> [ItemStatus] {
        ItemStatus.all(config: config, state: try store.planState(), now: now)
    }

    func itemJSON(_ s: ItemStatus) -> JSON {
        .object([
            ("id", .string(s.item.id)),
            ("title", .string(s.item.title)),
            ("owner", .string(s.item.owner)),
            ("with", .strings(s.item.with)),
            ("meeting", .optional(s.item.meeting?.series)),
            ("state", .string(s.state.rawValue)),
            ("deadline", .optional(s.deadline.map(UTCStamp.iso))),
            ("next_reminder", .optional(s.next.map { UTCStamp.iso($0.at) })),
            ("snoozed_until", .optional(s.snoozedUntil.map(UTCStamp.iso))),
            ("done_at", .optional(s.doneAt.map(UTCStamp.iso))),
        ])
    }

    func items(state: String?, owner: String?, meeting: String?) -> APIAnswer {
        if let state, ItemStatus.State(rawValue: state) == nil {
            return .problem(400, "state must be one of \(ItemStatus.State.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        do {
            let list = try statuses().filter { s in
                (state == nil || s.state.rawValue == state)
                    && (owner == nil || s.item.owner == owner || s.item.with.contains(owner!))
                    && (meeting == nil || s.item.meeting?.series == meeting)
            }
            return .ok(.array(list.map(itemJSON)))
        } catch {
            return .problem(503, "the state cannot be read")
        }
    }

    func item(_ id: String, withHistory: Bool = true) -> APIAnswer {
        guard let item = config.item(id) else { return .problem(404, "no item '\(id)'") }
        do {
            let s = ItemStatus.of(item, config: config, state: try store.planState(items: [id]), now: now)
            guard withHistory, case .object(var fields) = itemJSON(s) else { return .ok(itemJSON(s)) }
            let history = try HistoryEntry.json(store.history(subject: id), actions: store.actions(subject: id), pretty: false)
            fields.append(("history", (try? JSON(parsing: history)) ?? .array([])))
            return .ok(.object(fields))
        } catch {
            return .problem(503, "the state cannot be read")
        }
    }

    func agenda(from: String?, days: String?) -> APIAnswer {
        switch APIRequest.agendaWindow(from: from, days: days, now: now, calendar: config.calendar) {
        case .failure(let r): return .problem(400, r.detail)
        case .success(let w):
            do {
                return .ok(Agenda(config: config, state: try store.planState(), from: w.start, days: w.days).json())
            } catch {
                return .problem(503, "the state cannot be read")
            }
        }
    }

    func history(item: String?) -> APIAnswer {
        do {
            return .raw(try HistoryEntry.json(store.history(subject: item), actions: store.actions(subject: item), pretty: false))
        } catch {
            return .problem(503, "the state cannot be read")
        }
    }

    func statusPage() -> (Int, String) {
        guard let statuses = try? statuses() else { return (503, "") }
        return (200, StatusPage.render(config: config, statuses: statuses, now: now))
    }

    /// Prometheus text, the gauges read now; nil when metrics are off.
    func metrics() -> String? {
        guard let metricsRegistry else { return nil }
        let statuses = (try? statuses()) ?? []
        let pending = (try? store.deliveryCounts()[.pending]) ?? 0
        DaemonMetrics.observe(statuses: statuses, pending: pending ?? 0)
        return metricsRegistry.emitToString()
    }
}

extension Daemon {
    /// On `queue`.
    func view() -> DaemonView {
        DaemonView(config: config, store: store, now: clock.now(), metricsRegistry: metricsRegistry)
    }
}
