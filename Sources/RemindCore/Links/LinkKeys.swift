import Crypto
import Foundation

/// The keys that sign action links and calendar feed tokens: `links.key_file`, one
/// `KEYID:BASE64` a line. The first line signs; every line verifies, so a key is rotated
/// by putting a new line first and removing the old one once its links have expired.
public struct LinkKeys: Sendable {
    public struct Key: Sendable {
        public var id: String
        let bytes: [UInt8]
        var key: SymmetricKey { SymmetricKey(data: bytes) }
    }

    public let keys: [Key]

    /// A key id: 1 to 16 letters, digits, `-` or `_`.
    static func isKeyID(_ s: Substring) -> Bool {
        (1...16).contains(s.utf8.count) && s.utf8.allSatisfy { Base64URL.isAlphabet($0) }
    }

    /// At least 16 bytes (128 bits); 32 are recommended (`head -c32 /dev/urandom | base64`).
    public static let minimumKeyBytes = 16

    /// A problem with the file's text, with its 1-based line, saying nothing of the keys.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Blank lines and `#` comments are skipped.
    public init(parsing text: String) throws(Problem) {
        var keys: [Key] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw Problem(line: n + 1, message: "expected KEYID:BASE64")
            }
            let id = line[..<colon]
            guard Self.isKeyID(id) else {
                throw Problem(line: n + 1, message: "a key id is 1 to 16 letters, digits, '-' or '_'")
            }
            guard !keys.contains(where: { $0.id == id }) else {
                throw Problem(line: n + 1, message: "key id '\(id)' is used twice")
            }
            let b64 = line[line.index(after: colon)...]
            guard let bytes = Data(base64Encoded: String(b64)) ?? Base64URL.decode(b64).map({ Data($0) }) else {
                throw Problem(line: n + 1, message: "the key is not base64")
            }
            guard bytes.count >= Self.minimumKeyBytes else {
                throw Problem(line: n + 1, message: "a key needs at least \(Self.minimumKeyBytes) bytes; this one has \(bytes.count)")
            }
            keys.append(Key(id: String(id), bytes: Array(bytes)))
        }
        guard !keys.isEmpty else { throw Problem(line: 1, message: "no key in the file") }
        self.keys = keys
    }

    public var signing: Key { keys[0] }

    func key(id: String) -> Key? { keys.first { $0.id == id } }
}
