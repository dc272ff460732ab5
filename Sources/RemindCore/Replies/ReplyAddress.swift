/// The `inbox.reply_to` pattern (`lrt+{token}@example.org`): the reply address of an item,
/// and the token back out of an address a reply was sent to. Addresses are compared
/// without regard to case, and so is the token.
public struct ReplyAddress: Sendable, Equatable {
    public static let placeholder = "{token}"

    /// Lowercased, around `{token}`.
    public let prefix: String
    public let suffix: String

    /// Nil unless `pattern` holds `{token}` exactly once, in the local part.
    public init?(pattern: String) {
        let parts = pattern.components(separatedBy: Self.placeholder)
        guard parts.count == 2, !parts[0].contains("@"), parts[1].contains("@") else { return nil }
        prefix = parts[0].lowercased()
        suffix = parts[1].lowercased()
    }

    public func address(token: String) -> String { prefix + token + suffix }

    /// The token in `address`, lowercased, if the address has the pattern's shape and what
    /// stands for `{token}` is letters and digits.
    public func token(in address: String) -> String? {
        let a = address.lowercased()
        guard a.utf8.count > prefix.utf8.count + suffix.utf8.count, a.hasPrefix(prefix), a.hasSuffix(suffix) else {
            return nil
        }
        let token = a.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)
        guard token.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }) else { return nil }
        return String(decoding: token, as: UTF8.self)
    }

    /// The first token among `recipients` (a `Reply`'s).
    public func token(inAny recipients: [String]) -> String? {
        recipients.lazy.compactMap { token(in: $0) }.first
    }
}
