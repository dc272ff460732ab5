import Foundation
import Testing

/// Every reply of `Tests/RemindCoreTests/Fixtures/replies` (the shapes Outlook, Gmail, Apple
/// Mail and Thunderbird write, and the bad ones: out-of-office, bounce, stranger, broken
/// MIME, unknown charset, subject only, attachment) put into a real Dovecot by APPEND and
/// read by the running daemon, one item per fixture: what changes (`status --json`, the
/// actions of `history --json` with source `mail`), who is answered (aiosmtpd), and that
/// every message is read once and ends `\Seen`.
///
/// A fixture answers a reminder the daemon never sent: before the APPEND its reply token
/// (in the `lrt+TOKEN@example.org` address of To/Cc) becomes the token of its item's
/// reminder, and the `<remindd.…>` ids of In-Reply-To/References that reminder's
/// Message-ID. Every other byte stays as the mail client wrote it.
@Suite(.enabled(if: PythonServer.available && DovecotServer.available,
                "needs python3 with aiosmtpd and Dovecot (dovecot-imapd); scripts/setup --test installs both; set CI to make this a failure"))
struct ReplyFixtureTests {
    /// What the daemon must do with one fixture (DESIGN "Replies by mail").
    enum Expected: CustomStringConvertible {
        /// Marked done; the sender is told so.
        case done
        /// Snoozed until the moment of reading plus `days`; the sender is told until when.
        case snooze(days: Int)
        /// Open again (the item is made done first); the sender is told so.
        case reopen
        /// One of the item's people wrote no command, or nothing that decodes: one help message.
        case help
        /// Not acted on and not answered; `why` is the reason the daemon logs.
        case ignored(why: String)

        var description: String {
            switch self {
            case .done: "done"
            case .snooze(let days): "snooze \(days) days"
            case .reopen: "reopen"
            case .help: "help answer"
            case .ignored(let why): "ignored without answer (\(why))"
            }
        }

        var answered: Bool {
            if case .ignored = self { return false }
            return true
        }
    }

    struct Case {
        var file: String
        /// The config person who owns the fixture's item.
        var owner: String
        /// The From address, which an answer goes to (lowercased).
        var sender: String
        var expected: Expected

        var item: String { "f-" + file.replacingOccurrences(of: ".eml", with: "") }
        var title: String { "Reply fixture \(file.replacingOccurrences(of: ".eml", with: ""))" }
    }

    static let automatic = "automatic mail"
    static let notTheirs = "the sender is not one of the people"

    /// One row per file in Fixtures/replies, read from the file itself.
    static let cases: [Case] = [
        // Top-posted "Heropen graag:" in text and HTML alternatives, quoted-printable.
        Case(file: "apple-mail-nl.eml", owner: "pieter", sender: "pieter.deboer@icloud.com", expected: .reopen),
        // "klaar, de lijst staat in de bijlage." in the body part; the attached text file
        // before it says "heropen" and is not the reply. Found by its token alone.
        Case(file: "attachment-pdf.eml", owner: "anne", sender: "anne.jansen@minbzk.nl", expected: .done),
        // A delivery status report (Auto-Submitted, multipart/report, Return-Path <>).
        Case(file: "bounce.eml", owner: "anne", sender: "mailer-daemon@mx.minbzk.nl", expected: .ignored(why: automatic)),
        // Anne's, but the base64 body does not decode.
        Case(file: "broken-base64.eml", owner: "anne", sender: "anne.jansen@minbzk.nl", expected: .help),
        // "gedaan" in a multipart whose end boundary never comes.
        Case(file: "broken-no-end-boundary.eml", owner: "anne", sender: "anne.jansen@minbzk.nl", expected: .done),
        // "Done - sent the proposal…", base64 text and HTML, "On … wrote:" wrapped.
        Case(file: "gmail-en.eml", owner: "tom", sender: "tom.baker@gmail.com", expected: .done),
        // "Uitstel 3 dagen graag", quoted-printable, "Op … schreef" wrapped over two lines.
        Case(file: "gmail-nl.eml", owner: "mohammed", sender: "m.elamrani@gmail.com", expected: .snooze(days: 3)),
        // A vacation script (X-Autoreply, Precedence: junk) whose text starts with "Done".
        Case(file: "out-of-office-autoreply-en.eml", owner: "tom", sender: "tom.baker@lrt.example",
             expected: .ignored(why: automatic)),
        // Exchange's automatic answer (Auto-Submitted: auto-replied) starting "Later deze maand".
        Case(file: "out-of-office-exchange-nl.eml", owner: "anne", sender: "anne.jansen@minbzk.nl",
             expected: .ignored(why: automatic)),
        // "Klaar," in Windows-1252 quoted-printable, the token in capitals.
        Case(file: "outlook-desktop-nl.eml", owner: "anne", sender: "anne.jansen@minbzk.nl", expected: .done),
        // "Reopen - the ruling moved…" above "-----Original Message-----".
        Case(file: "outlook-original-message-en.eml", owner: "jdewit", sender: "j.dewit@lrt.example", expected: .reopen),
        // HTML only: "Snooze 2 weeks please".
        Case(file: "outlook-web-en.eml", owner: "sarah", sender: "s.devries@sjenv.example", expected: .snooze(days: 14)),
        // "uitstel twee weken" in ISO-8859-1 plain text, a Cc beside the reply address.
        Case(file: "outlook-web-nl-plain.eml", owner: "bart", sender: "b.willems@jenv.example", expected: .snooze(days: 14)),
        // mallory, dressed up as Anne in the display name, Sender and Reply-To, writes "done".
        Case(file: "stranger.eml", owner: "anne", sender: "mallory@evil.example", expected: .ignored(why: notTheirs)),
        // "klaar" in the subject, nothing in the body: no command.
        Case(file: "subject-only.eml", owner: "anne", sender: "anne.jansen@minbzk.nl", expected: .help),
        // Inline below the quote: "Snooze 1 week, MBZK is away…".
        Case(file: "thunderbird-inline-en.eml", owner: "kees", sender: "kees.visser@sjenv.example", expected: .snooze(days: 7)),
        // "Afgerond." in ISO-8859-1 base64 with bare line feeds.
        Case(file: "thunderbird-latin1-base64-nl.eml", owner: "renee", sender: "renee.smit@ipo.example", expected: .done),
        // An owner's reply in ISO-2022-JP, a charset the daemon does not read.
        Case(file: "unknown-charset.eml", owner: "kenji", sender: "k.sato@example.jp", expected: .help),
    ]

    /// The fixtures' senders as the config's people (Tom writes from two addresses).
    static let people = [
        "anne: { name: Anne Jansen, email: anne.jansen@minbzk.nl }",
        "mohammed: { name: Mohammed El Amrani, email: m.elamrani@gmail.com }",
        "tom: { name: Tom Baker, email: [tom.baker@lrt.example, tom.baker@gmail.com] }",
        "pieter: { name: Pieter de Boer, email: pieter.deboer@icloud.com }",
        "sarah: { name: Sarah de Vries, email: s.devries@sjenv.example }",
        "kees: { name: Kees Visser, email: kees.visser@sjenv.example }",
        "bart: { name: Bart Willems, email: b.willems@jenv.example }",
        "renee: { name: Renée Smit, email: renee.smit@ipo.example }",
        "jdewit: { name: J. de Wit, email: j.dewit@lrt.example }",
        "kenji: { name: Kenji Sato, email: k.sato@example.jp }",
    ]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("RemindCoreTests/Fixtures/replies")

    // MARK: rewriting a fixture for a live daemon

    /// The fixture with its reply token replaced by `token` in To/Cc (matched without
    /// regard to case; a token in capitals stays in capitals) and every `<remindd.…>` id in
    /// In-Reply-To/References replaced by `messageID`. Only the header lines of those fields
    /// change; the body and every other header stay byte for byte. Returns the bytes and how
    /// many tokens were replaced.
    static func rewrite(_ bytes: [UInt8], token: String, messageID: String) throws -> (bytes: [UInt8], tokens: Int) {
        let end = headerEnd(bytes)
        // Line by line on the bytes: a String would take "\r\n" as one character.
        var lines: [(text: String, ending: ArraySlice<UInt8>)] = []
        var start = 0
        while start < end {
            var stop = start
            while stop < end && bytes[stop] != 0x0A { stop += 1 }
            var textEnd = stop
            if textEnd > start && bytes[textEnd - 1] == 0x0D { textEnd -= 1 }
            guard let text = String(bytes: bytes[start..<textEnd], encoding: .isoLatin1) else {
                throw IntegrationError("unreadable header line")
            }
            lines.append((text, bytes[textEnd..<min(stop + 1, end)]))
            start = stop + 1
        }
        var field = ""
        var tokens = 0
        var out: [UInt8] = []
        for (line, ending) in lines {
            if let first = line.first, first != " " && first != "\t", let colon = line.firstIndex(of: ":") {
                field = line[..<colon].lowercased()
            }
            var changed = line
            switch field {
            case "to", "cc":
                changed = line.replacing(/(?i)(lrt\+)([a-z0-9]+)(@example\.org)/) { m in
                    tokens += 1
                    let old = String(m.output.2)
                    let new = old == old.uppercased() && old != old.lowercased() ? token.uppercased() : token
                    return String(m.output.1) + new + String(m.output.3)
                }
            case "in-reply-to", "references":
                changed = line.replacing(/<remindd\.[0-9a-fA-F]+@[^>\s]*>/) { _ in messageID }
            default:
                break
            }
            guard let encoded = changed.data(using: .isoLatin1) else { throw IntegrationError("header not writable") }
            out += encoded
            out += ending
        }
        return (out + bytes[end...], tokens)
    }

    /// Where the header ends: the index of the empty line's line break, or the end.
    static func headerEnd(_ b: [UInt8]) -> Int {
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x0A && b[i + 1] == 0x0A { return i + 1 }
            if i + 3 < b.count && b[i] == 0x0D && b[i + 1] == 0x0A && b[i + 2] == 0x0D && b[i + 3] == 0x0A { return i + 2 }
            i += 1
        }
        return b.count
    }

    /// The token of a reminder's Reply-To, `lrt+TOKEN@example.org`.
    static func token(ofReplyTo replyTo: String) -> String? {
        (try? /lrt\+([a-z0-9]+)@example\.org/.firstMatch(in: replyTo)).flatMap { $0.map { String($0.output.1) } }
    }

    /// The Message-ID header of a fixture, unchanged by the rewrite: an answer's In-Reply-To.
    static func messageID(of bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes[..<headerEnd(bytes)], as: UTF8.self)
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n ", with: " ")
        return head.split(separator: "\n").first { $0.lowercased().hasPrefix("message-id:") }
            .flatMap { line in (try? /<[^>]+>/.firstMatch(in: String(line))).map { String($0.output) } }
    }

    @Test func rewritingTouchesOnlyTheReplyAddressAndTheThreadIds() throws {
        let original = Array(try Data(contentsOf: Self.folder.appendingPathComponent("outlook-desktop-nl.eml")))
        let (bytes, tokens) = try Self.rewrite(original, token: "abc123", messageID: "<remindd.00ff@example.org>")
        #expect(tokens == 1)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("To: Remindd <LRT+ABC123@example.org>\r\n"))
        #expect(text.contains("References: <remindd.00ff@example.org>\r\nIn-Reply-To: <remindd.00ff@example.org>\r\n"))
        // The quoted reminder in the body keeps the old address.
        #expect(text.contains("Van: Remindd <lrt+ah2v77fzd6ktuedelje43xni2i5w5ni@example.org>=20"))
        let oldHead = String(decoding: original[..<Self.headerEnd(original)], as: UTF8.self)
        let newHead = String(decoding: bytes[..<Self.headerEnd(bytes)], as: UTF8.self)
        #expect(Array(bytes[Self.headerEnd(bytes)...]) == Array(original[Self.headerEnd(original)...]), "body byte for byte")
        let changed = zip(oldHead.components(separatedBy: "\r\n"), newHead.components(separatedBy: "\r\n")).filter { $0 != $1 }
        #expect(changed.map { $0.0.prefix(3) } == ["To:", "Ref", "In-"], "\(changed)")
    }

    @Test func everyFixtureAsTheDaemonReadsItFromDovecot() async throws {
        // Every fixture in the folder has a row, and every row a fixture.
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        #expect(files == Self.cases.map(\.file).sorted(), "a fixture without a row in the table, or a row without a fixture")

        let ws = try Workspace("fixtures")
        let smtp = try await SMTPServer(ws)
        let imap = try await DovecotServer(ws)
        let keyFile = ws.path("link-key")
        try ("k1:" + Data((0..<32).map { UInt8($0) }).base64EncodedString() + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
        let at = Workspace.instant(secondsAhead: 4)
        let today = ws.localDay(Date())
        let due = ws.iso(Workspace.instant(secondsAhead: 7 * 86_400))
        var config = ConfigText(ws)
        config.channels = ["mail: { type: smtp, url: \"smtp://127.0.0.1:\(smtp.port)\", from: \"LRT <lrt@example.org>\", tls: none }"]
        config.defaultChannels = ["mail"]
        config.people = Self.people
        config.settings = [
            "links: { key_file: \"\(keyFile)\", snooze: [2d, 1w] }",
            "inbox: { url: \"imap://127.0.0.1:\(imap.port)/INBOX\", username: \(DovecotServer.user), password_file: \"\(imap.passwordFile)\", tls: none, poll: 1s, reply_to: \"lrt+{token}@example.org\" }",
        ]
        // Two more items for a reply whose token names one and whose In-Reply-To the other.
        let crossA = "cross-token", crossB = "cross-thread"
        config.items = Self.cases.map {
            ConfigText.item($0.item, title: $0.title, owner: $0.owner, with: [], agreed: today, due: due, remindAt: [ws.iso(at)])
        } + [crossA, crossB].map {
            ConfigText.item($0, title: "Cross \($0)", owner: "anne", with: [], agreed: today, due: due, remindAt: [ws.iso(at)])
        }
        try ws.writeConfig(config.yaml)
        let daemon = try await DaemonProcess(ws)

        // The reminders, one per item: their Reply-To and Message-ID are what replies answer.
        let items = Self.cases.map(\.item) + [crossA, crossB]
        let reminders = try await Poll.until("\(items.count) reminders", timeout: 30, context: { daemon.diagnostics }) {
            () -> [String: MailReceived]? in
            var byItem: [String: MailReceived] = [:]
            for m in smtp.messages {
                if let key = m.header("X-Remindd-Key"), let item = key.split(separator: "/").first { byItem[String(item)] = m }
            }
            return items.allSatisfy { byItem[$0] != nil } ? byItem : nil
        }
        var tokenOf: [String: String] = [:], idOf: [String: String] = [:]
        for item in items {
            let m = try #require(reminders[item])
            let replyTo = try #require(m.header("Reply-To"), "the reminder of \(item) carries a Reply-To")
            tokenOf[item] = try #require(Self.token(ofReplyTo: replyTo), "\(replyTo)")
            idOf[item] = try #require(m.header("Message-ID"))
        }
        #expect(Set(tokenOf.values).count == items.count, "one token per item")

        // A reopen means something only for a done item.
        for c in Self.cases { if case .reopen = c.expected {
            let r = try await Remindd.run(["done", c.item, "--config", ws.configPath], in: ws)
            try #require(r.status == 0, "\(r)")
        } }
        let actionsBefore = try await Remindd.actions(ws).count

        // The fixtures, rewritten for their items, and the cross reply from the owner of both.
        var messages: [(name: String, bytes: [UInt8])] = []
        var fixtureIDs: [String: String] = [:]
        for c in Self.cases {
            let original = Array(try Data(contentsOf: Self.folder.appendingPathComponent(c.file)))
            let (bytes, tokens) = try Self.rewrite(original, token: tokenOf[c.item]!, messageID: idOf[c.item]!)
            #expect(tokens >= 1, "\(c.file): no reply address in To/Cc")
            fixtureIDs[c.file] = try #require(Self.messageID(of: original), "\(c.file) has a Message-ID")
            messages.append((c.file, bytes))
        }
        let crossID = "<cross.\(UUID().uuidString)@minbzk.nl>"
        var cross = ReplyTests.mail(from: "Anne Jansen <anne.jansen@minbzk.nl>", to: "lrt+\(tokenOf[crossA]!)@example.org",
                                    subject: "Re: Cross", body: "klaar", inReplyTo: idOf[crossB]!)
        cross = Array(String(decoding: cross, as: UTF8.self).replacing(/Message-ID: <[^>]+>/) { _ in "Message-ID: \(crossID)" }.utf8)
        messages.append(("cross", cross))

        var uidOf: [String: UInt32] = [:]
        for batch in stride(from: 0, to: messages.count, by: 7).map({ Array(messages[$0..<min($0 + 7, messages.count)]) }) {
            let uids = try imap.append(batch.map(\.bytes))
            for (m, uid) in zip(batch, uids) { uidOf[m.name] = uid }
        }
        let appendedAt = Date()

        // Every message handled once: one outcome line per UID in the daemon's log.
        func outcomeLines() -> [UInt32: [String]] {
            var byUID: [UInt32: [String]] = [:]
            for line in daemon.log.split(separator: "\n") where
                line.contains("reply acted on") || line.contains("reply not acted on") || line.contains("reply not understood") {
                if let m = try? /\ uid=(\d+)(?: |$)/.firstMatch(in: String(line)), let uid = UInt32(m.output.1) {
                    byUID[uid, default: []].append(String(line))
                }
            }
            return byUID
        }
        let answered = Self.cases.filter { $0.expected.answered }
        try await Poll.until("every message read", timeout: 30, context: { daemon.diagnostics }) {
            let lines = outcomeLines()
            return uidOf.values.allSatisfy { lines[$0] != nil }
        }
        // The answers owed, given a while to arrive; which are missing is said per fixture below.
        _ = try? await Poll.until("the answers", timeout: 10) {
            smtp.messages.filter { $0.header("Auto-Submitted") == "auto-replied" }.count >= answered.count
        }
        // Two more polls: nothing is read again, nothing answered twice.
        try await Task.sleep(for: .milliseconds(2500))

        let lines = outcomeLines()
        let answers = smtp.messages.filter { $0.header("Auto-Submitted") == "auto-replied" }
        let actions = try await Remindd.actions(ws)
        let mailActions = actions.filter { $0["source"] as? String == "mail" }
        let status = try await Remindd.run(["status", "--json", "--config", ws.configPath], in: ws)
        let states = Dictionary(try status.jsonArray().map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let elapsed = Date().timeIntervalSince(appendedAt)

        for c in Self.cases {
            let uid = uidOf[c.file]!
            let handled = lines[uid] ?? []
            #expect(handled.count == 1, "\(c.file) (uid \(uid)) read \(handled.count) times: \(handled)")
            #expect(try imap.flags(uid: uid).contains("\\Seen"), "\(c.file) (uid \(uid)) ends \\Seen")

            let mine = answers.filter { $0.header("In-Reply-To") == fixtureIDs[c.file] }
            let acts = mailActions.filter { $0["item"] as? String == c.item }
            let state = states[c.item]?["state"] as? String
            switch c.expected {
            case .ignored(let why):
                #expect(mine.isEmpty, "\(c.file): expected no answer; got \(mine.map(\.body))")
                #expect(acts.isEmpty, "\(c.file): expected no state change; got \(acts)")
                #expect(state == "open", "\(c.file): \(states[c.item] ?? [:])")
                #expect(handled.first?.contains(why) == true, "\(c.file): expected '\(why)' in \(handled)")
            default:
                #expect(mine.count == 1, "\(c.file): expected one answer; got \(mine.count): \(mine.map(\.body))")
                if let a = mine.first {
                    #expect(a.recipients.map { $0.lowercased() } == [c.sender], "\(c.file): answered \(a.recipients)")
                    #expect(a.subject.lowercased().hasPrefix("re:"), "\(c.file): \(a.subject)")
                }
                let body = mine.first?.body ?? ""
                switch c.expected {
                case .done:
                    #expect(body.contains("Marked as done: \(c.title)"), "\(c.file): \(body)")
                    #expect(acts.map { $0["action"] as? String } == ["done"], "\(c.file): \(acts)")
                    #expect(state == "done", "\(c.file): \(states[c.item] ?? [:])")
                case .snooze(let days):
                    #expect(body.contains("Snoozed until") && body.contains(c.title), "\(c.file): \(body)")
                    #expect(acts.map { $0["action"] as? String } == ["snooze"], "\(c.file): \(acts)")
                    #expect(state == "snoozed", "\(c.file): \(states[c.item] ?? [:])")
                    if let until = (acts.first?["until"] as? String).flatMap(Workspace.parseUTC) {
                        let span = until.timeIntervalSince(appendedAt)
                        let wanted = Double(days) * 86_400
                        #expect(span > wanted - 60 && span < wanted + elapsed + 60,
                                "\(c.file): snoozed \(span / 86_400) days, not \(days)")
                    } else {
                        Issue.record("\(c.file): a snooze action without until: \(acts)")
                    }
                case .reopen:
                    #expect(body.contains("Reopened: \(c.title)"), "\(c.file): \(body)")
                    #expect(acts.map { $0["action"] as? String } == ["reopen"], "\(c.file): \(acts)")
                    #expect(state == "open", "\(c.file): \(states[c.item] ?? [:])")
                case .help:
                    #expect(body.contains("could not be read as a command") && body.contains(c.title), "\(c.file): \(body)")
                    #expect(acts.isEmpty, "\(c.file): expected no state change; got \(acts)")
                    #expect(state == "open", "\(c.file): \(states[c.item] ?? [:])")
                case .ignored:
                    break
                }
            }
        }

        // The cross reply: Anne owns both items, the token names one, In-Reply-To the other.
        let crossUID = uidOf["cross"]!
        #expect(lines[crossUID]?.count == 1, "\(lines[crossUID] ?? [])")
        #expect(lines[crossUID]?.first?.contains("reply not acted on") == true, "\(lines[crossUID] ?? [])")
        #expect(lines[crossUID]?.first?.contains("the token names '\(crossA)'") == true, "\(lines[crossUID] ?? [])")
        #expect(try imap.flags(uid: crossUID).contains("\\Seen"))
        #expect(!answers.contains { $0.header("In-Reply-To") == crossID }, "the cross reply was answered")
        for item in [crossA, crossB] {
            #expect(states[item]?["state"] as? String == "open", "\(item): \(states[item] ?? [:])")
            #expect(!actions.contains { $0["item"] as? String == item }, "\(item) changed: \(actions)")
        }

        // Nothing else: the answers are exactly the expected ones, and every action by mail is.
        #expect(answers.count == answered.count, "\(answers.map { ($0.recipients, $0.header("In-Reply-To") ?? "-") })")
        #expect(mailActions.count == answered.filter { if case .help = $0.expected { false } else { true } }.count,
                "\(mailActions)")
        #expect(actions.count == actionsBefore + mailActions.count, "\(actions)")
        #expect(try await daemon.terminate() == 0)
    }
}
