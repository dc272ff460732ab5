import Foundation
import RemindCore

/// The secrets of `http:` and `links:` (the API's bearer tokens, the link signing keys),
/// read by the one load like the channels' secrets: a file that is missing, unreadable or
/// malformed stops `check`, start and reload with the key's position, never a request.
public struct ServiceSecrets: Sendable {
    public var linkKeys: LinkKeys?
    public var readToken: String?
    public var writeToken: String?

    public init(linkKeys: LinkKeys? = nil, readToken: String? = nil, writeToken: String? = nil) {
        self.linkKeys = linkKeys
        self.readToken = readToken
        self.writeToken = writeToken
    }

    /// A problem with one key's file (`links.key_file`); the message holds no secret.
    public struct Problem: Error, Equatable, Sendable {
        public var key: String
        public var message: String
    }

    /// A bearer token: at least this many printable characters, no spaces.
    public static let minimumTokenLength = 16

    public static func load(_ config: Config, purpose: LoadPurpose) -> (ServiceSecrets, errors: [Problem], warnings: [Problem]) {
        var out = ServiceSecrets(), errors: [Problem] = [], warnings: [Problem] = []
        func read(_ path: String, key: String, what: String) -> String? {
            if purpose == .check && LocalFiles.isUnseenCredential(path) {
                warnings.append(Problem(key: key, message: LocalFiles.unseenNote(path)))
                return nil
            }
            do {
                return String(decoding: try LocalFiles.read(path, channel: "", key: key, what: what), as: UTF8.self)
            } catch {
                errors.append(Problem(key: key, message: error.message))
                return nil
            }
        }
        if let links = config.links, let text = read(links.keyFile, key: "links.key_file", what: "link key file") {
            do {
                out.linkKeys = try LinkKeys(parsing: text)
            } catch {
                errors.append(Problem(key: "links.key_file", message: "'\(links.keyFile)' \(error.description)"))
            }
        }
        for (key, path) in [("http.read_token_file", config.http?.readTokenFile), ("http.write_token_file", config.http?.writeTokenFile)] {
            guard let path, let text = read(path, key: key, what: "token file") else { continue }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.utf8.count >= minimumTokenLength, token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                errors.append(Problem(key: key, message: "the token in '\(path)' must be at least \(minimumTokenLength) printable characters without spaces (e.g. openssl rand -hex 32)"))
                continue
            }
            if key == "http.read_token_file" { out.readToken = token } else { out.writeToken = token }
        }
        if let r = out.readToken, r == out.writeToken {
            errors.append(Problem(key: "http.write_token_file", message: "the read and write tokens must differ"))
        }
        return (out, errors, warnings)
    }
}
