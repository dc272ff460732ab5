import ArgumentParser
import Foundation
import RemindCore
import RemindDaemon

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every item: open, waiting, overdue, snoozed or done.",
        discussion: "With --json prints one JSON array of objects with id, title, owner, with, state (the API's word; also as status), deadline, waiting_for, snoozed_until, done_at and next (the next reminder).")
    @OptionGroup var options: ConfigOption
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        let ctx = try StateContext(options)
        let now = Date()
        let statuses = ItemStatus.all(config: ctx.config, state: try ctx.store.planState(), now: now)
        let cal = ctx.config.calendar
        if json {
            let items = JSON.array(statuses.map { s in
                .object([
                    ("id", .string(s.item.id)),
                    ("title", .string(s.item.title)),
                    ("owner", .string(s.item.owner)),
                    ("with", .strings(s.item.with)),
                    ("state", .string(s.state.rawValue)),
                    ("status", .string(s.state.rawValue)),
                    ("deadline", .optional(s.deadline.map(UTCStamp.iso))),
                    ("waiting_for", .optional(s.waitingFor)),
                    ("snoozed_until", .optional(s.snoozedUntil.map(UTCStamp.iso))),
                    ("done_at", .optional(s.doneAt.map(UTCStamp.iso))),
                    ("next", s.next.map { r in .object([("at", .string(UTCStamp.iso(r.at))), ("kind", .string(r.kind.rawValue))]) } ?? .null),
                ])
            })
            // With a PostgreSQL store: an object with the nodes and the leader beside the items.
            if let pg = ctx.store as? PostgresStore {
                Console.out(JSON.object([("items", items)] + (try Self.cluster(pg, now: now))).serialized(pretty: true))
            } else {
                Console.out(items.serialized(pretty: true))
            }
            return
        }
        var counts: [ItemStatus.State: Int] = [:]
        var rows = [["ITEM", "STATUS", "OWNER", "DEADLINE", "NEXT REMINDER"]]
        for s in statuses {
            counts[s.state, default: 0] += 1
            var status = s.state.rawValue
            if let e = s.waitingFor { status += " (\(e))" }
            if s.state == .snoozed, let u = s.snoozedUntil { status += " until \(Agenda.localStamp(u, cal))" }
            rows.append([s.item.id, status, ([s.item.owner] + s.item.with).joined(separator: ", "),
                         s.deadline.map { Agenda.localStamp($0, cal) } ?? "-",
                         s.next.map { "\(Agenda.localStamp($0.at, cal)) \(Agenda.kindLabel($0))" } ?? "-"])
        }
        Console.out(TextTable.render(rows))
        Console.out(ItemStatus.State.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
        if let pg = ctx.store as? PostgresStore {
            let lease = try pg.lease()
            var nodes = [["NODE", "HOST", "PID", "ROLE", "LAST SEEN"]]
            for n in try pg.nodes() {
                let leads = lease.map { $0.node == n.id && $0.until > now } ?? false
                let alive = now.timeIntervalSince(n.lastSeen) <= PostgresStore.nodeTimeout
                nodes.append([n.id, n.host, "\(n.pid)", leads ? "leader" : (alive ? "follower" : "silent"),
                              Agenda.localStamp(Date(timeIntervalSince1970: n.lastSeen.timeIntervalSince1970.rounded(.down)), cal)])
            }
            Console.out("")
            Console.out(TextTable.render(nodes))
            if let lease {
                Console.out("leader \(lease.node), lease until \(UTCStamp.iso(lease.until))\(lease.until < now ? " (ran out)" : "")")
            } else {
                Console.out("no leader yet")
            }
        }
    }

    /// `nodes: [{id, host, pid, leader, last_seen}]` and `leader: {id, lease_until}`.
    static func cluster(_ pg: PostgresStore, now: Date) throws -> [(String, JSON)] {
        let lease = try pg.lease()
        let nodes = try pg.nodes().map { n in
            JSON.object([
                ("id", .string(n.id)), ("host", .string(n.host)), ("pid", .int(n.pid)),
                ("leader", .bool(lease.map { $0.node == n.id && $0.until > now } ?? false)),
                ("last_seen", .string(UTCStamp.iso(n.lastSeen))),
            ])
        }
        return [("nodes", .array(nodes)),
                ("leader", lease.map { .object([("id", .string($0.node)), ("lease_until", .string(UTCStamp.iso($0.until)))]) } ?? .null)]
    }
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show deliveries and actions: what was sent, when, to whom, what failed, and who changed what.",
        discussion: "With --json prints one JSON array: deliveries as objects with type \"delivery\", key, item, kind, scheduled (UTC), channel, recipients, state (pending, sent, failed, missed, cancelled), attempts, late, reason, last_error and reply; actions as objects with type \"action\", item, action (done, reopen, snooze, event), source (cli, api, link, mail), at (UTC) and, for a snooze, until.")
    @OptionGroup var options: ConfigOption
    @Argument(help: "Only this item (or event).", completion: .configNames(.subjects)) var id: String?
    @Option(help: "At most this many, newest first.") var limit: Int?
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        let ctx = try StateContext(options)
        let records = try ctx.store.history(subject: id, limit: limit)
        let actions = try ctx.store.actions(subject: id, limit: limit)
        if json {
            Console.out(try HistoryEntry.json(records, actions: actions))
            return
        }
        if records.isEmpty && actions.isEmpty {
            Console.out(id.map { "No deliveries for '\($0)' yet." } ?? "No deliveries yet.")
            return
        }
        let cal = ctx.config.calendar
        var rows = [["SCHEDULED", "ITEM", "KIND", "CHANNEL", "TO", "STATE", "TRIES", "DETAIL"]]
        for r in records {
            var state = r.state.rawValue
            if r.late { state += " (late)" }
            rows.append([Agenda.localStamp(r.scheduled, cal), r.subject, r.kind.rawValue, r.channel,
                         r.recipients.joined(separator: ", "), state, "\(r.attempts)",
                         r.state == .sent ? (r.reply ?? "") : (r.lastError ?? "")])
        }
        if !actions.isEmpty {
            if records.isEmpty { rows = [] } else { Console.out(TextTable.render(rows)); Console.out(""); rows = [] }
            rows.append(["AT", "ITEM", "ACTION", "SOURCE", "DETAIL"])
            for a in actions {
                let detail = a.until.map { "until " + Agenda.localStamp($0, cal) } ?? a.occurred.map { "occurred \($0)" } ?? ""
                rows.append([Agenda.localStamp(a.at, cal), a.subject, a.action, a.source.rawValue, detail])
            }
        }
        Console.out(TextTable.render(rows))
    }
}
