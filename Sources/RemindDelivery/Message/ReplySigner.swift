import Foundation
import RemindCore

/// The Reply-To address of an item's reminder mails (`inbox.reply_to` with the item's
/// signed token), so an owner's reply names the item it is about.
public struct ReplySigner: Sendable {
    public var address: ReplyAddress
    public var keys: LinkKeys

    public init(address: ReplyAddress, keys: LinkKeys) {
        self.address = address
        self.keys = keys
    }

    /// Nil without `inbox:` or without link keys.
    public init?(config: Config, keys: LinkKeys?) {
        guard let inbox = config.inbox, let keys, let address = ReplyAddress(pattern: inbox.replyTo) else { return nil }
        self.init(address: address, keys: keys)
    }

    /// For a reminder of an item; nil for event notices, digests and answers, which no
    /// reply can act on.
    public func address(for r: Reminder) -> String? {
        switch r.kind {
        case .eventExpected, .eventLate, .digest, .answer: return nil
        default: return address.address(token: ReplyToken.signed(item: r.subject, keys: keys))
        }
    }
}
