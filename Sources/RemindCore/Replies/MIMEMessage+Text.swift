extension MIMEMessage {
    /// The text a reply is read from, or why there is none.
    public enum BodyText: Sendable, Equatable {
        /// From a `text/plain` part (format=flowed lines already joined).
        case plain(String)
        /// From a `text/html` part, still HTML.
        case html(String)
        /// No text part, or none that could be decoded; the reason is for the log.
        case undecodable(String)
    }

    /// At most this many bytes of a text part are decoded: the command is on the first
    /// lines, and the rest is only logged.
    public static let maxTextBytes = 1 << 20

    /// The first `text/plain` part that is not an attachment, else the first such
    /// `text/html` part. A part that cannot be decoded (an unknown charset or transfer
    /// encoding, broken base64) is passed over for the next; when none is left, the first
    /// part's reason is given.
    public func bodyText() -> BodyText {
        let texts = parts.filter { $0.contentType.isText && !$0.isAttachment }
        let plain = texts.filter { $0.contentType.subtype == "plain" }
        let html = texts.filter { $0.contentType.subtype == "html" }
        var firstProblem: String?
        for part in plain + html {
            switch Self.decode(part) {
            case .success(let text):
                return part.contentType.subtype == "plain" ? .plain(text) : .html(text)
            case .failure(let problem):
                if firstProblem == nil { firstProblem = problem.reason }
            }
        }
        return .undecodable(firstProblem ?? "no text part")
    }

    struct Problem: Error {
        var reason: String
    }

    static func decode(_ part: Part) -> Result<String, Problem> {
        let cte = part.headers["Content-Transfer-Encoding"] ?? ""
        guard let encoding = TransferEncoding(name: cte) else {
            return .failure(Problem(reason: "unknown transfer encoding '\(AutomaticMail.bounded(cte))'"))
        }
        // The charset is checked before anything is decoded: a part that will be refused
        // costs nothing.
        var charset: Charset?
        if let name = part.contentType.parameters["charset"], !name.isEmpty {
            guard let known = Charset(name: name) else {
                return .failure(Problem(reason: "unknown charset '\(AutomaticMail.bounded(name))'"))
            }
            charset = known
        }
        guard let bytes = encoding.decode(part.body, limit: maxTextBytes) else {
            return .failure(Problem(reason: "broken base64"))
        }
        var text = charset.map { $0.decode(bytes) } ?? Charset.decodeUndeclared(bytes)
        text = LineBreaks.normalized(text)
        if part.contentType.subtype == "plain", part.contentType.parameters["format"]?.lowercased() == "flowed" {
            text = FlowedText.unflow(text, deleteSpace: part.contentType.parameters["delsp"]?.lowercased() == "yes")
        }
        return .success(text)
    }
}
