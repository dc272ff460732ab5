/// What the reply poller needs from a mailbox, and nothing more: learn which UIDs are
/// valid, list the messages that arrived after the last one read, read one (its first part
/// only), and mark it read. The poller keeps `uidValidity` and the last UID it handled in
/// its store; a test double stands in for the server in its tests. `IMAPInbox` is the
/// real one.
///
/// One poll is `open()`, then any number of the other calls, then `close()`; they share
/// one connection. A call other than `open()` on a closed mailbox opens it first.
public protocol Inbox: AnyObject {
    /// Connects, logs in and selects the mailbox, on a new connection.
    func open() throws(InboxError) -> InboxState

    /// The UIDs above `after`, ascending, of the messages that were in the mailbox when it
    /// was opened; with `unseenOnly`, only those without `\Seen`.
    func newUIDs(after: UInt32, unseenOnly: Bool) throws(InboxError) -> [UInt32]

    /// The first `limit` bytes of message `uid` as stored (headers first), or nil when the
    /// mailbox no longer holds it. Fetching sets `\Seen` on the server.
    func fetch(uid: UInt32, limit: Int) throws(InboxError) -> FetchedMessage?

    /// Sets `\Seen` on message `uid`; a UID the mailbox no longer holds is not an error.
    func markSeen(uid: UInt32) throws(InboxError)

    /// Ends the session (IMAP LOGOUT). Harmless when nothing is open.
    func close()
}

extension Inbox {
    public func newUIDs(after: UInt32) throws(InboxError) -> [UInt32] {
        try newUIDs(after: after, unseenOnly: false)
    }
}

/// A mailbox as `open()` found it. UIDs are only comparable under one `uidValidity`: when
/// it changes, the server has renumbered the mailbox and a stored "last UID" means nothing.
public struct InboxState: Equatable, Sendable {
    public var uidValidity: UInt32
    /// The UID the next message will get (the server's prediction), when it said.
    public var uidNext: UInt32?
    /// How many messages the mailbox held.
    public var messages: Int

    public init(uidValidity: UInt32, uidNext: UInt32?, messages: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
    }
}

/// One message, or its first part.
public struct FetchedMessage: Equatable, Sendable {
    public var uid: UInt32
    /// The message as stored (CRLF line ends), cut after the fetch's limit.
    public var bytes: [UInt8]
    /// The whole message's size in bytes (RFC822.SIZE).
    public var size: Int
    /// Whether it carried `\Seen` before this fetch (which sets it).
    public var wasSeen: Bool

    public init(uid: UInt32, bytes: [UInt8], size: Int, wasSeen: Bool) {
        self.uid = uid
        self.bytes = bytes
        self.size = size
        self.wasSeen = wasSeen
    }

    /// Only the first part was fetched.
    public var isTruncated: Bool { bytes.count < size }
}
