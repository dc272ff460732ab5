/// `Content-Transfer-Encoding`: how a part's bytes were made safe for transport. Decoding
/// stops once `limit` bytes are out, so a huge text part costs no more than its start: the
/// command is on the first lines, and the text is only logged.
public enum TransferEncoding: Sendable, Equatable {
    /// `7bit`, `8bit`, `binary`, or no header at all: the bytes as they are.
    case identity
    case quotedPrintable
    case base64

    /// Nil for a name RFC 2045 does not define (`x-uuencode` and the like).
    public init?(name: some StringProtocol) {
        switch String(name.prefix(40)).lowercased().filter({ $0 != " " && $0 != "\t" && $0 != "\"" }) {
        case "", "7bit", "8bit", "binary": self = .identity
        case "quoted-printable": self = .quotedPrintable
        case "base64": self = .base64
        default: return nil
        }
    }

    /// The decoded bytes, at most `limit` of them; nil when base64 holds a character outside
    /// its alphabet (a body that is not what its header says).
    public func decode(_ bytes: ArraySlice<UInt8>, limit: Int) -> [UInt8]? {
        switch self {
        case .identity: return Array(bytes.prefix(limit))
        case .quotedPrintable: return Self.quotedPrintable(bytes, limit: limit)
        case .base64: return Self.base64(bytes, limit: limit)
        }
    }

    /// RFC 2045 §6.7, leniently: `=XX` in either case, `=` at a line's end joins it to the
    /// next, and an `=` that is neither stays as it is.
    static func quotedPrintable(_ bytes: ArraySlice<UInt8>, limit: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count, limit))
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end && out.count < limit {
            let b = bytes[i]
            guard b == UInt8(ascii: "=") else {
                out.append(b)
                i += 1
                continue
            }
            if i + 2 < end, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
                continue
            }
            // A soft line break: `=`, optional transport padding, then CRLF or LF.
            var j = i + 1
            while j < end && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
            if j < end && bytes[j] == 0x0D { j += 1 }
            if j < end && bytes[j] == 0x0A {
                i = j + 1
                continue
            }
            if j == end {
                i = end
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// RFC 2045 §6.8. Line breaks and spaces are skipped; `=` ends a group of four, after
    /// which another may start (parts glued together); any other character is refused.
    static func base64(_ bytes: ArraySlice<UInt8>, limit: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count / 4 * 3 + 3, limit))
        var acc: UInt32 = 0
        var count = 0
        for b in bytes {
            if out.count >= limit { break }
            let v: UInt8
            switch b {
            case 0x41...0x5A: v = b - 0x41
            case 0x61...0x7A: v = b - 0x61 + 26
            case 0x30...0x39: v = b - 0x30 + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case 0x20, 0x09, 0x0D, 0x0A: continue
            case UInt8(ascii: "="):
                // What the group holds so far; a lone character holds no whole byte.
                if count == 2 { out.append(UInt8(truncatingIfNeeded: acc >> 4)) }
                if count == 3 {
                    out.append(UInt8(truncatingIfNeeded: acc >> 10))
                    out.append(UInt8(truncatingIfNeeded: acc >> 2))
                }
                if count == 1 { return nil }
                acc = 0
                count = 0
                continue
            default: return nil
            }
            acc = acc << 6 | UInt32(v)
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: acc >> 16))
                out.append(UInt8(truncatingIfNeeded: acc >> 8))
                out.append(UInt8(truncatingIfNeeded: acc))
                acc = 0
                count = 0
            }
        }
        if out.count < limit {
            if count == 1 { return nil }
            if count == 2 { out.append(UInt8(truncatingIfNeeded: acc >> 4)) }
            if count == 3 {
                out.append(UInt8(truncatingIfNeeded: acc >> 10))
                out.append(UInt8(truncatingIfNeeded: acc >> 2))
            }
        }
        return Array(out.prefix(limit))
    }
}
