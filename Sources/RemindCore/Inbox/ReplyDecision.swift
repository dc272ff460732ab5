import Foundation

/// What the daemon does with one incoming message (DESIGN "Replies by mail"). Pure: the
/// reply as read, the config, the link keys, and a look-up from a message id to the item
/// of the reminder it was go in; the caller carries the decision out.
public enum ReplyDecision: Sendable, Equatable {
    /// Not acted on and not answered; the reason is for the log.
    case ignore(String)
    /// One of the item's people asked for `command`; answer `address`.
    case act(item: String, person: String, address: String, command: ReplyCommand)
    /// One of the item's people wrote something that is no command: one help message.
    case help(item: String, person: String, address: String, why: String)

    /// - Parameters:
    ///   - itemOfMessage: the item whose reminder had this Message-ID, if it was one of ours.
    public static func decide(_ reply: Reply, config: Config, keys: LinkKeys, index: ReplyToken.ItemIndex,
                              replyAddress: ReplyAddress?, itemOfMessage: (String) -> String?) -> ReplyDecision {
        if let why = reply.automatic { return .ignore("automatic mail (\(why))") }
        guard let sender = reply.sender else { return .ignore("no sender") }
        var tokenItem: String?
        if let replyAddress, let token = replyAddress.token(inAny: reply.recipients) {
            switch ReplyToken.verify(token, keys: keys, index: index) {
            case .success(let item): tokenItem = item
            case .failure(let f): return .ignore("the reply address's token does not verify (\(f))")
            }
        }
        let threadItem = reply.ancestors.lazy.compactMap(itemOfMessage).first
        if let tokenItem, let threadItem, tokenItem != threadItem {
            return .ignore("the token names '\(tokenItem)' but the message answers a reminder of '\(threadItem)'")
        }
        guard let id = tokenItem ?? threadItem else { return .ignore("matches no item") }
        guard let item = config.item(id) else { return .ignore("item '\(id)' is no longer in the config") }
        let address = sender.lowercased()
        guard let person = ([item.owner] + item.with).first(where: { p in
            config.people[p]?.emails.contains { $0.lowercased() == address } == true
        }) else {
            return .ignore("the sender is not one of the people of '\(id)'")
        }
        switch reply.reading {
        case .command(let c): return .act(item: id, person: person, address: address, command: c)
        case .noCommand: return .help(item: id, person: person, address: address, why: "no command in the first words")
        case .undecodable(let why): return .help(item: id, person: person, address: address, why: why)
        }
    }
}
