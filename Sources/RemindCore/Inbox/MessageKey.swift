import Crypto
import Foundation

/// The link between a delivery and the Message-ID of its mail,
/// `<remindd.<first 32 hex of SHA-256(key)>@<sender domain>>`: the same key gives the same
/// id on every retry, the hash keeps odd item ids out of the header, and the store keeps the
/// hash of every row so a reply's In-Reply-To finds the reminder it answers.
public enum MessageKey {
    public static func hash(_ key: String) -> String {
        String(Digits.hex(SHA256.hash(data: Data(key.utf8))).prefix(32))
    }

    /// The hash in a Message-ID remindd wrote, or nil for anyone else's.
    public static func hash(inMessageID id: String) -> String? {
        var s = Substring(id)
        if s.hasPrefix("<") { s = s.dropFirst() }
        guard s.hasPrefix("remindd.") else { return nil }
        let hex = s.dropFirst(8).prefix { $0 != "@" }
        guard hex.count == 32, hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        return hex.lowercased()
    }
}
