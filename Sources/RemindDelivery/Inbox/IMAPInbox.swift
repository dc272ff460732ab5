import Foundation

/// A mailbox on an IMAP server, through libcurl. Each `open()` starts a new connection (so
/// its SELECT, and the UIDVALIDITY it names, is fresh); the calls after it share that
/// connection, as libcurl reuses an easy handle's connection and skips the SELECT of a
/// mailbox it already has selected. Should libcurl reconnect on its own within a session,
/// its new SELECT is checked against the one `open()` saw: a different UIDVALIDITY ends
/// the call with `.uidValidityChanged`, never a UID from another numbering.
///
/// Not thread-safe: one poller uses it from one task at a time.
public final class IMAPInbox: Inbox {
    public let settings: IMAPSettings
    private let password: String
    private let redactor: Redactor
    private var curl: CurlHandle?
    /// What the session's SELECT said; nil while closed.
    private var selected: InboxState?

    /// The untagged replies of one command stay far below this; a fetch has its own limit.
    static let replyLimit = 1 << 20

    public init(settings: IMAPSettings, password: String) throws(InboxSettingsError) {
        guard !password.unicodeScalars.contains(where: { $0.value == 0 || $0.value == 0x0A || $0.value == 0x0D }) else {
            throw InboxSettingsError(key: "password_file", "the password holds a line break or NUL")
        }
        self.settings = settings
        self.password = password
        redactor = Redactor(secrets: [password])
    }

    deinit { close() }

    public func open() throws(InboxError) -> InboxState {
        close()
        let reply = try perform(.command("NOOP"), url: settings.mailboxURL, limit: Self.replyLimit, doing: "open")
        let s = IMAPReplies.selected(reply.headerLines)
        guard let validity = s.uidValidity else {
            close()
            throw InboxError(.badAnswer, "opening \(settings.mailbox) on \(settings.host): the server named no UIDVALIDITY")
        }
        let state = InboxState(uidValidity: validity, uidNext: s.uidNext, messages: s.exists ?? 0)
        selected = state
        return state
    }

    public func newUIDs(after: UInt32, unseenOnly: Bool) throws(InboxError) -> [UInt32] {
        let state = try session()
        return try UIDListing.newUIDs(after: after, unseenOnly: unseenOnly, uidNext: state.uidNext,
                                      messages: state.messages) { criteria throws(InboxError) in
            let reply = try perform(.command("UID SEARCH \(criteria)"), url: settings.mailboxURL,
                                    limit: Self.replyLimit, doing: "search")
            return IMAPReplies.searchUIDs(reply.body)
        }
    }

    /// Two steps on the one connection: `UID FETCH n (RFC822.SIZE FLAGS)` (does it still
    /// exist, how big, seen before?), then libcurl's `;UID=n;PARTIAL=0.limit` URL, which asks
    /// for `BODY[]<0.limit>`: the server sends at most `limit` bytes, so a 20 MB attachment
    /// is not pulled to read a reply's first lines. A server that sends more anyway is
    /// stopped at `limit` (`.badAnswer`).
    public func fetch(uid: UInt32, limit: Int) throws(InboxError) -> FetchedMessage? {
        precondition(uid > 0 && limit > 0, "a UID and a limit above zero")
        _ = try session()
        let info = try perform(.command("UID FETCH \(uid) (RFC822.SIZE FLAGS)"), url: settings.mailboxURL,
                               limit: Self.replyLimit, doing: "fetch")
        guard let (size, seen) = IMAPReplies.sizeAndSeen(info.body, uid: uid) else { return nil }
        guard size > 0 else { return FetchedMessage(uid: uid, bytes: [], size: 0, wasSeen: seen) }
        let reply = try perform(.url, url: "\(settings.mailboxURL);UID=\(uid);PARTIAL=0.\(limit)", limit: limit,
                                doing: "fetch")
        return FetchedMessage(uid: uid, bytes: reply.body, size: size, wasSeen: seen)
    }

    public func markSeen(uid: UInt32) throws(InboxError) {
        precondition(uid > 0, "a UID above zero")
        _ = try session()
        _ = try perform(.command("UID STORE \(uid) +FLAGS.SILENT (\\Seen)"), url: settings.mailboxURL,
                        limit: Self.replyLimit, doing: "mark seen")
    }

    public func close() {
        curl = nil // curl_easy_cleanup sends LOGOUT on an open connection
        selected = nil
    }

    /// The open session's state, opening one when closed.
    private func session() throws(InboxError) -> InboxState {
        if let selected { return selected }
        return try open()
    }

    private func connection() throws(InboxError) -> CurlHandle {
        if let curl { return curl }
        do {
            let h = try CurlHandle(settings: CurlSettings(protocols: "imap,imaps", connectTimeout: settings.connectTimeout,
                                                          timeout: settings.timeout, caFile: settings.caFile))
            try h.configureIMAP(security: settings.security, username: settings.username, password: password)
            curl = h
            return h
        } catch {
            throw InboxError(.other, "setting up IMAP for \(settings.host): \(redactor.redact(error.description))")
        }
    }

    /// One transfer; a SELECT that libcurl sent on the way (a new connection) is checked
    /// against the session's.
    private func perform(_ request: IMAPRequest, url: String, limit: Int, doing what: String) throws(InboxError) -> CurlResponse {
        let h = try connection()
        let reply: CurlResponse
        do {
            reply = try h.imap(url: url, request, bodyLimit: limit)
        } catch {
            throw Self.classify(error, doing: "\(what) \(settings.mailbox) on \(settings.host)", limit: limit,
                                redactor: redactor)
        }
        if let session = selected, let validity = IMAPReplies.selected(reply.headerLines).uidValidity,
           validity != session.uidValidity {
            close()
            throw InboxError(.uidValidityChanged, "\(settings.mailbox) on \(settings.host) was renumbered: UIDVALIDITY \(session.uidValidity) is now \(validity)")
        }
        return reply
    }

    /// What a failed transfer means for the poller. libcurl reports a refused login and a
    /// refused SELECT with the same code; the server's tagged reply and libcurl's message
    /// tell them apart.
    static func classify(_ e: CurlError, doing what: String, limit: Int, redactor: Redactor) -> InboxError {
        let said = e.response.headerLines.last(where: isTaggedFailure)
        let detail = redactor.redact(said.map { "\(e.message); the server said: \($0)" } ?? e.description)
        if e.response.overflowed {
            return InboxError(.badAnswer, "\(what): the server sent more than the \(limit) bytes asked for")
        }
        if let said, said.uppercased().contains("[UNAVAILABLE]") || said.uppercased().contains("[INUSE]") {
            return InboxError(.unavailable, "\(what): \(detail)")
        }
        let kind: InboxError.Kind
        switch e.kind {
        case .connect, .timeout, .transport, .tlsHandshake:
            kind = .unavailable
        case .tlsTrust:
            kind = .tlsRefused
        case .tlsUnavailable:
            return InboxError(.tlsRefused, "\(what): the server does not offer STARTTLS, which imap:// requires (\(detail))")
        case .loginDenied:
            let selectFailed = e.message.localizedCaseInsensitiveContains("select")
                || said?.uppercased().contains("[NONEXISTENT]") == true
            kind = selectFailed ? .noMailbox : .loginRefused
        case .serverRefused:
            kind = .commandRefused
        case .badURL, .other:
            kind = .other
        }
        return InboxError(kind, "\(what): \(detail)")
    }

    /// `A003 NO …` or `A003 BAD …`: a tagged failure.
    static func isTaggedFailure(_ line: String) -> Bool {
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count >= 2, words[0] != "*", words[0] != "+" else { return false }
        let status = words[1].uppercased()
        return status == "NO" || status == "BAD"
    }
}
