import Foundation
import RemindCore

/// The daemon's durable memory, whatever holds it: SQLite (`Store`, the default) or
/// PostgreSQL shared by several daemons (`PostgresStore`). Both keep the same schema and
/// give the same guarantees (DESIGN "Delivery guarantees", "Scale-out"): the outbox row is
/// written before the attempt; a row that is no longer pending is never changed by an
/// attempt's report; a state change and the cancellations it causes are one transaction.
///
/// Every method may be called from any thread, never from an event loop of the store's own.
public protocol StateStore: AnyObject, Sendable {
    // MARK: The outbox

    /// Writes `pending` rows for deliveries not yet in the outbox and returns the keys that
    /// were new; a key already present is left exactly as it is. `plannedThrough` moves the
    /// planning watermark in the same transaction.
    @discardableResult
    func enqueue(_ deliveries: [PlannedDelivery], late: Bool, now: Date, plannedThrough: Date?) throws -> [String]
    /// Records deliveries that fell due too long ago to be sent as `missed`.
    @discardableResult
    func recordMissed(_ deliveries: [PlannedDelivery], now: Date, plannedThrough: Date?) throws -> [String]
    /// Pending deliveries due by `now` and not claimed, oldest first. Read only.
    func pending(dueBy now: Date, limit: Int?) throws -> [DeliveryRecord]
    /// Due deliveries, marked in flight until `now + lease` for this node: no other call,
    /// here or on another node, hands them out before the claim ends or is released.
    func claimDue(now: Date, limit: Int, lease: TimeInterval) throws -> [DeliveryRecord]
    /// Forgets the claims of this node, at start-up when nothing of it can be in flight.
    @discardableResult
    func releaseClaims() throws -> Int
    /// Gives claimed deliveries back without counting an attempt.
    func releaseClaims(keys: [String]) throws
    /// Records the outcomes of attempts; rows no longer pending are left alone.
    @discardableResult
    func apply(_ updates: [DeliveryUpdate]) throws -> Int
    /// The earliest moment a pending delivery becomes due (or its claim ends).
    func nextPendingAttempt() throws -> Date?
    /// The subset of `keys` that already has a row, in any state.
    func existingKeys(_ keys: [String]) throws -> Set<String>
    func delivery(key: String) throws -> DeliveryRecord?
    func deliveryCounts() throws -> [DeliveryState: Int]
    /// Cancels every pending delivery that `config` and the recorded state no longer want.
    @discardableResult
    func cancelUnwanted(config: Config, now: Date) throws -> [(key: String, reason: CancelReason)]
    /// Deliveries oldest first, for one subject or all; with `limit`, the latest `limit`.
    func history(subject: String?, limit: Int?) throws -> [DeliveryRecord]
    /// Every item's calendar revision, for the calendar feed.
    func calendarRevisions() throws -> [String: CalendarRevision]

    // MARK: Item states, events and actions

    func setDone(_ id: String, at now: Date, source: ActionSource) throws
    func reopen(_ id: String, at now: Date, source: ActionSource) throws
    func snooze(_ id: String, until: Date, at now: Date, source: ActionSource) throws
    func recordEvent(_ name: String, occurred: LocalDate, at now: Date, source: ActionSource) throws
    func occurredEvents() throws -> [String: LocalDate]
    func itemStates() throws -> [String: ItemState]
    func itemState(_ id: String) throws -> ItemState?
    /// Item states and recorded events, read in one snapshot: the planner's input.
    func planState() throws -> PlanState
    /// The planner's input for some items only (and every recorded event).
    func planState(items ids: [String]) throws -> PlanState
    /// Actions in the order they were taken; with `limit`, the latest `limit`.
    func actions(subject: String?, limit: Int?) throws -> [ActionRecord]

    // MARK: Small facts and the inbox

    func meta(_ key: String) throws -> String?
    func setMeta(_ key: String, _ value: String) throws
    func inboxPosition(mailbox: String) throws -> InboxPosition?
    func setInboxPosition(mailbox: String, _ p: InboxPosition) throws
    /// The item of the reminder whose mail had this Message-ID, if it was one of ours.
    func item(ofMessageID id: String) throws -> String?
    /// Records one message's outcome in one transaction; false when it was recorded before.
    @discardableResult
    func record(_ o: InboxOutcome, at now: Date) throws -> Bool
    func inboxMessages() throws -> [(uid: UInt32, item: String?, sender: String?, outcome: String)]

    // MARK: Upkeep

    /// Throws when the store cannot be written now.
    func checkWritable() throws
    /// Gives back caches the daemon does not need between reminders.
    func releaseMemory()
    /// Names the store in messages: a file path, or a PostgreSQL URL without its password.
    var location: String { get }
}

extension StateStore {
    @discardableResult
    public func enqueue(_ deliveries: [PlannedDelivery], late: Bool, now: Date) throws -> [String] {
        try enqueue(deliveries, late: late, now: now, plannedThrough: nil)
    }

    @discardableResult
    public func recordMissed(_ deliveries: [PlannedDelivery], now: Date) throws -> [String] {
        try recordMissed(deliveries, now: now, plannedThrough: nil)
    }

    public func pending(dueBy now: Date) throws -> [DeliveryRecord] { try pending(dueBy: now, limit: nil) }

    public func claimDue(now: Date, limit: Int) throws -> [DeliveryRecord] {
        try claimDue(now: now, limit: limit, lease: 600)
    }

    public func history(subject: String? = nil) throws -> [DeliveryRecord] { try history(subject: subject, limit: nil) }
    public func actions(subject: String? = nil) throws -> [ActionRecord] { try actions(subject: subject, limit: nil) }

    public func setDone(_ id: String, at now: Date) throws { try setDone(id, at: now, source: .cli) }
    public func reopen(_ id: String, at now: Date) throws { try reopen(id, at: now, source: .cli) }
    public func snooze(_ id: String, until: Date, at now: Date) throws { try snooze(id, until: until, at: now, source: .cli) }
    public func recordEvent(_ name: String, occurred: LocalDate, at now: Date) throws {
        try recordEvent(name, occurred: occurred, at: now, source: .cli)
    }

    /// The instant through which reminders have been planned into the outbox. Nil on a new store.
    public func plannedThrough() throws -> Date? {
        try meta(MetaKey.plannedThrough).flatMap(MetaKey.decodeInstant)
    }

    public func setPlannedThrough(_ instant: Date) throws {
        try setMeta(MetaKey.plannedThrough, MetaKey.encodeInstant(instant))
    }

    /// The instant through which the daemon has looked at digest moments.
    public func digestsSeenThrough() throws -> Date? {
        try meta(MetaKey.digestsSeenThrough).flatMap(MetaKey.decodeInstant)
    }

    public func setDigestsSeenThrough(_ instant: Date) throws {
        try setMeta(MetaKey.digestsSeenThrough, MetaKey.encodeInstant(instant))
    }

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
        try enqueue(out, late: false, now: now, plannedThrough: nil)
        return out
    }
}

/// Where the reply poller stands in a mailbox.
public struct InboxPosition: Sendable, Equatable {
    public var uidValidity: UInt32
    public var lastUID: UInt32

    public init(uidValidity: UInt32, lastUID: UInt32) {
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }

    /// The position after recording a message at `position`, from the one stored: UIDs only
    /// move forward within one UIDVALIDITY; a new UIDVALIDITY starts over.
    static func after(_ position: InboxPosition, stored: InboxPosition?) -> InboxPosition {
        let same = stored?.uidValidity == position.uidValidity
        return InboxPosition(uidValidity: position.uidValidity,
                             lastUID: same ? max(stored?.lastUID ?? 0, position.lastUID) : position.lastUID)
    }
}

/// What the poller did with one message.
public struct InboxOutcome: Sendable {
    public var mailbox: String
    public var position: InboxPosition
    public var messageID: String?
    public var sender: String?
    public var item: String?
    /// `done`, `snooze`, `reopen`, `help`, `ignored: …`.
    public var outcome: String
    public var change: StateChange?
    public var answer: PlannedDelivery?

    public init(mailbox: String, position: InboxPosition, messageID: String?, sender: String?, item: String?,
                outcome: String, change: StateChange? = nil, answer: PlannedDelivery? = nil) {
        self.mailbox = mailbox
        self.position = position
        self.messageID = messageID
        self.sender = sender
        self.item = item
        self.outcome = outcome
        self.change = change
        self.answer = answer
    }
}

extension MetaKey {
    /// Unix seconds as text: exact for a `Date`, and readable with `sqlite3` or `psql`.
    static func encodeInstant(_ date: Date) -> String { String(date.timeIntervalSince1970) }
    static func decodeInstant(_ text: String) -> Date? { Double(text).map(Date.init(timeIntervalSince1970:)) }
}
