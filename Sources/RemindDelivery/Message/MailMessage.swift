import Crypto
import Foundation
import RemindCore

/// An RFC 5322 message as remindd sends it: one UTF-8 text part, quoted-printable, marked
/// `Auto-Submitted: auto-generated` so vacation responders stay quiet, with a Message-ID
/// derived from the delivery key so a receiver can drop the rare duplicate of a retry.
/// With a `calendar` or an `html` alternative it becomes multipart
/// (`MailMessage+Calendar.swift`); without either it is the single text part it always was.
struct MailMessage {
    var from: Mailbox
    var to: [Mailbox]
    var cc: [Mailbox]
    var subject: String
    var body: String
    /// When the message is written (the Date header), shown in `timeZone`.
    var date: Date
    var timeZone: TimeZone
    /// The delivery's idempotency key.
    var key: String
    /// The item's deadline as an iCalendar file, for a dated item.
    var calendar: CalendarAttachment? = nil
    /// An HTML alternative of `body` (with the action links as buttons).
    var html: String? = nil
    /// Where replies go (`inbox.reply_to` with the item's token).
    var replyTo: String? = nil
    /// `auto-generated` for reminders; `auto-replied` for the answer to an owner's reply.
    var autoSubmitted = "auto-generated"
    /// The message an answer replies to, and the thread's ids.
    var inReplyTo: String? = nil
    var references: [String] = []

    /// `<remindd.<first 32 hex of SHA-256(key)>@<sender domain>>`: the same key gives the
    /// same id on every retry and restart; the hash keeps odd item ids out of the header.
    static func messageID(key: String, from: String) -> String {
        "<remindd.\(MessageKey.hash(key))@\(Address.domain(from))>"
    }

    /// The wire form, CRLF line endings throughout.
    func rendered() -> String {
        var headers = [
            "Date: \(RFC5322Date.format(date, in: timeZone))",
            MailHeader.addressList("From", [from]),
            MailHeader.addressList("To", to),
        ]
        if !cc.isEmpty { headers.append(MailHeader.addressList("Cc", cc)) }
        if let replyTo, Address.problem(replyTo) == nil { headers.append(MailHeader.addressList("Reply-To", [Mailbox(address: replyTo)])) }
        headers += [
            MailHeader.unstructured("Subject", subject),
            "Message-ID: \(Self.messageID(key: key, from: from.address))",
        ]
        if let id = inReplyTo.flatMap(Self.safeMessageID) { headers.append("In-Reply-To: \(id)") }
        let refs = references.compactMap(Self.safeMessageID)
        if !refs.isEmpty { headers.append("References: " + refs.joined(separator: "\r\n ")) }
        headers += [
            MailHeader.unstructured("X-Remindd-Key", key),
            "Auto-Submitted: \(autoSubmitted)",
            "X-Auto-Response-Suppress: All",
            "MIME-Version: 1.0",
        ]
        if let calendar {
            // 7bit: every part inside is quoted-printable or base64. The header names stay
            // those of a one-part message.
            headers += ["Content-Type: multipart/mixed;\r\n boundary=\"\(boundary("mixed"))\"",
                        "Content-Transfer-Encoding: 7bit"]
            return headers.joined(separator: "\r\n") + "\r\n\r\n" + multipartBody(calendar)
        }
        if let html {
            headers += ["Content-Type: multipart/alternative;\r\n boundary=\"\(boundary("alt"))\"",
                        "Content-Transfer-Encoding: 7bit"]
            return headers.joined(separator: "\r\n") + "\r\n\r\n" + alternativeBody(html: html, calendar: nil)
        }
        headers += Self.textPartHeaders
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + textPart()
    }

    /// A message id from someone else's mail, only when it is one `<…>` token that cannot
    /// break a header.
    static func safeMessageID(_ id: String) -> String? {
        guard id.hasPrefix("<"), id.hasSuffix(">"), id.utf8.count <= 250,
              id.utf8.dropFirst().dropLast().allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x3C && $0 != 0x3E }) else { return nil }
        return id
    }

    static let textPartHeaders = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]

    /// The body as quoted-printable, ending in CRLF.
    func textPart() -> String {
        var text = QuotedPrintable.encode(body)
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        return text
    }
}

/// `Fri, 29 Sep 2023 09:00:00 +0200`, computed by hand: Foundation's formatters depend on
/// the process locale, and the header must be English whatever the message language is.
enum RFC5322Date {
    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date, in zone: TimeZone) -> String {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        let offset = zone.secondsFromGMT(for: date)
        let local = t + offset
        let dayNumber = Int((Double(local) / 86_400).rounded(.down))
        let secs = local - dayNumber * 86_400
        let d = LocalDate(dayNumber: dayNumber)
        let sign = offset < 0 ? "-" : "+"
        let off = abs(offset) / 60
        var out = "\(days[d.isoWeekday - 1]), \(d.day) \(months[d.month - 1]) "
        Digits.append(d.year, width: 4, to: &out)
        out += " "
        UTCStamp.appendClock(secs, separator: ":", to: &out)
        out += " " + sign
        Digits.append(off / 60, width: 2, to: &out)
        Digits.append(off % 60, width: 2, to: &out)
        return out
    }
}
