import Foundation

/// `inbox:` (DESIGN "Replies by mail"): the mailbox owners' replies arrive in, and the
/// Reply-To address reminder mails carry. The loader checks the shape; the URL, TLS and
/// trust rules and the password are checked where the IMAP client is built, by the same
/// one load (`InboxSetup`).
public struct InboxSection: Sendable, Hashable, Codable {
    public var url: String
    public var username: String
    public var passwordFile: String?
    public var passwordEnv: String?
    /// `required` (default) or `none` (loopback only).
    public var tls: String?
    public var caFile: String?
    public var pollSeconds: Double = 60
    /// `lrt+{token}@example.org`.
    public var replyTo: String
    /// The channel answers go out on; nil: the first smtp channel.
    public var answerChannel: String?

    public init(url: String, username: String, replyTo: String) {
        self.url = url
        self.username = username
        self.replyTo = replyTo
    }

    /// The part of `reply_to` before and after `{token}`.
    public var replyToParts: (prefix: String, suffix: String) {
        let r = replyTo.range(of: "{token}")!
        return (String(replyTo[..<r.lowerBound]), String(replyTo[r.upperBound...]))
    }

    /// The Reply-To address for a token.
    public func replyAddress(token: String) -> String {
        let (p, s) = replyToParts
        return p + token + s
    }
}
