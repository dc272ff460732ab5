/// Mail no person wrote: out-of-office notices, bounces, bulk mail. remindd never acts
/// on it and never answers it, or two robots would write to each other for ever (RFC 3834).
public enum AutomaticMail {
    /// Why the message counts as automatic, for the log; nil for a message a person sent.
    /// `contentType` is the top-level one; `deliveryStatus` says a delivery report
    /// (`message/delivery-status`) is among the parts, wherever it sits.
    public static func reason(_ headers: MailHeaders, contentType: ContentType, deliveryStatus: Bool = false) -> String? {
        if let v = headers["Auto-Submitted"] {
            let word = firstWord(v)
            if word != "no" { return "Auto-Submitted: \(bounded(word))" }
        }
        if headers.contains("X-Autoreply") { return "X-Autoreply" }
        if headers.contains("X-Autorespond") { return "X-Autorespond" }
        if let v = headers["Precedence"] {
            let word = firstWord(v)
            if ["bulk", "junk", "auto_reply"].contains(word) { return "Precedence: \(word)" }
        }
        if contentType.mediaType == "multipart/report" {
            let kind = contentType.parameters["report-type"].map { "; report-type=\(bounded($0))" } ?? ""
            return "Content-Type: multipart/report\(kind)"
        }
        if contentType.mediaType == "message/delivery-status" || deliveryStatus {
            return "Content-Type: message/delivery-status"
        }
        // A bounce's envelope sender is empty (RFC 5321 §4.5.5), and so is that of other
        // mail that must not be answered.
        if let v = headers["Return-Path"], v.filter({ !$0.isWhitespace }) == "<>" { return "Return-Path: <>" }
        return nil
    }

    /// The keyword of a value such as `auto-replied; owner-email="a@b"` or `no (a person)`,
    /// lowercased.
    static func firstWord(_ v: String) -> String {
        String(v.drop(while: \.isWhitespace).prefix { !$0.isWhitespace && $0 != ";" && $0 != "(" }).lowercased()
    }

    static func bounded(_ s: String) -> String {
        String(s.prefix(40).map { $0.isASCII && !$0.isWhitespace || $0 == " " ? $0 : "?" })
    }
}
