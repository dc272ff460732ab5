import Foundation
import RemindDelivery
import Testing

/// The IMAP client the reply poller uses, against a real Dovecot on loopback, checked
/// through an independent client (imaplib): UIDVALIDITY, which UIDs are new, exact bytes,
/// the size cap, `\Seen`, one connection per session, TLS rules and error kinds.
@Suite(.enabled(if: DovecotServer.available, DovecotServer.skipReason))
struct IMAPClientTests {
    static let oneMiB = 1 << 20

    static func message(_ n: Int, body: String = "Klaar.") -> [UInt8] {
        Array("""
            From: Alice <alice@example.org>\r
            To: lrt+tok\(n)@example.org\r
            Subject: Re: [LRT] Send the quarterly report (\(n))\r
            Message-ID: <reply-\(n)@example.org>\r
            Date: Mon, 02 Oct 2023 10:00:00 +0200\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            \(body)\r
            Groet, Ålice\r

            """.utf8)
    }

    static func inbox(_ server: DovecotServer, password: String = DovecotServer.password, mailbox: String = "INBOX",
                      scheme: String = "imap", host: String = "127.0.0.1", port: Int? = nil, tls: TLSMode = .none,
                      caFile: String? = nil) throws -> IMAPInbox {
        let settings = try IMAPSettings(url: "\(scheme)://\(host):\(port ?? server.port)/\(mailbox)", username: DovecotServer.user,
                                        tls: tls, caFile: caFile, connectTimeout: 5, timeout: 30)
        return try IMAPInbox(settings: settings, password: password)
    }

    @Test func openReadsUIDValidity() async throws {
        let ws = try Workspace("imap-open")
        let server = try await DovecotServer(ws)
        let inbox = try Self.inbox(server)
        let state = try inbox.open()
        #expect(state.uidValidity == (try server.uidValidity()))
        #expect(state.messages == 0)
        #expect(state.uidNext == 1)
        inbox.close()
        _ = try server.append([Self.message(1), Self.message(2)])
        let again = try inbox.open()
        #expect(again.uidValidity == state.uidValidity, "same mailbox, same numbering")
        #expect(again.messages == 2)
        #expect(again.uidNext == 3)
    }

    @Test func newUIDsAreThoseAboveTheLastOne() async throws {
        let ws = try Workspace("imap-uids")
        let server = try await DovecotServer(ws)
        let uids = try server.append([Self.message(1), Self.message(2), Self.message(3)])
        #expect(uids.count == 3)
        let inbox = try Self.inbox(server)
        _ = try inbox.open()
        #expect(try inbox.newUIDs(after: 0) == uids)
        #expect(try inbox.newUIDs(after: uids[1]) == [uids[2]])
        // `UID n:*` matches the highest UID even when it is below n: not a new message.
        #expect(try inbox.newUIDs(after: uids[2]) == [])
        #expect(try inbox.newUIDs(after: uids[2] + 100) == [])
        #expect(try inbox.newUIDs(after: UInt32.max) == [])

        try inbox.markSeen(uid: uids[0])
        #expect(try inbox.newUIDs(after: 0, unseenOnly: true) == [uids[1], uids[2]])

        // A message arriving during a session is for the next one.
        let fourth = try server.append([Self.message(4)])
        #expect(try inbox.newUIDs(after: uids[2]) == [])
        _ = try inbox.open()
        #expect(try inbox.newUIDs(after: uids[2]) == fourth)
        inbox.close()
    }

    @Test func fetchReturnsTheBytesAppended() async throws {
        let ws = try Workspace("imap-fetch")
        let server = try await DovecotServer(ws)
        let original = Self.message(7, body: "gedaan\r\n\r\n> On Mon, 2 Oct 2023, LRT wrote:\r\n> Send the report")
        let uid = try #require(try server.append([original]).first)
        let inbox = try Self.inbox(server)
        let fetched = try #require(try inbox.fetch(uid: uid, limit: Self.oneMiB))
        #expect(fetched.uid == uid)
        #expect(fetched.bytes == original)
        #expect(fetched.size == original.count)
        #expect(!fetched.isTruncated)
        #expect(!fetched.wasSeen)
        #expect(try inbox.fetch(uid: uid + 10, limit: Self.oneMiB) == nil, "a UID the mailbox does not hold")
        let small = try #require(try inbox.fetch(uid: uid, limit: 40))
        #expect(small.bytes == Array(original.prefix(40)))
        #expect(small.isTruncated)
        #expect(small.wasSeen, "the first fetch set \\Seen")
    }

    @Test func aLargeMessageIsFetchedOnlyUpToTheLimit() async throws {
        let ws = try Workspace("imap-large")
        let server = try await DovecotServer(ws)
        var big = Array("""
            From: Alice <alice@example.org>\r
            To: lrt@example.org\r
            Subject: Re: the minutes, with the recording\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain\r
            \r
            done\r
            --b1\r
            Content-Type: application/octet-stream\r
            Content-Transfer-Encoding: base64\r
            \r

            """.utf8)
        let line = Array(String(repeating: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3", count: 19).utf8) + [13, 10]
        while big.count < 20_000_000 { big += line }
        big += Array("--b1--\r\n".utf8)
        let uid = try #require(try server.append([big]).first)

        let inbox = try Self.inbox(server)
        let started = Date()
        let fetched = try #require(try inbox.fetch(uid: uid, limit: Self.oneMiB))
        let seconds = Date().timeIntervalSince(started)
        inbox.close()
        #expect(fetched.bytes.count == Self.oneMiB)
        #expect(fetched.bytes == Array(big.prefix(Self.oneMiB)), "headers and the start of the body, intact")
        #expect(fetched.size == big.count)
        #expect(fetched.isTruncated)
        #expect(seconds < 5, "took \(seconds) s")
        // The server's own count: no session sent anything near the whole message.
        try await Poll.until("dovecot to log the session's end", context: { server.log }) {
            server.bytesSentPerSession.count >= 2
        }
        let sent = server.bytesSentPerSession
        #expect(sent.allSatisfy { $0 < 2 * Self.oneMiB }, "bytes sent per session: \(sent)")
    }

    @Test func markSeenSetsTheFlag() async throws {
        let ws = try Workspace("imap-seen")
        let server = try await DovecotServer(ws)
        let uids = try server.append([Self.message(1), Self.message(2)])
        #expect(try !server.flags(uid: uids[0]).contains("\\Seen"))
        let inbox = try Self.inbox(server)
        _ = try inbox.open()
        try inbox.markSeen(uid: uids[0])
        try inbox.markSeen(uid: uids[1] + 50) // gone or never there: not an error
        inbox.close()
        #expect(try server.flags(uid: uids[0]).contains("\\Seen"))
        #expect(try !server.flags(uid: uids[1]).contains("\\Seen"))
    }

    @Test func aSessionIsOneConnection() async throws {
        let ws = try Workspace("imap-conn")
        let server = try await DovecotServer(ws)
        let uids = try server.append([Self.message(1), Self.message(2)])
        let before = server.logins
        let inbox = try Self.inbox(server)
        _ = try inbox.open()
        for uid in try inbox.newUIDs(after: 0) {
            _ = try inbox.fetch(uid: uid, limit: Self.oneMiB)
            try inbox.markSeen(uid: uid)
        }
        inbox.close()
        #expect(uids.count == 2)
        try await Poll.until("dovecot to log the login") { server.logins > before }
        #expect(server.logins == before + 1, "one login for open, search, two fetches, two stores:\n\(server.log)")
    }

    @Test func aWrongPasswordIsALoginErrorThatNamesNoPassword() async throws {
        let ws = try Workspace("imap-auth")
        let server = try await DovecotServer(ws)
        let wrong = "Wrong-Passw0rd-9921"
        let inbox = try Self.inbox(server, password: wrong)
        let error = try #require(throws: InboxError.self) { try inbox.open() }
        #expect(error.kind == .loginRefused, "\(error)")
        #expect(!error.isRetryable)
        #expect(!error.description.contains(wrong))
        #expect(!error.description.contains(Data(wrong.utf8).base64EncodedString()))
        #expect(!error.description.contains(DovecotServer.password))
    }

    @Test func aStoppedServerIsWorthRetrying() async throws {
        let ws = try Workspace("imap-down")
        let server = try await DovecotServer(ws)
        let inbox = try Self.inbox(server)
        _ = try inbox.open()
        inbox.close()
        try await server.stop()
        let error = try #require(throws: InboxError.self) { try inbox.open() }
        #expect(error.kind == .unavailable, "\(error)")
        #expect(error.isRetryable)
    }

    @Test func aMissingMailboxIsReported() async throws {
        let ws = try Workspace("imap-nobox")
        let server = try await DovecotServer(ws)
        let inbox = try Self.inbox(server, mailbox: "Replies")
        let error = try #require(throws: InboxError.self) { try inbox.open() }
        #expect(error.kind == .noMailbox, "\(error)")
        #expect(!error.isRetryable)
    }

    @Test func implicitTLSWithTheTestCA() async throws {
        let ws = try Workspace("imap-imaps")
        let server = try await DovecotServer(ws, tls: true)
        let uid = try #require(try server.append([Self.message(1)]).first)
        let inbox = try Self.inbox(server, scheme: "imaps", port: server.tlsPort, tls: .required, caFile: server.certificate)
        let state = try inbox.open()
        #expect(state.uidValidity == (try server.uidValidity()))
        #expect(try inbox.fetch(uid: uid, limit: Self.oneMiB)?.bytes == Self.message(1))
    }

    @Test func startTLSWithTheTestCA() async throws {
        let ws = try Workspace("imap-starttls")
        let server = try await DovecotServer(ws, tls: true)
        let uid = try #require(try server.append([Self.message(1)]).first)
        let inbox = try Self.inbox(server, host: "localhost", tls: .required, caFile: server.certificate)
        #expect(try inbox.open().messages == 1)
        #expect(try inbox.newUIDs(after: 0) == [uid])
    }

    @Test func anUntrustedCertificateIsRefused() async throws {
        let ws = try Workspace("imap-untrust")
        let server = try await DovecotServer(ws, tls: true)
        let inbox = try Self.inbox(server, scheme: "imaps", port: server.tlsPort, tls: .required)
        let error = try #require(throws: InboxError.self) { try inbox.open() }
        #expect(error.kind == .tlsRefused, "\(error)")
        #expect(!error.isRetryable)
    }

    @Test func imapWithoutSTARTTLSIsRefusedWhenTLSIsRequired() async throws {
        let ws = try Workspace("imap-nostarttls")
        let server = try await DovecotServer(ws) // ssl = no: no STARTTLS offered
        let inbox = try Self.inbox(server, tls: .required)
        let error = try #require(throws: InboxError.self) { try inbox.open() }
        #expect(error.kind == .tlsRefused, "\(error)")
        #expect(error.description.contains("STARTTLS"))
        #expect(server.logins == 0, "nothing logged in over plain text:\n\(server.log)")
    }

    @Test func uidValidityChangesWhenTheMailboxIsRecreated() async throws {
        let ws = try Workspace("imap-recreate")
        let server = try await DovecotServer(ws)
        try server.create("Replies")
        _ = try server.append([Self.message(1)], to: "Replies")
        let inbox = try Self.inbox(server, mailbox: "Replies")
        let first = try inbox.open()
        inbox.close()
        try server.delete("Replies")
        try server.create("Replies")
        let second = try inbox.open()
        #expect(second.uidValidity != first.uidValidity)
        #expect(second.messages == 0)
        #expect(try inbox.newUIDs(after: 0) == [])
    }
}
