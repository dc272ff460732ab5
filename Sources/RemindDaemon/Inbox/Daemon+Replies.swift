import Foundation
import Logging
import RemindCore
import RemindDelivery

extension Daemon {
    /// One reply read from the inbox, on `queue`: decided on (`ReplyDecision`), recorded with
    /// its state change and answer in one transaction, then rescheduled. Returns false when
    /// it could not be recorded (it is read again at the next poll).
    func handleReply(_ reply: Reply, mailbox: String, position: InboxPosition, setup: InboxSetup) -> Bool {
        let now = clock.now()
        guard let keys = secrets.linkKeys else {
            logger.error("replies need the link keys; the inbox is not read")
            return false
        }
        let index = replyIndex()
        let decision = ReplyDecision.decide(reply, config: config, keys: keys, index: index, replyAddress: setup.replyAddress,
                                            itemOfMessage: { [store] in try? store!.item(ofMessageID: $0) })
        var meta: Logger.Metadata = ["uid": "\(position.lastUID)", "message_id": "\(reply.messageID ?? "-")"]
        var outcome = Store.InboxOutcome(mailbox: mailbox, position: position, messageID: reply.messageID,
                                         sender: reply.sender, item: nil, outcome: "")
        var command: String?
        switch decision {
        case .ignore(let why):
            outcome.outcome = "ignored: \(why)"
            meta["reason"] = "\(why)"
        case .help(let id, let person, let address, let why):
            outcome.item = id
            outcome.outcome = "help: \(why)"
            outcome.answer = answer(.help, item: id, person: person, address: address, reply: reply, position: position,
                                    channel: setup.answerChannel, now: now)
            meta["item.id"] = "\(id)"
            meta["reason"] = "\(why)"
        case .act(let id, let person, let address, let cmd):
            outcome.item = id
            meta["item.id"] = "\(id)"
            let state = (try? store.itemState(id)) ?? nil
            let said: ReplyAnswer.Outcome
            switch cmd {
            case .done:
                if state?.done == true { said = .alreadyDone } else { outcome.change = .done(id); said = .done }
                command = "done"
            case .reopen:
                outcome.change = .reopen(id)
                said = .reopened
                command = "reopen"
            case .snooze(let span):
                let seconds: Double
                switch span {
                case .days(let n): seconds = Double(n) * 86_400
                case .defaultChoice: seconds = config.links?.snooze.first?.approximateSeconds ?? 7 * 86_400
                }
                let until = now.addingTimeInterval(seconds)
                outcome.change = .snooze(id, until: until)
                said = .snoozed(until: until)
                command = "snooze"
            }
            outcome.outcome = command ?? "done"
            outcome.answer = answer(said, item: id, person: person, address: address, reply: reply, position: position,
                                    channel: setup.answerChannel, now: now)
        }
        do {
            guard try store.record(outcome, at: now) else {
                logger.debug("reply already read", metadata: meta)
                return true
            }
        } catch {
            logger.error("cannot record a reply", metadata: meta.merging(["error": "\(error)"]) { a, _ in a })
            return false
        }
        switch decision {
        case .ignore: logger.notice("reply not acted on", metadata: meta)
        case .help: logger.notice("reply not understood; help sent", metadata: meta)
        case .act:
            logger.info("reply acted on", metadata: meta.merging(["action": "\(outcome.outcome)"]) { a, _ in a })
            if let command { DaemonMetrics.action(source: .mail, action: command) }
        }
        if let change = outcome.change {
            do {
                let cancelled = try store.cancelUnwanted(config: config, now: now)
                if !cancelled.isEmpty { worker.deliveriesCancelled() }
                logCancelled(cancelled)
                try scheduler.stateChanged(items: change.affectedItems(config))
            } catch {
                logger.error("cannot reschedule after a reply", metadata: ["error": "\(error)"])
            }
        }
        if outcome.answer != nil { worker.kick() }
        return true
    }

    /// A message that went away between the search and the fetch: its UID is passed.
    func recordGone(mailbox: String, position: InboxPosition) -> Bool {
        let o = Store.InboxOutcome(mailbox: mailbox, position: position, messageID: nil, sender: nil, item: nil,
                                   outcome: "ignored: gone before it could be read")
        return (try? store.record(o, at: clock.now())) != nil
    }

    private func answer(_ said: ReplyAnswer.Outcome, item id: String, person: String, address: String, reply: Reply,
                        position: InboxPosition, channel: String, now: Date) -> PlannedDelivery? {
        guard let item = config.item(id) else { return nil }
        let a = ReplyAnswer.make(said, item: item, reply: reply, to: address, config: config)
        let r = Reminder(subject: id, kind: .answer, at: now, people: [person])
        let key = "\(id)/answer/\(position.uidValidity).\(position.lastUID)/\(channel)"
        return PlannedDelivery(key: key, reminder: r, channel: channel, to: [person], cc: [], answer: a)
    }
}
