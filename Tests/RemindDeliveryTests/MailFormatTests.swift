import Foundation
import RemindCore
import Testing
@testable import RemindDelivery

/// Decodes `=?UTF-8?B?…?=` words the way a mail reader does (adjacent words join).
private func decodeWords(_ header: String) -> String {
    let unfolded = header.replacingOccurrences(of: "\r\n ", with: " ")
    var bytes: [UInt8] = []
    for token in unfolded.split(separator: " ") where token.hasPrefix("=?UTF-8?B?") && token.hasSuffix("?=") {
        bytes += Data(base64Encoded: String(token.dropFirst(10).dropLast(2)))!
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// A plain quoted-printable decoder, for round trips.
private func decodeQP(_ s: String) -> String {
    var out: [UInt8] = []
    let u = Array(s.replacingOccurrences(of: "=\r\n", with: "").utf8)
    var i = 0
    while i < u.count {
        if u[i] == 61, i + 2 < u.count, let b = UInt8(String(decoding: u[i + 1...i + 2], as: UTF8.self), radix: 16) {
            out.append(b)
            i += 3
        } else {
            out.append(u[i])
            i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}

@Suite struct MailFormatTests {
    @Test func longNonASCIISubjectIsEncodedWithinLimits() {
        let subject = "Herinnering: Oekraïense ontheemden — opvang, huisvesting en taakstelling voor gemeenten en provincies ✓"
        let header = MailHeader.unstructured("Subject", subject)
        let lines = header.components(separatedBy: "\r\n")
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { $0.count <= 78 })
        for word in header.split(whereSeparator: { $0 == " " || $0 == "\r\n" }) where word.hasPrefix("=?") {
            #expect(word.count <= 75)
        }
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(decodeWords(header) == subject)
    }

    @Test func asciiSubjectFoldsAtSpacesAndStaysReadable() {
        let subject = String(repeating: "overleg ", count: 15) + "einde"
        let header = MailHeader.unstructured("Subject", subject)
        #expect(!header.contains("=?"))
        #expect(header.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(header.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + subject)
    }

    @Test func lineBreaksInTextCannotStartAHeader() {
        let header = MailHeader.unstructured("Subject", "Titel\r\nBcc: evil@example.org\n\0x")
        #expect(header == "Subject: Titel Bcc: evil@example.org x")
        let to = MailHeader.addressList("To", [Mailbox(name: "Eve\r\nBcc: evil@example.org", address: "eve@example.org")])
        #expect(!to.contains("\r\nBcc"))
        #expect(to == "To: \"Eve  Bcc: evil@example.org\" <eve@example.org>")
    }

    @Test func displayNamesQuotedOrEncoded() {
        #expect(MailHeader.phrase("Staatssecretaris JenV") == ["\"Staatssecretaris JenV\""])
        #expect(MailHeader.phrase("A \"quoted\" \\ name") == ["\"A \\\"quoted\\\" \\\\ name\""])
        let encoded = MailHeader.phrase("Voorzitter Één")
        #expect(encoded.count == 1 && decodeWords(encoded[0]) == "Voorzitter Één")
        #expect(MailHeader.phrase(nil).isEmpty)
        #expect(MailHeader.needsEncoding("looks =?like?= a word"))
    }

    @Test func quotedPrintableRoundTripsAndKeepsLinesShort() {
        let text = "Oekraïense ontheemden\n" + String(repeating: "é", count: 60) + "\n.begint met een punt\nspatie aan het eind \n= teken"
        let qp = QuotedPrintable.encode(text)
        #expect(qp.contains("Oekra=C3=AFense ontheemden\r\n"))
        #expect(qp.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(qp.contains("=2Ebegint"))
        #expect(qp.contains("eind=20\r\n"))
        #expect(qp.contains("=3D teken"))
        #expect(!qp.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(qp.unicodeScalars.allSatisfy { $0.value < 128 })
        #expect(decodeQP(qp) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func messageHasEveryHeaderAndCRLFOnly() {
        let m = MailMessage(from: Mailbox(name: "LRT-secretariaat", address: "lrt@example.org"),
                            to: [Mailbox(name: "Staatssecretaris JenV", address: "sjenv@example.org")],
                            cc: [Mailbox(name: "Voorzitter Één", address: "voorzitter@example.org")],
                            subject: "Vandaag deadline: Oekraïense ontheemden", body: "Regel één\nRegel twee",
                            date: Fixture.utc("2023-10-02T07:00:05Z"), timeZone: Fixture.zone, key: "taakstelling/due/20231002T070000Z/mail")
        let text = m.rendered()
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        let names = head.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") }.map { $0.split(separator: ":")[0] }
        #expect(names == ["Date", "From", "To", "Cc", "Subject", "Message-ID", "X-Remindd-Key", "Auto-Submitted",
                          "X-Auto-Response-Suppress", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"])
        #expect(head.contains("Date: Mon, 2 Oct 2023 09:00:05 +0200"))
        #expect(head.contains("Auto-Submitted: auto-generated"))
        #expect(text.replacingOccurrences(of: "\r\n", with: "").firstIndex(of: "\n") == nil)
        #expect(MailMessage.messageID(key: "k/due/1/mail", from: "a@example.org")
                == MailMessage.messageID(key: "k/due/1/mail", from: "a@example.org"))
        #expect(MailMessage.messageID(key: "k/due/1/mail", from: "a@example.org")
                != MailMessage.messageID(key: "k/due/2/mail", from: "a@example.org"))
        #expect(MailMessage.messageID(key: "x", from: "a@example.org").hasSuffix("@example.org>"))
    }

    @Test func rfc5322DateUsesTheConfigZoneAcrossDST() {
        #expect(RFC5322Date.format(Fixture.utc("2023-10-27T07:00:00Z"), in: Fixture.zone) == "Fri, 27 Oct 2023 09:00:00 +0200")
        #expect(RFC5322Date.format(Fixture.utc("2023-10-30T08:00:00Z"), in: Fixture.zone) == "Mon, 30 Oct 2023 09:00:00 +0100")
        #expect(RFC5322Date.format(Fixture.utc("2024-02-29T23:59:59Z"), in: TimeZone(identifier: "America/St_Johns")!)
                == "Thu, 29 Feb 2024 20:29:59 -0330")
    }

    @Test func addressesWithLineBreaksOrSpecialsAreRefused() {
        #expect(Address.problem("sjenv@example.org") == nil)
        #expect(Address.problem("a@example.org\r\nRCPT TO:<evil@example.org>") == "contains CR, LF or NUL")
        #expect(Address.problem("a@example.org\0") == "contains CR, LF or NUL")
        #expect(Address.problem("a@example.org>") != nil)
        #expect(Address.problem("a b@example.org") != nil)
        #expect(Address.problem("no-at-sign") != nil)
        #expect(Address.problem("two@@example.org") != nil)
        #expect(Address.problem("jé@example.org") != nil)
        // Found by fuzz-mail: Python's strict parser refuses a local part that is no dot-atom.
        #expect(Address.problem("a.@example.org") != nil)
        #expect(Address.problem(".a@example.org") != nil)
        #expect(Address.problem("a..b@example.org") != nil)
        #expect(Address.problem("a.b@example.org") == nil)
        // And a domain that is none: its Message-ID `<…@evil.>` was refused too.
        #expect(Address.problem("x@evil.") != nil)
        #expect(Address.problem("x@.example.org") != nil)
        #expect(Address.problem("x@example..org") != nil)
        #expect(Address.problem("x@-example.org") != nil)
        #expect(Address.problem("x@mail-1.example.org") == nil)
    }
}

/// Found by the fuzz-mail target: a title with a word longer than a line could not be
/// folded and made a Subject (and X-Remindd-Key) line past RFC 5322's 998 octets.
@Suite struct LongWordHeaderTests {
    @Test(arguments: [80, 1_200, 5_000])
    func aWordLongerThanALineIsEncoded(_ length: Int) {
        let title = String(repeating: "a", count: length)
        let header = MailHeader.unstructured("Subject", title)
        let lines = header.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= MailHeader.lineLimit }, "\(lines.map(\.utf8.count))")
        #expect(decodeWords(header) == title)
    }

    @Test func shortWordsStayReadable() {
        #expect(MailHeader.unstructured("Subject", "Hoogte taakstelling bekijken") == "Subject: Hoogte taakstelling bekijken")
    }
}
