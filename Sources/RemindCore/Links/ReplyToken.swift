import Crypto
import Foundation

/// The token in a reminder's Reply-To address (`lrt+{token}@example.org`): it names the
/// item a reply is about, and only remindd can make one, so a reply to a forged or altered
/// address does nothing.
///
/// It has to live in an e-mail local part that mail systems may fold to one case: lowercase
/// base32 (RFC 4648, no padding), read without regard to case, always 31 characters
/// whatever the item id. Layout, 19 bytes: version (1) · key tag (2: the start of SHA-256
/// of the key id) · item hash (4: the start of SHA-256 of the item id) · HMAC-SHA256 (12,
/// 96 bits) over a context string, all of the above and the full item id.
///
/// The item id is not in the token, only its hash: verifying is given the item ids that
/// could be meant (all the config's), and finds the one the signature holds for. It never
/// expires (a reply may come weeks later); rotating the key away ends it, as for action
/// links: the first key of `LinkKeys` signs, every key verifies.
public enum ReplyToken {
    static let version: UInt8 = 1
    static let macBytes = 12
    static let tokenBytes = 1 + 2 + 4 + macBytes
    /// Base32 characters in a token.
    public static let length = (tokenBytes * 8 + 4) / 5
    static let context = Array("remindd reply token".utf8)

    public enum Failure: Error, Equatable, Sendable {
        /// Not a token of this format (length, alphabet, version).
        case malformed
        /// Signed with a key not in the file (forged, or rotated away).
        case unknownKey
        /// It names no item among those given: removed from the config, or altered.
        case unknownItem
        /// An item's hash matches, but the signature does not hold for it: altered.
        case badSignature
    }

    /// The item ids that may be meant, by their hash, built once for many replies.
    public struct ItemIndex: Sendable {
        let byHash: [UInt32: [String]]

        public init(_ items: some Sequence<String>) {
            var m: [UInt32: [String]] = [:]
            for id in items { m[ReplyToken.itemHash(id), default: []].append(id) }
            byHash = m
        }
    }

    /// The token for `item`, signed with the first key.
    public static func signed(item: String, keys: LinkKeys) -> String {
        let key = keys.signing
        var body: [UInt8] = [version]
        body += tag(key.id)
        body += bytes(itemHash(item))
        body += mac(body, item: item, key: key).prefix(macBytes)
        return Base32.encode(body)
    }

    /// The item `text` names, if it is genuine and the item is in `index`. Case is ignored.
    public static func verify(_ text: some StringProtocol, keys: LinkKeys, index: ItemIndex) -> Result<String, Failure> {
        guard text.utf8.count == length, let b = Base32.decode(text), b.count == tokenBytes, b[0] == version else {
            return .failure(.malformed)
        }
        let body = Array(b[0..<7])
        let given = Array(b[7...])
        let signers = keys.keys.filter { tag($0.id) == Array(b[1..<3]) }
        guard !signers.isEmpty else { return .failure(.unknownKey) }
        let hash = UInt32(b[3]) << 24 | UInt32(b[4]) << 16 | UInt32(b[5]) << 8 | UInt32(b[6])
        guard let candidates = index.byHash[hash] else { return .failure(.unknownItem) }
        for item in candidates {
            for key in signers where equalInConstantTime(Array(mac(body, item: item, key: key).prefix(macBytes)), given) {
                return .success(item)
            }
        }
        return .failure(.badSignature)
    }

    public static func verify(_ text: some StringProtocol, keys: LinkKeys, items: some Sequence<String>) -> Result<String, Failure> {
        verify(text, keys: keys, index: ItemIndex(items))
    }

    static func tag(_ keyID: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(keyID.utf8)).prefix(2))
    }

    static func itemHash(_ item: String) -> UInt32 {
        SHA256.hash(data: Array(item.utf8)).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func bytes(_ n: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8),
         UInt8(truncatingIfNeeded: n)]
    }

    static func mac(_ body: [UInt8], item: String, key: LinkKeys.Key) -> [UInt8] {
        var message = context
        message.append(0)
        message += body
        message += item.utf8
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: key.key))
    }

    static func equalInConstantTime(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}

/// RFC 4648 §6 base32 in lowercase without padding: letters and digits only, so it fits
/// an e-mail local part and survives a change of case.
public enum Base32 {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 8 + 4) / 5)
        var acc: UInt32 = 0
        var bits = 0
        for b in bytes {
            acc = acc << 8 | UInt32(b)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int((acc >> UInt32(bits)) & 31)])
            }
        }
        if bits > 0 { out.append(alphabet[Int((acc << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Nil for a character outside the alphabet (either case), a length no byte string
    /// encodes to, or unused bits that are not zero (each byte string has one spelling).
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var out: [UInt8] = []
        var acc: UInt32 = 0
        var bits = 0
        for c in text.utf8 {
            let v: UInt8
            switch c {
            case 0x61...0x7A: v = c - 0x61
            case 0x41...0x5A: v = c - 0x41
            case 0x32...0x37: v = c - 0x32 + 26
            default: return nil
            }
            acc = (acc << 5 | UInt32(v)) & 0xFFFF
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
            }
        }
        guard bits < 5, acc & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
    }
}
