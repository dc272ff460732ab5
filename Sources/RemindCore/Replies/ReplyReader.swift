/// Reads one message fetched from the reply mailbox: pure, no I/O, any bytes in.
///
/// Whatever the bytes, it returns (a message it cannot make sense of reads as
/// `.undecodable` or `.noCommand`), and its work is bounded: MIME nesting and part counts
/// are capped (`MIMEMessage`), only the chosen text part is decoded and only its first
/// `MIMEMessage.maxTextBytes`, and every step after is one pass over that text.
public enum ReplyReader {
    /// The longest `text` and `subject` a `Reply` carries.
    public static let maxTextCharacters = 2_000

    public static func read(_ bytes: [UInt8]) -> Reply {
        let message = MIMEMessage(bytes)
        let h = message.headers
        let sender = h["From"].flatMap { AddressList.parse($0).first }
        var recipients: [String] = []
        for name in ["To", "Cc", "Delivered-To", "X-Original-To"] {
            for field in h.all(name) {
                for a in AddressList.parse(field) where !recipients.contains(a) && recipients.count < AddressList.maxAddresses {
                    recipients.append(a)
                }
            }
        }
        let automatic = AutomaticMail.reason(h, contentType: message.contentType, deliveryStatus: message.hasDeliveryStatus)
        let subject = String(EncodedWords.decode(h["Subject"] ?? "").prefix(maxTextCharacters))

        let reading: Reply.Reading
        var text = ""
        switch message.bodyText() {
        case .undecodable(let why):
            reading = .undecodable(why)
        case .plain(let t):
            text = QuotedText.cut(t)
            reading = ReplyGrammar.command(in: text).map { .command($0) } ?? .noCommand
        case .html(let t):
            text = QuotedText.cut(HTMLText.reduce(t))
            reading = ReplyGrammar.command(in: text).map { .command($0) } ?? .noCommand
        }
        return Reply(
            sender: sender, recipients: recipients,
            messageID: h["Message-ID"].flatMap { MessageIDs.parse($0).first },
            inReplyTo: h["In-Reply-To"].map(MessageIDs.parse) ?? [],
            references: h["References"].map(MessageIDs.parse) ?? [],
            subject: subject, automatic: automatic, reading: reading,
            text: String(text.prefix(maxTextCharacters)))
    }
}
