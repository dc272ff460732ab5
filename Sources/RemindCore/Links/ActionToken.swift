import Crypto
import Foundation

/// What a link lets its holder do, without a login: the token is the capability. Signed
/// with HMAC-SHA256 under a key id (for rotation) and expiring, so a link forwarded or
/// found later does nothing once its time is over, and a changed byte does nothing ever.
///
/// Layout, then base64url: version (1) · key id (length-prefixed) · item (length-prefixed,
/// an item id, or a person id for a calendar feed) · action (1) · parameter
/// (length-prefixed: the snooze, e.g. `1w`) · expiry (8, big-endian Unix seconds, 0 for
/// none) · HMAC-SHA256 of all that (32).
public struct ActionToken: Sendable, Hashable {
    public enum Action: UInt8, Sendable, CaseIterable {
        case done = 1
        case snooze = 2
        case reopen = 3
        /// A person's calendar feed: no expiry; it ends when its key is rotated away.
        case calendar = 4

        public var name: String {
            switch self {
            case .done: return "done"
            case .snooze: return "snooze"
            case .reopen: return "reopen"
            case .calendar: return "calendar"
            }
        }
    }

    public var item: String
    public var action: Action
    /// The snooze for `.snooze` (`2d`, `1w`), empty otherwise.
    public var parameter: String
    /// Nil: no expiry.
    public var expires: Date?

    public init(item: String, action: Action, parameter: String = "", expires: Date?) {
        self.item = item
        self.action = action
        self.parameter = parameter
        self.expires = expires
    }

    static let version: UInt8 = 1
    static let macBytes = SHA256.byteCount
    /// An item id, a person id and a parameter are each at most this long in a token.
    static let maxField = 255
    /// Longer text is not a token; nothing is decoded or hashed.
    public static let maxEncodedLength = 1024

    public enum Failure: Error, Equatable, Sendable {
        /// Not a token of this format, or a field out of bounds: HTTP 400.
        case malformed
        /// Signed with a key not in the file (forged, or rotated away): HTTP 400.
        case unknownKey
        /// Any byte changed: HTTP 400.
        case badSignature
        /// Genuine, but its time is over: HTTP 410.
        case expired
    }

    /// The token's text, signed with the first key.
    public func signed(with keys: LinkKeys) -> String {
        var body: [UInt8] = [Self.version]
        func field(_ s: String) {
            let bytes = Array(s.utf8.prefix(Self.maxField))
            body.append(UInt8(bytes.count))
            body += bytes
        }
        field(keys.signing.id)
        field(item)
        body.append(action.rawValue)
        field(parameter)
        let seconds = expires.map { UInt64(max(1, $0.timeIntervalSince1970.rounded(.up))) } ?? 0
        for shift in stride(from: 56, through: 0, by: -8) { body.append(UInt8(truncatingIfNeeded: seconds >> UInt64(shift))) }
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: keys.signing.key)
        return Base64URL.encode(body + Array(mac))
    }

    /// The token in `text` if it is genuine and not expired at `now`. The signature is
    /// checked (in constant time) before any field is believed, and the expiry after.
    public static func verify(_ text: Substring, keys: LinkKeys, now: Date) -> Result<ActionToken, Failure> {
        guard text.utf8.count <= maxEncodedLength, let bytes = Base64URL.decode(text),
              bytes.count > 1 + macBytes, bytes[0] == version else { return .failure(.malformed) }
        let body = bytes[..<(bytes.count - macBytes)]
        let mac = bytes[(bytes.count - macBytes)...]
        var r = ByteReader(body)
        guard let _ = r.byte(), let keyID = r.field() else { return .failure(.malformed) }
        guard let key = keys.key(id: keyID) else { return .failure(.unknownKey) }
        guard HMAC<SHA256>.isValidAuthenticationCode(Array(mac), authenticating: Array(body), using: key.key) else {
            return .failure(.badSignature)
        }
        guard let item = r.field(), let a = r.byte(), let action = Action(rawValue: a), let parameter = r.field(),
              let seconds = r.uint64(), r.atEnd, !item.isEmpty else { return .failure(.malformed) }
        let expires = seconds == 0 ? nil : Date(timeIntervalSince1970: Double(seconds))
        if let expires, now >= expires { return .failure(.expired) }
        if action != .calendar && expires == nil { return .failure(.malformed) }
        return .success(ActionToken(item: item, action: action, parameter: parameter, expires: expires))
    }
}

/// Reads a token's fields; nil past the end or for text that is not UTF-8.
private struct ByteReader {
    let bytes: ArraySlice<UInt8>
    var at: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        at = bytes.startIndex
    }

    var atEnd: Bool { at == bytes.endIndex }

    mutating func byte() -> UInt8? {
        guard at < bytes.endIndex else { return nil }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func field() -> String? {
        guard let n = byte(), at + Int(n) <= bytes.endIndex else { return nil }
        defer { at += Int(n) }
        return String(validating: bytes[at..<(at + Int(n))], as: UTF8.self)
    }

    mutating func uint64() -> UInt64? {
        guard at + 8 <= bytes.endIndex else { return nil }
        defer { at += 8 }
        return bytes[at..<(at + 8)].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
