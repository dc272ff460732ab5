import Foundation
import Testing
@testable import RemindCore

/// Replies in the shapes common mail clients write them (Fixtures/replies), read end to
/// end: the command, the text left once the history is cut, the addresses and ids.
@Suite struct ReplyFixtureTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("replies")
    static let keys = try! LinkKeys(parsing: "a1:" + Data(repeating: 0xA1, count: 32).base64EncodedString())
    static let items = ["mbzk-aedes", "jenv-prt", "sjenv-taakstelling", "bak-oek", "lrt-na-uitspraak"]
    static let replyTo = ReplyAddress(pattern: "lrt+{token}@example.org")!

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func read(_ name: String) throws -> Reply {
        ReplyReader.read(try bytes(name))
    }

    /// The item the reply address names, as the daemon will find it.
    static func item(_ reply: Reply) -> String? {
        guard let token = replyTo.token(inAny: reply.recipients) else { return nil }
        return try? ReplyToken.verify(token, keys: keys, items: items).get()
    }

    @Test func outlookDesktopDutchWindows1252() throws {
        let r = try Self.read("outlook-desktop-nl.eml")
        #expect(r.action == .done)
        #expect(r.sender == "anne.jansen@minbzk.nl")
        #expect(r.text == "Klaar, de locaties zijn vrijdag aangeleverd – zie het overzicht van André.\n\nMet vriendelijke groet,\nAnne Jansen\nMinisterie van BZK")
        #expect(r.subject == "RE: Herinnering: MBZK vraagt Aedes om de betrokken locaties aan te leveren – vervolg")
        #expect(r.messageID == "<AM0PR09MB6211E4B8C9D0A1B2C3D4E5F6A7B8AM0PR09MB6211@AM0PR09MB6211.eurprd09.prod.outlook.com>")
        #expect(r.inReplyTo == ["<remindd.3f2a9c0d1e4b5a6f7c8d9e0f1a2b3c4d@example.org>"])
        #expect(r.automatic == nil)
        // The token arrived in capitals and still names its item.
        #expect(Self.item(r) == "mbzk-aedes")
    }

    @Test func outlookDesktopHTMLAlternativeReadsTheSame() throws {
        let message = MIMEMessage(try Self.bytes("outlook-desktop-nl.eml"))
        let html = try #require(message.parts.first { $0.contentType.subtype == "html" })
        guard case .success(let source) = MIMEMessage.decode(html) else {
            Issue.record("the HTML part does not decode")
            return
        }
        let text = QuotedText.cut(HTMLText.reduce(source))
        #expect(text == "Klaar, de locaties zijn vrijdag aangeleverd – zie het overzicht van André.\n\nMet vriendelijke groet,\nAnne Jansen\nMinisterie van BZK")
        #expect(ReplyGrammar.command(in: text) == .done)
    }

    @Test func outlookWebHTMLOnly() throws {
        let r = try Self.read("outlook-web-en.eml")
        #expect(r.action == .snooze(.days(14)))
        #expect(r.text == "Snooze 2 weeks please – waiting for the province's answer.\n\nSarah")
        #expect(r.sender == "s.devries@sjenv.example")
        #expect(r.messageID == "<DB9PR02MB7338F1E2D3C4B5A6978812AB34CD56EFDB9PR02MB7338@DB9PR02MB7338.eurprd02.prod.outlook.com>")
        #expect(Self.item(r) == "sjenv-taakstelling")
    }

    @Test func outlookWebPlainTextUnderscores() throws {
        let r = try Self.read("outlook-web-nl-plain.eml")
        #expect(r.action == .snooze(.days(14)))
        #expect(r.text == "uitstel twee weken\n\nBart")
        #expect(r.recipients == ["lrt+ah2v7dyi423gvwhp4zznoohlgvvhpyy@example.org", "secretariaat@lrt.example"])
        #expect(Self.item(r) == "jenv-prt")
    }

    @Test func gmailDutchWithTheAttributionWrapped() throws {
        let r = try Self.read("gmail-nl.eml")
        #expect(r.action == .snooze(.days(3)))
        #expect(r.text == "Uitstel 3 dagen graag, Aedes levert maandag aan.\n\nGroet,\nMohammed")
        #expect(r.sender == "m.elamrani@gmail.com")
    }

    @Test func gmailDutchHTMLCutsAtTheGmailQuote() throws {
        let message = MIMEMessage(try Self.bytes("gmail-nl.eml"))
        let html = try #require(message.parts.first { $0.contentType.subtype == "html" })
        guard case .success(let source) = MIMEMessage.decode(html) else {
            Issue.record("the HTML part does not decode")
            return
        }
        #expect(QuotedText.cut(HTMLText.reduce(source)) == "Uitstel 3 dagen graag, Aedes levert maandag aan.\n\nGroet,\nMohammed")
    }

    @Test func gmailEnglishBase64WithOnWroteWrapped() throws {
        let r = try Self.read("gmail-en.eml")
        #expect(r.action == .done)
        #expect(r.text == "Done - sent the proposal to IPO yesterday.")
        #expect(Self.item(r) == "jenv-prt")
    }

    @Test func appleMailDutch() throws {
        let r = try Self.read("apple-mail-nl.eml")
        #expect(r.action == .reopen)
        #expect(r.text == "Heropen graag: de provincie heeft nog niet gereageerd.\n\nGroet,\nPieter")
        #expect(r.messageID == "<8F7E6D5C-4B3A-2918-0706-F5E4D3C2B1A0@icloud.com>")
        let message = MIMEMessage(try Self.bytes("apple-mail-nl.eml"))
        let html = try #require(message.parts.first { $0.contentType.subtype == "html" })
        guard case .success(let source) = MIMEMessage.decode(html) else {
            Issue.record("the HTML part does not decode")
            return
        }
        #expect(QuotedText.cut(HTMLText.reduce(source)) == "Heropen graag: de provincie heeft nog niet gereageerd.\n\nGroet,\nPieter")
    }

    /// Inline: the answer is the first unquoted line below the quote, its flowed lines joined.
    @Test func thunderbirdInlineFlowed() throws {
        let r = try Self.read("thunderbird-inline-en.eml")
        #expect(r.action == .snooze(.days(7)))
        #expect(r.text == "Snooze 1 week, MBZK is away until the 16th and I will pick it up with them then.")
        #expect(r.sender == "kees.visser@sjenv.example")
    }

    @Test func thunderbirdLatin1Base64WithBareLineFeeds() throws {
        let r = try Self.read("thunderbird-latin1-base64-nl.eml")
        #expect(r.action == .done)
        #expect(r.text == "Afgerond. Het overleg met de CdK is geweest; één punt staat nog open.")
        #expect(r.sender == "renee.smit@ipo.example")
        #expect(Self.item(r) == "jenv-prt")
    }

    @Test func outlookOriginalMessageSeparator() throws {
        let r = try Self.read("outlook-original-message-en.eml")
        #expect(r.action == .reopen)
        #expect(r.text == "Reopen - the ruling moved to January, so this is not settled.\n\nRegards,\nJ. de Wit")
        #expect(r.messageID == "<000001d9fa7b$1c2d3e40$54a6bac0$@lrt.example>")
    }

    /// "Later deze maand…" would read as a snooze: automatic mail is never acted on.
    @Test func outOfOfficeFromExchange() throws {
        let r = try Self.read("out-of-office-exchange-nl.eml")
        #expect(r.automatic == "Auto-Submitted: auto-replied")
        #expect(r.reading == .command(.snooze(.defaultChoice)))
        #expect(r.action == nil)
        #expect(r.sender == "anne.jansen@minbzk.nl")
    }

    @Test func outOfOfficeByAVacationScript() throws {
        let r = try Self.read("out-of-office-autoreply-en.eml")
        #expect(r.automatic == "X-Autoreply")
        #expect(r.reading == .command(.done))
        #expect(r.action == nil)
    }

    @Test func aBounceIsAutomaticAndItsAttachedReminderIsNotRead() throws {
        let r = try Self.read("bounce.eml")
        #expect(r.automatic?.hasPrefix("Auto-Submitted") == true)
        #expect(r.action == nil)
        #expect(r.sender == "mailer-daemon@mx.minbzk.nl")
        #expect(r.text.hasPrefix("This is the mail system at host mx.minbzk.nl."))
        #expect(!r.text.contains("Herinnering"))
        // Without its Auto-Submitted line, the report type and the empty Return-Path still say so.
        var bytes = try Self.bytes("bounce.eml")
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "Auto-Submitted: auto-replied\r\n", with: "")
        bytes = Array(text.utf8)
        #expect(ReplyReader.read(bytes).automatic == "Content-Type: multipart/report; report-type=delivery-status")
        let noReport = text.replacingOccurrences(of: "multipart/report; report-type=delivery-status", with: "multipart/mixed")
        #expect(ReplyReader.read(Array(noReport.utf8)).automatic == "Content-Type: message/delivery-status")
        let bare = noReport.replacingOccurrences(of: "Content-Type: message/delivery-status", with: "Content-Type: text/x-report")
        #expect(ReplyReader.read(Array(bare.utf8)).automatic == "Return-Path: <>")
    }

    @Test func aSubjectAndNothingElseIsNoCommand() throws {
        let r = try Self.read("subject-only.eml")
        #expect(r.reading == .noCommand)
        #expect(r.text == "")
        #expect(r.subject == "klaar")
    }

    @Test func aMissingEndBoundaryStillReads() throws {
        let r = try Self.read("broken-no-end-boundary.eml")
        #expect(r.action == .done)
        #expect(r.text == "gedaan")
        #expect(MIMEMessage(try Self.bytes("broken-no-end-boundary.eml")).parts.count == 2)
    }

    @Test func brokenBase64IsUndecodable() throws {
        let r = try Self.read("broken-base64.eml")
        #expect(r.reading == .undecodable("broken base64"))
        #expect(r.action == nil)
        #expect(r.sender == "anne.jansen@minbzk.nl")
    }

    @Test func anUnknownCharsetIsUndecodable() throws {
        let r = try Self.read("unknown-charset.eml")
        #expect(r.reading == .undecodable("unknown charset 'ISO-2022-JP'"))
        #expect(r.action == nil)
    }

    /// Whether a stranger may act is the daemon's decision; the reader must name the real
    /// sender, not an address dressed up as a display name, a Sender or a Reply-To.
    @Test func aStrangersAddressComesOutRight() throws {
        let r = try Self.read("stranger.eml")
        #expect(r.sender == "mallory@evil.example")
        #expect(r.action == .done)
        #expect(Self.item(r) == "mbzk-aedes")
    }

    @Test func anAttachedTextFileIsNotTheReply() throws {
        let r = try Self.read("attachment-pdf.eml")
        #expect(r.action == .done)
        #expect(r.text == "klaar, de lijst staat in de bijlage.")
        let parts = MIMEMessage(try Self.bytes("attachment-pdf.eml")).parts
        #expect(parts.map(\.isAttachment) == [true, false, true])
    }
}
