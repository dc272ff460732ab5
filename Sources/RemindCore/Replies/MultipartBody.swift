/// The body parts of a `multipart/*` entity (RFC 2046 §5.1.1), as slices of the
/// undecoded body: nothing is copied or decoded here.
///
/// A delimiter is a line that starts with `--` and the boundary, followed by nothing but
/// white space; with `--` after the boundary it closes the list. The preamble before the
/// first delimiter and the epilogue after the closing one are dropped. Without a closing
/// delimiter (a cut-off message), the last part runs to the end. One pass over the body,
/// looking at each line's start only.
enum MultipartBody {
    /// RFC 2046 allows 70 characters; a longer one is not a boundary of a message to trust.
    static let maxBoundaryLength = 200

    static func split(_ body: ArraySlice<UInt8>, boundary: String, maxParts: Int) -> [ArraySlice<UInt8>] {
        let b = Array(boundary.utf8)
        guard !b.isEmpty, b.count <= maxBoundaryLength, maxParts > 0 else { return [] }
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var i = body.startIndex
        let end = body.endIndex
        while i < end {
            var lineEnd = i
            while lineEnd < end && body[lineEnd] != 0x0A { lineEnd += 1 }
            if let closing = delimiter(body, from: i, to: lineEnd, boundary: b) {
                if let s = partStart {
                    // The line break before a delimiter belongs to the delimiter.
                    var e = i
                    if e > s && body[e - 1] == 0x0A { e -= 1 }
                    if e > s && body[e - 1] == 0x0D { e -= 1 }
                    parts.append(body[s..<e])
                    if parts.count >= maxParts { return parts }
                }
                if closing { return parts }
                partStart = min(lineEnd + 1, end)
            }
            i = lineEnd + 1
        }
        if let s = partStart { parts.append(body[s..<end]) }
        return parts
    }

    /// Nil: not a delimiter line; false: a delimiter; true: the closing one.
    static func delimiter(_ body: ArraySlice<UInt8>, from start: Int, to lineEnd: Int, boundary b: [UInt8]) -> Bool? {
        guard lineEnd - start >= b.count + 2, body[start] == 0x2D, body[start + 1] == 0x2D else { return nil }
        var j = start + 2
        for byte in b {
            guard body[j] == byte else { return nil }
            j += 1
        }
        var closing = false
        if j + 1 < lineEnd && body[j] == 0x2D && body[j + 1] == 0x2D {
            closing = true
            j += 2
        }
        while j < lineEnd {
            let c = body[j]
            guard c == 0x20 || c == 0x09 || c == 0x0D || closing else { return nil }
            j += 1
        }
        return closing
    }
}
