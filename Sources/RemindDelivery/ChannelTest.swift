import Foundation
import Logging
import RemindCore

/// `remindd test-channel`: one reminder sent now through one channel, to one address, so a
/// secretariat can see a channel work (and what a reminder looks like) before the first real
/// one is due. It goes through the same notifier and renderer the daemon uses.
public enum ChannelTest {
    /// What happened, for the command to print: the server's verdict and what was sent.
    public struct Outcome: Sendable {
        public var result: DeliveryResult
        public var subject: String
        /// The key the test message carried: the real reminder's key plus a `/test-…` suffix,
        /// so a receiver that drops duplicates will not later drop the real reminder.
        public var key: String
    }

    /// A request that cannot be tried at all (unknown item, unusable address): the user's
    /// mistake, reported before anything is sent.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Id of the sample item sent when no `--item` is given.
    public static let sampleID = "remindd-test"

    /// - Parameters:
    ///   - address: the only recipient: an e-mail address for smtp and maildir channels, a
    ///     name for webhooks (it appears in the payload's `recipients`).
    ///   - itemID: send that item's next reminder (within a year; its deadline when none is
    ///     ahead) instead of a sample.
    /// - Throws: `Failure` for an unknown item or an unusable address; `DeliveryConfigError`
    ///   or `TemplateError` for a channel that cannot be built.
    public static func run(channel: String, to address: String, itemID: String?, config: Config,
                           environment: [String: String], logger: Logger, now: Date = Date()) throws -> Outcome {
        guard let section = config.channels[channel] else {
            throw DeliveryConfigError(channel: channel, "no such channel in the config")
        }
        let byEmail = Channels.reachesPeopleByEmail(section)
        if byEmail, let problem = Address.problem(address) {
            throw Failure(description: "--to \(problem)")
        }
        if address.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw Failure(description: "--to contains control characters")
        }
        var c = config
        c.people[address] = Person(id: address, emails: byEmail ? [address] : [])
        let reminder: Reminder
        if let itemID {
            guard let item = c.item(itemID) ?? c.items.first(where: { $0.id == itemID }) else {
                throw Failure(description: "unknown item '\(itemID)'")
            }
            reminder = nextReminder(of: item, config: c, now: now)
        } else {
            reminder = sample(channel: channel, recipient: address, config: &c, now: now)
        }
        let key = "\(reminder.key(channel: channel))/test-\(UTCStamp.compact(now))"
        let delivery = PlannedDelivery(key: key, reminder: reminder, channel: channel, to: [address], cc: [])
        let message = OutgoingMessage(delivery: delivery, late: false)
        let notifier = try Notifiers.make(channel: channel, config: c, environment: environment, logger: logger)
        let result = notifier.deliver([message]).first ?? .failed(reason: "no result")
        let subject = try MessageRenderer(config: c).render(message).subject
        return Outcome(result: result, subject: subject, key: key)
    }

    private static func nextReminder(of item: Item, config: Config, now: Date) -> Reminder {
        let planner = Planner(config: config)
        if let next = planner.reminders(for: item, state: PlanState(), from: now, to: now.addingTimeInterval(366 * 86_400)).first {
            return next
        }
        // Nothing ahead: say what the item's state would make the next reminder say.
        let deadline = planner.deadline(of: item, state: PlanState()).instant
        let kind: ReminderKind = deadline.map { $0 < now ? .overdue : .at } ?? .undated
        return Reminder(subject: item.id, kind: kind, at: now, deadline: deadline,
                        people: [item.owner] + item.with, ordinal: 1)
    }

    /// A made-up item owned by the recipient, due at the end of the next working day.
    private static func sample(channel: String, recipient: String, config c: inout Config, now: Date) -> Reminder {
        let title = c.language == .nl
            ? "Testbericht van remindd: het kanaal \(channel) werkt"
            : "Test message from remindd: the channel \(channel) works"
        let item = Item(id: sampleID, title: title, owner: recipient)
        c.items.append(item)
        c.indexItems()
        let cal = c.calendar
        let day = cal.workingDay(onOrAfter: cal.localDate(of: now).adding(days: 1))
        return Reminder(subject: sampleID, kind: .before, at: now, deadline: cal.endOfWork(day),
                        people: [recipient], lead: DurationSpec(1, .days))
    }
}
