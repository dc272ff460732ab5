import Crypto
import Foundation
import RemindCore

/// The multipart form of a reminder that carries its deadline as iCalendar, laid out the
/// way calendar invitations are, so mail clients offer "add to calendar":
///
///     multipart/mixed
///       multipart/alternative
///         text/plain; charset=utf-8                       the reminder text (quoted-printable)
///         text/html; charset=utf-8                        with action links: the same text, links as buttons
///         text/calendar; charset=UTF-8; method=PUBLISH    the event (base64)
///       application/ics; name="deadline.ics"              the same file, as an attachment (base64)
///
/// Without a calendar but with action links, the message is the multipart/alternative alone.
///
/// The attachment is `application/ics`, not a second `text/calendar`, so a client that
/// acts on calendar parts sees one event, not two. Base64 keeps the file's CRLF line ends
/// and octets exactly as written, in lines of 76 characters.
extension MailMessage {
    /// `=_remindd-<kind>-<24 hex of SHA-256(key)>`: fixed for a delivery (retries write the
    /// same bytes), and it cannot occur in a body: quoted-printable follows `=` only with
    /// hex digits or a line end, and base64 has no `_`.
    func boundary(_ kind: String) -> String {
        let digest = Digits.hex(SHA256.hash(data: Data(key.utf8)))
        return "=_remindd-\(kind)-\(digest.prefix(24))"
    }

    func multipartBody(_ calendar: CalendarAttachment) -> String {
        let mixed = boundary("mixed"), alternative = boundary("alt")
        let ics = Self.base64Lines(calendar.ics)
        // Each part's content ends with an extra CRLF: the CRLF before a delimiter belongs
        // to the delimiter, and the text's last line break must survive.
        var out = "--\(mixed)\r\n"
        out += "Content-Type: multipart/alternative;\r\n boundary=\"\(alternative)\"\r\n\r\n"
        out += alternativeBody(html: html, calendar: ics)
        out += "\r\n"
        out += "--\(mixed)\r\n"
        out += "Content-Type: application/ics; name=\"\(calendar.filename)\"\r\n"
        out += "Content-Disposition: attachment; filename=\"\(calendar.filename)\"\r\n"
        out += "Content-Transfer-Encoding: base64\r\n\r\n"
        out += ics + "\r\n"
        out += "--\(mixed)--\r\n"
        return out
    }

    /// The alternatives: the text, then the HTML and the calendar (base64 lines) when there.
    func alternativeBody(html: String?, calendar ics: String?) -> String {
        let alternative = boundary("alt")
        var out = "--\(alternative)\r\n"
        out += Self.textPartHeaders.joined(separator: "\r\n") + "\r\n\r\n"
        out += textPart() + "\r\n"
        if let html {
            var encoded = QuotedPrintable.encode(html)
            if !encoded.hasSuffix("\r\n") { encoded += "\r\n" }
            out += "--\(alternative)\r\n"
            out += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            out += encoded + "\r\n"
        }
        if let ics {
            out += "--\(alternative)\r\n"
            out += "Content-Type: text/calendar; charset=UTF-8; method=PUBLISH\r\n"
            out += "Content-Transfer-Encoding: base64\r\n\r\n"
            out += ics + "\r\n"
        }
        out += "--\(alternative)--\r\n"
        return out
    }

    /// Base64 in lines of 76 characters, each ended by CRLF.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let text = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return text.isEmpty ? "" : text + "\r\n"
    }
}
