/// One RFC 5322 message and the leaf parts of its MIME tree, located but not decoded.
///
/// The walk is bounded: multiparts nested deeper than `maxDepth` and parts beyond
/// `maxParts` are not looked into, and each level looks at each of its lines once, so a
/// message costs at most `maxDepth` passes over its bytes whatever it holds. A part is
/// only decoded when it is the text the reply is read from (`MIMEMessage+Text.swift`):
/// a 20 MB attachment is a slice that is never touched.
public struct MIMEMessage: Sendable {
    /// A leaf of the tree: a part that is not a multipart (or one past the depth limit).
    public struct Part: Sendable {
        public var headers: MailHeaders
        public var contentType: ContentType
        /// Still transfer-encoded.
        public var body: ArraySlice<UInt8>
        /// Marked `Content-Disposition: attachment`, or given a file name.
        public var isAttachment: Bool
    }

    public static let maxDepth = 8
    public static let maxParts = 100

    public let headers: MailHeaders
    public let contentType: ContentType
    public let parts: [Part]
    /// Some of the tree was not looked into (too deep, too many parts).
    public let truncated: Bool

    public init(_ bytes: [UInt8]) {
        let (headers, body) = MailHeaders.parse(bytes[...])
        self.headers = headers
        contentType = ContentType(headers["Content-Type"])
        var walk = Walk()
        walk.visit(headers: headers, contentType: contentType, body: body, depth: 0)
        parts = walk.parts
        truncated = walk.truncated
    }

    /// A delivery report is among the parts (a bounce wrapped in `multipart/mixed`).
    public var hasDeliveryStatus: Bool {
        parts.contains { $0.contentType.mediaType == "message/delivery-status" }
    }

    private struct Walk {
        var parts: [Part] = []
        var seen = 0
        var truncated = false

        mutating func visit(headers: MailHeaders, contentType: ContentType, body: ArraySlice<UInt8>, depth: Int) {
            seen += 1
            guard contentType.isMultipart else {
                parts.append(Part(headers: headers, contentType: contentType, body: body,
                                  isAttachment: Self.isAttachment(headers, contentType)))
                return
            }
            guard depth < MIMEMessage.maxDepth else {
                truncated = true
                return
            }
            guard let boundary = contentType.parameters["boundary"] else { return }
            let budget = MIMEMessage.maxParts - seen
            let children = MultipartBody.split(body, boundary: boundary, maxParts: max(budget, 0) + 1)
            for child in children {
                guard seen < MIMEMessage.maxParts else {
                    truncated = true
                    return
                }
                let (h, b) = MailHeaders.parse(child)
                var type = ContentType(h["Content-Type"])
                // Inside multipart/digest a part without a type is a message (RFC 2046 §5.1.5).
                if h["Content-Type"] == nil && contentType.subtype == "digest" {
                    type = ContentType("message/rfc822")
                }
                visit(headers: h, contentType: type, body: b, depth: depth + 1)
            }
        }

        static func isAttachment(_ headers: MailHeaders, _ type: ContentType) -> Bool {
            if let d = headers["Content-Disposition"] {
                let p = HeaderParameters(d)
                if p.value == "attachment" || p["filename"] != nil { return true }
            }
            return type.parameters["name"] != nil
        }
    }
}
