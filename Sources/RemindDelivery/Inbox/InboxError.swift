/// Why a mailbox operation failed, sorted by what the poller should do about it. Only
/// `isRetryable` kinds are worth trying again at the next poll; the others need someone to
/// change the config or the server, so the poller reports them and retries slowly. The
/// message never holds the password.
public struct InboxError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// The server could not be reached, the connection broke or timed out, the TLS
        /// handshake failed, or the server said it is temporarily unavailable.
        case unavailable
        /// The server refused the username or password.
        case loginRefused
        /// The certificate does not verify, or `imap://` without STARTTLS where TLS is required.
        case tlsRefused
        /// The mailbox does not exist or cannot be selected.
        case noMailbox
        /// The server answered a command with NO or BAD.
        case commandRefused
        /// The server's answer could not be used: more bytes than were asked for, or no
        /// UIDVALIDITY.
        case badAnswer
        /// The mailbox was renumbered since `open()`: open it again and compare.
        case uidValidityChanged
        /// Anything else (libcurl could not be set up, out of memory).
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Worth trying again at the next poll without anyone changing anything.
    public var isRetryable: Bool { kind == .unavailable || kind == .uidValidityChanged }

    public var description: String { message }
}
