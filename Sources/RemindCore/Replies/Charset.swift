/// The character sets replies arrive in, decoded by table: Foundation's encoding support
/// differs between platforms and builds (a static build has almost none), and a reply must
/// read the same everywhere.
///
/// A charset not in this list makes its part undecodable rather than guessed at: a wrong
/// guess could turn a reply into a different command.
public enum Charset: Sendable, Equatable {
    case utf8
    case usASCII
    case latin1
    case latin9
    case windows1252

    /// The charset a `charset=` parameter or an encoded-word names, nil for any other.
    public init?(name: some StringProtocol) {
        let key = String(name.prefix(40)).lowercased().filter { $0 != "\"" && $0 != " " }
        switch key {
        case "utf-8", "utf8": self = .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us": self = .usASCII
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "iso-ir-100": self = .latin1
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin-9", "latin9", "l9": self = .latin9
        case "windows-1252", "cp1252", "x-cp1252", "win-1252": self = .windows1252
        default: return nil
        }
    }

    /// The text of `bytes`. Bytes a charset has no character for become U+FFFD (invalid
    /// UTF-8, bytes over 0x7F in US-ASCII, the five holes of Windows-1252).
    public func decode(_ bytes: some Collection<UInt8>) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .usASCII:
            return Self.mapped(bytes) { $0 < 0x80 ? Unicode.Scalar($0) : "\u{FFFD}" }
        case .latin1:
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            return Self.mapped(bytes) { Unicode.Scalar($0) }
        case .latin9:
            return Self.mapped(bytes) { Self.latin9Scalar($0) }
        case .windows1252:
            return Self.mapped(bytes) { Self.windows1252Scalar($0) }
        }
    }

    /// Undeclared text (no `charset=`): UTF-8 when it is valid UTF-8, else Windows-1252
    /// (a superset of ISO-8859-1 in the printable range), which is what such mail almost
    /// always turns out to be.
    public static func decodeUndeclared(_ bytes: some Collection<UInt8>) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return windows1252.decode(bytes)
    }

    static func mapped(_ bytes: some Collection<UInt8>, _ scalar: (UInt8) -> Unicode.Scalar) -> String {
        var view = String.UnicodeScalarView()
        view.reserveCapacity(bytes.count)
        for b in bytes { view.append(scalar(b)) }
        return String(view)
    }

    /// ISO-8859-15 is ISO-8859-1 with eight places changed (the euro sign among them).
    static func latin9Scalar(_ b: UInt8) -> Unicode.Scalar {
        switch b {
        case 0xA4: return "\u{20AC}"
        case 0xA6: return "\u{0160}"
        case 0xA8: return "\u{0161}"
        case 0xB4: return "\u{017D}"
        case 0xB8: return "\u{017E}"
        case 0xBC: return "\u{0152}"
        case 0xBD: return "\u{0153}"
        case 0xBE: return "\u{0178}"
        default: return Unicode.Scalar(b)
        }
    }

    /// Windows-1252's 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90 and 0x9D hold nothing); the rest is
    /// ISO-8859-1.
    static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func windows1252Scalar(_ b: UInt8) -> Unicode.Scalar {
        guard b >= 0x80 && b < 0xA0 else { return Unicode.Scalar(b) }
        return Unicode.Scalar(windows1252High[Int(b) - 0x80]) ?? "\u{FFFD}"
    }
}
