import Foundation
import Testing
@testable import RemindCore

/// The MIME layer under the reply reader: headers, encodings, charsets, the tree and its
/// limits.
@Suite struct MIMEReadingTests {
    static func message(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

    @Test func headersUnfoldAndAreFoundInAnyCase() {
        let (h, body) = MailHeaders.parse(Self.message("SUBJECT: a\n  b\nx-Thing:\tc\nFrom a@b Sat Oct 7 10:12:00 2023\nbroken line\n\nbody\n")[...])
        #expect(h["subject"] == "a  b")
        #expect(h["X-THING"] == "c")
        #expect(h.fields.map(\.name) == ["subject", "x-thing"])
        #expect(String(decoding: body, as: UTF8.self) == "body\r\n")
        // Without an empty line everything is headers.
        let (h2, b2) = MailHeaders.parse(Array("To: a@b".utf8)[...])
        #expect(h2["to"] == "a@b" && b2.isEmpty)
        // Raw 8-bit: UTF-8 when valid, else Windows-1252.
        let (h3, _) = MailHeaders.parse(Array("Subject: ".utf8 + [0xE9, 0x80] + Array("\n\n".utf8))[...])
        #expect(h3["subject"] == "é€")
    }

    @Test func encodedWords() {
        #expect(EncodedWords.decode("=?utf-8?Q?Re:_Herinnering_=E2=80=93_klaar?=") == "Re: Herinnering – klaar")
        #expect(EncodedWords.decode("=?ISO-8859-1?B?UmVu6WU=?= Smit") == "Renée Smit")
        #expect(EncodedWords.decode("=?iso-8859-15?q?=A4_5?=") == "€ 5")
        #expect(EncodedWords.decode("=?windows-1252?Q?=80?=") == "€")
        #expect(EncodedWords.decode("=?US-ASCII*en?Q?plain?=") == "plain")
        // Space between encoded-words goes; a character split between two words comes out whole.
        #expect(EncodedWords.decode("=?utf-8?Q?a?= =?utf-8?Q?b?=") == "ab")
        #expect(EncodedWords.decode("=?utf-8?B?w6k=?= =?utf-8?B?w6k=?=") == "éé")
        #expect(EncodedWords.decode("=?utf-8?Q?=C3?=\r\n =?utf-8?Q?=A9?=") == "é")
        #expect(EncodedWords.decode("=?utf-8?Q?a?= b =?utf-8?Q?c?=") == "a b c")
        // Unknown charsets, broken words and plain text stay as written.
        #expect(EncodedWords.decode("=?koi8-r?Q?x?=") == "=?koi8-r?Q?x?=")
        #expect(EncodedWords.decode("=?utf-8?X?x?= =?utf-8?Q?unterminated") == "=?utf-8?X?x?= =?utf-8?Q?unterminated")
        #expect(EncodedWords.decode("a =? b ?= c") == "a =? b ?= c")
    }

    @Test func charsetsByTable() {
        #expect(Charset(name: "Windows-1252")?.decode([0x80, 0x93, 0x94, 0x96, 0xE9]) == "€“”–é")
        #expect(Charset(name: "cp1252")?.decode([0x81]) == "\u{FFFD}")
        #expect(Charset(name: "ISO-8859-1")?.decode([0x80, 0xA4, 0xE9]) == "\u{80}¤é")
        #expect(Charset(name: "latin-9")?.decode([0xA4, 0xA6, 0xBD, 0xE9]) == "€Šœé")
        #expect(Charset(name: "\"US-ASCII\"")?.decode([0x61, 0xE9]) == "a\u{FFFD}")
        #expect(Charset(name: "UTF-8")?.decode([0xC3, 0xA9, 0xFF]) == "é\u{FFFD}")
        #expect(Charset(name: "iso-2022-jp") == nil)
        #expect(Charset(name: "") == nil)
        #expect(Charset.decodeUndeclared([0xC3, 0xA9]) == "é")
        #expect(Charset.decodeUndeclared([0xE9, 0x80]) == "é€")
    }

    @Test func quotedPrintable() {
        func qp(_ s: String, limit: Int = .max) -> String {
            String(decoding: TransferEncoding.quotedPrintable(Array(s.utf8)[...], limit: limit), as: UTF8.self)
        }
        #expect(qp("caf=C3=A9 =3D=\r\nnext=\nline") == "café =nextline")
        #expect(qp("a=20 \r\n=e9") == "a  \r\n\u{FFFD}")
        #expect(qp("50=% = x=") == "50=% = x")
        #expect(qp("=  \r\nx") == "x")
        #expect(qp("abcdef", limit: 3) == "abc")
    }

    @Test func base64() {
        func b64(_ s: String, limit: Int = .max) -> [UInt8]? { TransferEncoding.base64(Array(s.utf8)[...], limit: limit) }
        #expect(b64("a2xh\r\nYXI=") == Array("klaar".utf8))
        #expect(b64("a2xhYXI") == Array("klaar".utf8))
        #expect(b64("a2xh YXI=\n") == Array("klaar".utf8))
        #expect(b64("YQ==Yg==") == Array("ab".utf8))
        #expect(b64("a2xhYXI!") == nil)
        #expect(b64("a") == nil)
        #expect(b64("a2xhYXI=", limit: 2) == Array("kl".utf8))
    }

    @Test func multipartPreambleEpilogueAndLookalikeBoundaries() {
        let raw = """
            Content-Type: multipart/mixed; boundary="b"

            preamble: klaar
            --b
            Content-Type: text/plain

            --bb is not a delimiter
            --b-- neither is this in the middle of a line? no: it closes
            --b
            Content-Type: text/html

            <p>x</p>
            --b--
            epilogue: heropen
            """
        let m = MIMEMessage(Self.message(raw))
        #expect(m.parts.count == 1)
        #expect(String(decoding: m.parts[0].body, as: UTF8.self) == "--bb is not a delimiter")
        #expect(ReplyReader.read(Self.message(raw)).reading == .noCommand)
    }

    @Test func nestedMultipartsAreWalkedInOrder() {
        let raw = """
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/related; boundary="rel"

            --rel
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=utf-8

            uitstel 1 week
            --alt
            Content-Type: text/html; charset=utf-8

            <p>klaar</p>
            --alt--
            --rel
            Content-Type: image/png

            iVBORw0KGgo=
            --rel--
            --outer--
            """
        let m = MIMEMessage(Self.message(raw))
        #expect(m.parts.map(\.contentType.mediaType) == ["text/plain", "text/html", "image/png"])
        #expect(ReplyReader.read(Self.message(raw)).action == .snooze(.days(7)))
    }

    @Test func anUndecodablePlainPartGivesWayToTheHTML() {
        let raw = """
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/plain; charset=x-unknown

            klaar
            --b
            Content-Type: text/html; charset=utf-8

            <p>heropen</p>
            --b--
            """
        #expect(ReplyReader.read(Self.message(raw)).action == .reopen)
        let onlyImage = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: image/png\n\nxx\n--b--\n"
        #expect(ReplyReader.read(Self.message(onlyImage)).reading == .undecodable("no text part"))
        // The charset is refused before the body is looked at.
        let both = "Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: base64\n\n!!!\n"
        #expect(ReplyReader.read(Self.message(both)).reading == .undecodable("unknown charset 'koi8-r'"))
        let badCTE = "Content-Type: text/plain\nContent-Transfer-Encoding: x-uuencode\n\nklaar\n"
        #expect(ReplyReader.read(Self.message(badCTE)).reading == .undecodable("unknown transfer encoding 'x-uuencode'"))
    }

    @Test func aMessageWithoutMIMEHeadersIsPlainText() {
        #expect(ReplyReader.read(Self.message("From: a@b\n\nKlaar!\n")).action == .done)
        #expect(ReplyReader.read(Self.message("klaar")).reading == .noCommand)   // all headers, no body
        #expect(ReplyReader.read([]).reading == .noCommand)
        #expect(ReplyReader.read([]).sender == nil)
    }

    @Test func nestingDeeperThanTheLimitIsNotLookedInto() {
        var raw = ""
        for d in 0..<20 { raw += "Content-Type: multipart/mixed; boundary=b\(d)\n\n--b\(d)\n" }
        raw += "Content-Type: text/plain\n\nklaar\n"
        let deep = MIMEMessage(Self.message(raw))
        #expect(deep.truncated)
        #expect(deep.parts.isEmpty)
        #expect(ReplyReader.read(Self.message(raw)).reading == .undecodable("no text part"))
        // Within the limit it is read.
        var shallow = ""
        for d in 0..<(MIMEMessage.maxDepth) { shallow += "Content-Type: multipart/mixed; boundary=b\(d)\n\n--b\(d)\n" }
        shallow += "Content-Type: text/plain\n\nklaar\n"
        #expect(ReplyReader.read(Self.message(shallow)).action == .done)
    }

    @Test func partsBeyondTheLimitAreNotKept() {
        var raw = "Content-Type: multipart/mixed; boundary=b\n\n"
        for _ in 0..<10_000 { raw += "--b\nContent-Type: image/gif\n\nx\n" }
        raw += "--b\nContent-Type: text/plain\n\nklaar\n--b--\n"
        let m = MIMEMessage(Self.message(raw))
        #expect(m.truncated)
        #expect(m.parts.count < MIMEMessage.maxParts)
    }

    /// A 20 MB attachment is located, never decoded: its body here is not even base64,
    /// and the reply beside it still reads.
    @Test func aHugeAttachmentIsSkippedWithoutDecoding() {
        var raw = Array("From: Anne <anne@example.org>\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"big.pdf\"\r\n\r\n".utf8)
        let line = Array(String(repeating: "!", count: 76).utf8) + [0x0D, 0x0A]
        raw.reserveCapacity(raw.count + 20_000_000)
        for _ in 0..<(20_000_000 / line.count) { raw += line }
        raw += Array("--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nklaar\r\n--b--\r\n".utf8)
        let started = ContinuousClock.now
        let r = ReplyReader.read(raw)
        let took = ContinuousClock.now - started
        #expect(r.action == .done)
        #expect(r.sender == "anne@example.org")
        #expect(took < .seconds(5), "took \(took)")
    }

    @Test func aHugeTextPartIsDecodedOnlyAsFarAsTheLimit() {
        var raw = Array("Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nuitstel 2 weken\r\n".utf8)
        raw += Array(repeating: UInt8(ascii: "x"), count: 3 * MIMEMessage.maxTextBytes)
        let r = ReplyReader.read(raw)
        #expect(r.action == .snooze(.days(14)))
        #expect(r.text.count == ReplyReader.maxTextCharacters)
    }

    @Test func addresses() {
        #expect(AddressList.parse("\"Jansen, Anne\" <Anne.Jansen@MinBZK.nl>, b@x.org (Bee), Group: c@x.org, <d@x.org>;, e@x.org")
                == ["anne.jansen@minbzk.nl", "b@x.org", "c@x.org", "d@x.org", "e@x.org"])
        #expect(AddressList.parse("\"a@evil.example\" <real@x.org>") == ["real@x.org"])
        #expect(AddressList.parse("=?utf-8?Q?Jansen,_A?= <a@x.org>") == ["a@x.org"])
        #expect(AddressList.parse("<@relay.example:a@x.org>") == ["a@x.org"])
        #expect(AddressList.parse("A@X.org, a@x.org") == ["a@x.org"])
        #expect(AddressList.parse("undisclosed-recipients:;") == [])
        #expect(AddressList.parse("(comment with <x@y.z>) a@x.org") == ["a@x.org"])
        // A source route with nothing after it, a bare "@", an address without a domain.
        #expect(AddressList.parse("Remindd <@example Automatisch antwoord: x>") == [])
        #expect(AddressList.parse("<@>, <a@>, <@b>") == [])
    }

    @Test func messageIDs() {
        #expect(MessageIDs.parse("<a@b> <c@d>\r\n <e@f>") == ["<a@b>", "<c@d>", "<e@f>"])
        #expect(MessageIDs.parse("a@b") == ["<a@b>"])
        #expect(MessageIDs.parse("<a@\r\n b>") == ["<a@b>"])
        #expect(MessageIDs.parse("<a@b> (Anne's message of Sat)") == ["<a@b>"])
        #expect(MessageIDs.parse("") == [])
        let r = ReplyReader.read(Self.message("In-Reply-To: <p@x>\nReferences: <r1@x> <p@x>\n <r0@x>\n\nklaar"))
        #expect(r.ancestors == ["<p@x>", "<r0@x>", "<r1@x>"])
    }

    @Test(arguments: [
        ("Auto-Submitted: auto-generated", "Auto-Submitted: auto-generated"),
        ("Auto-Submitted: Auto-Replied; owner-email=\"a@b\"", "Auto-Submitted: auto-replied"),
        ("X-Autoreply: yes", "X-Autoreply"),
        ("X-Autorespond: Out of office", "X-Autorespond"),
        ("Precedence: bulk", "Precedence: bulk"),
        ("Precedence: JUNK", "Precedence: junk"),
        ("Precedence: auto_reply", "Precedence: auto_reply"),
        ("Return-Path: < >", "Return-Path: <>"),
        ("Content-Type: message/delivery-status", "Content-Type: message/delivery-status"),
    ])
    func automaticMail(_ header: String, _ reason: String) {
        let r = ReplyReader.read(Self.message("From: a@b\n\(header)\n\nklaar\n"))
        #expect(r.automatic == reason)
        #expect(r.action == nil)
    }

    @Test(arguments: ["Auto-Submitted: no", "Auto-Submitted: No (person)", "Precedence: list", "Return-Path: <a@b>"])
    func notAutomatic(_ header: String) {
        let r = ReplyReader.read(Self.message("From: a@b\n\(header)\n\nklaar\n"))
        #expect(r.automatic == nil)
        #expect(r.action == .done)
    }

    @Test func flowedLinesJoinAndKeepTheirQuoteDepth() {
        #expect(FlowedText.unflow("a \nb\n> c \n> d\n>> e\n-- \nsig", deleteSpace: false) == "a b\n> c d\n>> e\n-- \nsig")
        #expect(FlowedText.unflow("ab \ncd", deleteSpace: true) == "abcd")
        #expect(FlowedText.unflow(" From here", deleteSpace: false) == "From here")
        // A change of depth ends a flowed line.
        #expect(FlowedText.unflow("> a \nb", deleteSpace: false) == "> a \nb")
    }
}
