import Foundation
import RemindCore

extension Store {
    /// `remindd digest --send`: the digests of `moment` as they are at `now`, written to the
    /// outbox as pending deliveries due now. Their keys carry `/sent-<now>` after the period's
    /// key, so a digest sent by hand neither stands in for nor blocks the scheduled one.
    /// Returns the deliveries written (none for people with nothing to read).
    public func enqueueDigestNow(_ moment: Reminder, config: Config, now: Date) throws -> [PlannedDelivery] {
        let builder = DigestBuilder(config: config, state: try planState())
        let out = builder.deliveries(for: moment, now: now).map { d in
            var d = d
            d.key += "/sent-\(UTCStamp.compact(now))"
            d.reminder.at = now
            return d
        }
        try enqueue(out, late: false, now: now)
        return out
    }
}
