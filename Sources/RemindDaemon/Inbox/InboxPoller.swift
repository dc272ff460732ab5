import Dispatch
import Foundation
import Logging
import RemindCore
import RemindDelivery

/// Reads owners' replies from the `inbox:` mailbox (DESIGN "Replies by mail"): every
/// `poll`, the messages with a UID above the last one read, in order; each is read, decided
/// on and recorded by the daemon (state change, answer, UID in one transaction), then
/// flagged `\Seen`. A mailbox whose UIDVALIDITY changed (it was recreated) is read from its
/// unseen messages. Connection failures back off up to 15 minutes and are logged, once
/// when they start and once when polling works again; nothing read is ever lost, because
/// the position moves only with what was recorded.
final class InboxPoller: @unchecked Sendable {
    /// Bytes of a message read: the text of a reply is near its start, and a 20 MB
    /// attachment is not pulled whole.
    static let fetchLimit = 1 << 20
    static let maxBackoff: Double = 15 * 60

    private let daemon: Daemon
    private let logger: Logger
    let io = DispatchQueue(label: "remindd.inbox")
    private var failures = 0
    private var setup: InboxSetup

    init(daemon: Daemon, setup: InboxSetup, logger: Logger) {
        self.daemon = daemon
        self.setup = setup
        self.logger = logger
    }

    /// A reload's inbox settings, used from the next poll.
    func update(_ setup: InboxSetup) { io.async { self.setup = setup } }

    /// One poll, on `io`. Returns the seconds to wait before the next.
    func pollOnce() -> Double {
        let setup = self.setup
        do {
            try poll(setup)
            if failures > 0 { logger.notice("inbox reachable again; polling resumes", metadata: ["mailbox": "\(setup.settings.mailbox)"]) }
            failures = 0
            return setup.pollSeconds
        } catch {
            failures += 1
            let wait = min(Self.maxBackoff, setup.pollSeconds * pow(2, Double(min(failures - 1, 10))))
            let meta: Logger.Metadata = ["error": "\(error)", "retry_in_s": "\(Int(wait))", "failures": "\(failures)"]
            if failures == 1 { logger.warning("cannot read the inbox; will retry", metadata: meta) } else {
                logger.debug("cannot read the inbox; will retry", metadata: meta)
            }
            DaemonMetrics.inboxFailed()
            return wait
        }
    }

    private func poll(_ setup: InboxSetup) throws {
        guard let password = setup.password else { throw InboxError(.loginRefused, "no password was read for the inbox") }
        let inbox = try IMAPInbox(settings: setup.settings, password: password)
        defer { inbox.close() }
        let state = try inbox.open()
        let key = setup.settings.url
        let store = daemon.store!
        var uids: [UInt32]
        if let pos = try store.inboxPosition(mailbox: key), pos.uidValidity == state.uidValidity {
            uids = try inbox.newUIDs(after: pos.lastUID)
        } else {
            if try store.inboxPosition(mailbox: key) != nil {
                logger.warning("the mailbox was reset (UIDVALIDITY changed); reading its unseen messages",
                               metadata: ["mailbox": "\(setup.settings.mailbox)"])
            }
            uids = try inbox.newUIDs(after: 0, unseenOnly: true)
            try store.setInboxPosition(mailbox: key, .init(uidValidity: state.uidValidity, lastUID: 0))
        }
        for uid in uids.sorted() {
            let position = Store.InboxPosition(uidValidity: state.uidValidity, lastUID: uid)
            guard let message = try inbox.fetch(uid: uid, limit: Self.fetchLimit) else {
                _ = daemon.queue.sync { daemon.recordGone(mailbox: key, position: position) }
                continue
            }
            let reply = ReplyReader.read(message.bytes)
            let recorded = daemon.queue.sync { daemon.handleReply(reply, mailbox: key, position: position, setup: setup) }
            guard recorded else { throw InboxError(.other, "a reply could not be recorded; it is read again at the next poll") }
            try inbox.markSeen(uid: uid)
        }
    }
}
