import Foundation
import Testing
@testable import RemindDelivery

/// The IMAP client's pure parts: reading untagged replies, planning bounded searches,
/// checking settings, and sorting libcurl failures into what the poller acts on.
@Suite struct InboxTests {
    func body(_ lines: String...) -> [UInt8] { Array(lines.joined(separator: "\r\n").utf8) + [13, 10] }

    @Test func selectReplies() {
        let s = IMAPReplies.selected([
            "* OK [CAPABILITY IMAP4rev1] ready", "A002 OK Logged in", "* FLAGS (\\Seen)",
            "* 3 EXISTS", "* 0 RECENT", "* ok [UIDVALIDITY 1796537756] UIDs valid", "* OK [UIDNEXT 4] Predicted next UID",
            "A003 OK [READ-WRITE] Select completed",
        ])
        #expect(s == .init(uidValidity: 1_796_537_756, uidNext: 4, exists: 3))
        #expect(IMAPReplies.selected(["* OK [UIDVALIDITY 0] x", "* OK [UIDNEXT 99999999999] x", "* ₃ EXISTS"])
                == .init(uidValidity: nil, uidNext: nil, exists: nil))
    }

    @Test func searchReplies() {
        #expect(IMAPReplies.searchUIDs(body("* SEARCH 3 5 4294967295")) == [3, 5, 4_294_967_295])
        #expect(IMAPReplies.searchUIDs(body("* SEARCH")) == [])
        #expect(IMAPReplies.searchUIDs(body("* 4 EXISTS", "* search 7 8 (MODSEQ 12)", "* SEARCH 9")) == [7, 8, 9])
        #expect(IMAPReplies.searchUIDs(body("* SEARCH 0 4294967296 1x ١ 2")) == [2])
    }

    @Test func fetchReplies() {
        let reply = body("* 2 FETCH (FLAGS (\\Seen \\Answered) UID 9 RFC822.SIZE 118)",
                         "* 3 FETCH (FLAGS ())", "* 4 FETCH (UID 10 RFC822.SIZE 20 FLAGS ($Junk))")
        #expect(IMAPReplies.sizeAndSeen(reply, uid: 9)! == (118, true))
        #expect(IMAPReplies.sizeAndSeen(reply, uid: 10)! == (20, false))
        #expect(IMAPReplies.sizeAndSeen(reply, uid: 11) == nil)
        #expect(IMAPReplies.sizeAndSeen(body("* 2 FETCH (UID 9 RFC822.SIZE 118 FLAGS (\\Seen)"), uid: 9) == nil, "unbalanced")
        #expect(IMAPReplies.sizeAndSeen(body("* 2 FETCH (UID 9 BODY[] {5}"), uid: 9) == nil)
    }

    /// A server double answering `UID SEARCH` the way IMAP does, over a mailbox of `uids`
    /// (ascending; sequence number = position + 1), recording what it was asked.
    final class SearchDouble {
        var uids: [UInt32]
        var unseen: Set<UInt32> = []
        var asked: [String] = []
        init(_ uids: [UInt32]) { self.uids = uids }

        func search(_ criteria: String) -> [UInt32] {
            asked.append(criteria)
            var words = criteria.split(separator: " ").map(String.init)
            var candidates = uids
            func set(_ s: String, max: UInt32) -> ClosedRange<UInt32> {
                let p = s.split(separator: ":")
                let a = p[0] == "*" ? max : UInt32(p[0])!
                let b = p.count == 1 ? a : (p[1] == "*" ? max : UInt32(p[1])!)
                return min(a, b)...Swift.max(a, b) // n:* with n above max is max:n
            }
            var alternatives: [UInt32]?
            while !words.isEmpty {
                let w = words.removeFirst()
                if w == "UID" {
                    let r = set(words.removeFirst(), max: uids.last ?? 0)
                    candidates = candidates.filter { r.contains($0) }
                } else if w == "UNSEEN" {
                    candidates = candidates.filter { unseen.contains($0) }
                } else if w == "OR" { // OR UNSEEN UID a:b
                    _ = words.removeFirst(); _ = words.removeFirst()
                    let r = set(words.removeFirst(), max: uids.last ?? 0)
                    alternatives = candidates.filter { unseen.contains($0) || r.contains($0) }
                } else {
                    let r = set(w, max: UInt32(uids.count))
                    candidates = candidates.enumerated().filter { r.contains(UInt32($0.offset + 1)) }.map(\.element)
                }
            }
            return alternatives ?? candidates
        }

        func newUIDs(after: UInt32, unseenOnly: Bool = false, uidNext: UInt32?, chunk: Int = 3) -> [UInt32] {
            try! UIDListing.newUIDs(after: after, unseenOnly: unseenOnly, uidNext: uidNext, messages: uids.count,
                                    chunk: chunk) { search($0) }
        }
    }

    @Test func theUsualPollIsOneClosedRange() {
        let d = SearchDouble([1, 2, 3, 4, 5])
        #expect(d.newUIDs(after: 3, uidNext: 6) == [4, 5])
        #expect(d.asked == ["UID 4:5"])
        d.asked = []
        #expect(d.newUIDs(after: 5, uidNext: 6) == [])
        #expect(d.asked == [], "nothing above UIDNEXT - 1: no command")
        d.unseen = [5]
        #expect(d.newUIDs(after: 3, unseenOnly: true, uidNext: 6) == [5])
    }

    @Test func manyUIDsAreWalkedDownInBoundedChunks() {
        // Sparse UIDs: a UID range would need thousands of searches, sequence numbers few.
        let uids: [UInt32] = [10, 2_000, 40_000, 40_001, 90_000, 1_000_000, 1_000_002]
        let d = SearchDouble(uids)
        #expect(d.newUIDs(after: 40_000, uidNext: 1_000_003) == [40_001, 90_000, 1_000_000, 1_000_002])
        #expect(d.asked == ["5:*", "2:4"], "stops at the chunk holding an old message")
        d.asked = []
        #expect(d.newUIDs(after: 0, uidNext: 1_000_003) == uids)
        #expect(d.asked == ["5:*", "2:4", "1:1"])
        d.asked = []
        d.unseen = [2_000, 90_000]
        #expect(d.newUIDs(after: 0, unseenOnly: true, uidNext: nil) == [2_000, 90_000])
        d.asked = []
        #expect(d.newUIDs(after: 1_000, unseenOnly: true, uidNext: nil) == [2_000, 90_000])
        #expect(d.asked == ["5:* OR UNSEEN UID 1:1000", "2:4 OR UNSEEN UID 1:1000", "1:1 OR UNSEEN UID 1:1000"])
        for (i, asked) in d.asked.enumerated() {
            #expect(d.search(asked).count <= 3, "chunk \(i) answered more than the chunk")
        }
    }

    @Test func theHighestUIDAnsweredForNStarIsNotNew() throws {
        let d = SearchDouble([1, 2, 3])
        // Without UIDNEXT the walk runs; `n:*`-style answers below `after` are dropped.
        #expect(d.newUIDs(after: 3, uidNext: nil) == [])
        #expect(d.newUIDs(after: 7, uidNext: nil) == [])
        #expect(try UIDListing.newUIDs(after: 3, unseenOnly: false, uidNext: 9, messages: 3) { _ in [3] } == [])
    }

    @Test func settings() throws {
        let s = try IMAPSettings(url: "imaps://mail.example.org/INBOX", username: "lrt")
        #expect(s.security == .implicitTLS)
        #expect(s.mailboxURL == "imaps://mail.example.org/INBOX")
        let plain = try IMAPSettings(url: "imap://127.0.0.1:1143/Lists%20Replies/", username: "lrt", tls: .none)
        #expect(plain.security == .none)
        #expect(plain.mailbox == "Lists Replies")
        #expect(plain.mailboxURL == "imap://127.0.0.1:1143/Lists%20Replies")
        #expect(try IMAPSettings(url: "imap://[::1]:1143", username: "lrt", tls: .none).mailboxURL == "imap://[::1]:1143/INBOX")
        #expect(try IMAPSettings(url: "imap://mail.example.org/INBOX", username: "lrt").security == .startTLSRequired)

        func refused(_ url: String, tls: TLSMode = .required, username: String = "lrt") -> InboxSettingsError? {
            do { _ = try IMAPSettings(url: url, username: username, tls: tls); return nil } catch { return error }
        }
        #expect(refused("imap://mail.example.org/INBOX", tls: .none)?.key == "tls")
        #expect(refused("imap://127.example.org/INBOX", tls: .none)?.key == "tls")
        #expect(refused("imaps://127.0.0.1/INBOX", tls: .none)?.key == "tls")
        #expect(refused("imaps://lrt:pw@mail.example.org/INBOX")?.description == "inbox.url: url must not carry credentials; use username and password_file")
        #expect(refused("imaps://mail.example.org/INBOX;UID=1")?.key == "url")
        #expect(refused("imaps://mail.example.org/INBOX?x")?.key == "url")
        #expect(refused("smtps://mail.example.org/INBOX")?.key == "url")
        #expect(refused("imaps://mail.example.org/IN%0D%0ABOX")?.key == "url")
        #expect(refused("imaps://mail.example.org/INBOX", username: "lrt\r\nA1 LOGOUT")?.key == "username")
        #expect(throws: InboxSettingsError.self) { try IMAPInbox(settings: s, password: "pw\r\nA1 LOGOUT") }
    }

    @Test func failureKinds() {
        let redactor = Redactor(secrets: ["Geheim-42"])
        func kind(_ k: CurlError.Kind, message: String = "failure", lines: [String] = [], overflowed: Bool = false) -> InboxError {
            let e = CurlError(kind: k, code: 1, message: message,
                              response: CurlResponse(code: 0, headerLines: lines, body: [], overflowed: overflowed))
            return IMAPInbox.classify(e, doing: "open INBOX on mail.example.org", limit: 100, redactor: redactor)
        }
        #expect(kind(.connect).kind == .unavailable)
        #expect(kind(.timeout).isRetryable)
        #expect(kind(.tlsHandshake).kind == .unavailable)
        #expect(kind(.tlsTrust).kind == .tlsRefused)
        #expect(kind(.tlsUnavailable).kind == .tlsRefused)
        let login = kind(.loginDenied, message: "Login denied", lines: ["A002 NO [AUTHENTICATIONFAILED] Geheim-42 is wrong"])
        #expect(login.kind == .loginRefused)
        #expect(!login.isRetryable)
        #expect(!login.description.contains("Geheim-42"))
        #expect(login.description.contains("AUTHENTICATIONFAILED"))
        #expect(kind(.loginDenied, lines: ["A002 NO [UNAVAILABLE] auth backend down"]).kind == .unavailable)
        #expect(kind(.loginDenied, message: "Select failed", lines: ["A003 NO Mailbox doesn't exist: X"]).kind == .noMailbox)
        #expect(kind(.serverRefused, lines: ["A004 BAD Error in IMAP command"]).kind == .commandRefused)
        #expect(kind(.other, overflowed: true).kind == .badAnswer)
    }
}
