import Foundation
import RemindCore

extension Store {
    /// `remindd digest --send`: the digests of `moment` as they are at `now`, written to the
    /// outbox as pending deliveries due now. Their keys carry `/sent-<now>` after the period's
    /// key, so a digest sent by hand neither stands in for nor blocks the scheduled one.
    /// Returns the deliveries written (none for people with nothing to read).
    public func enqueueDigestNow(_ moment: Reminder, config: Config, now: Date) throws -> [PlannedDelivery] {
        let planner = Planner(config: config)
        let builder = DigestBuilder(planner: planner, state: try planState())
        var out: [PlannedDelivery] = []
        for content in builder.contents(for: moment, now: now) {
            var one = Planner.digest(moment, for: content.person)
            one.at = now
            for var d in planner.deliveries(for: one) {
                d.key = Planner.digest(moment, for: content.person).key(channel: d.channel) + "/sent-\(UTCStamp.compact(now))"
                d.digest = content
                out.append(d)
            }
        }
        try enqueue(out, late: false, now: now)
        return out
    }
}
