import Foundation
import RemindCore

/// Secrets are read by the one load, from files or the environment — never from the YAML
/// itself by default, so the config can be world-readable and checked into a repo.
enum Secrets {
    /// A secret the load could not look at: a file under the service's credentials
    /// directory, seen from outside the service (`check` run by hand). Not an error there;
    /// the service itself must read it at start.
    struct Unseen: Error {
        var warning: DeliveryConfigError
    }

    /// The SMTP password of a channel with a `username`, looked up in this order:
    /// 1. `password_file` (trailing newline removed);
    /// 2. `password_env`, the name of an environment variable;
    /// 3. `$CREDENTIALS_DIRECTORY/<channel>-password`, where systemd's `LoadCredential=` puts it.
    /// A source that is named but unusable is an error; it does not fall through to the next.
    /// Without a `username` there is no AUTH and no password is read.
    static func smtpPassword(_ c: SMTPChannel, environment: [String: String], seeAll: Bool = true) throws -> String? {
        guard c.username != nil else { return nil }
        if let v = try lookup(channel: c.name, file: c.passwordFile, fileKey: "password_file", env: c.passwordEnv,
                              envKey: "password_env", credential: "\(c.name)-password", environment: environment,
                              seeAll: seeAll) {
            guard !v.contains("\0") else {
                throw DeliveryConfigError(channel: c.name, key: c.passwordFile != nil ? "password_file" : "password_env",
                                          "the password contains a NUL byte")
            }
            return v
        }
        let missing = DeliveryConfigError(channel: c.name, key: "username",
            "username is set but no password was found (password_file, password_env, or $CREDENTIALS_DIRECTORY/\(c.name)-password)")
        // Outside the service the credentials directory is not set: it may well hold the
        // password there.
        if !seeAll && environment["CREDENTIALS_DIRECTORY"] == nil { throw Unseen(warning: missing) }
        throw missing
    }

    /// The Standard Webhooks signing key of a channel, or nil when it signs nothing. Same
    /// order as the password: `secret_file`, `secret_env`, `$CREDENTIALS_DIRECTORY/<channel>-secret`.
    /// The value is `whsec_` followed by base64 (the prefix may be left out).
    static func webhookKey(_ c: WebhookChannel, environment: [String: String], seeAll: Bool = true) throws -> [UInt8]? {
        guard let v = try lookup(channel: c.name, file: c.secretFile, fileKey: "secret_file", env: c.secretEnv,
                                 envKey: "secret_env", credential: "\(c.name)-secret", environment: environment,
                                 seeAll: seeAll) else { return nil }
        let b64 = v.hasPrefix("whsec_") ? String(v.dropFirst(6)) : v
        guard let key = Data(base64Encoded: b64), !key.isEmpty else {
            throw DeliveryConfigError(channel: c.name, key: c.secretFile != nil ? "secret_file" : "secret_env",
                                      "the webhook secret is not of the form whsec_<base64>")
        }
        return [UInt8](key)
    }

    /// - Parameter seeAll: false for `check`: a file under an absent credentials directory
    ///   throws `Unseen` instead of an error.
    static func lookup(channel: String, file: String?, fileKey: String, env: String?, envKey: String,
                       credential: String, environment: [String: String], seeAll: Bool = true,
                       what: String = "secret file") throws -> String? {
        if let file {
            if !seeAll && LocalFiles.isUnseenCredential(file) {
                throw Unseen(warning: DeliveryConfigError(channel: channel, key: fileKey, LocalFiles.unseenNote(file)))
            }
            let bytes = try LocalFiles.read(file, channel: channel, key: fileKey, what: what)
            return trimmed(String(decoding: bytes, as: UTF8.self))
        }
        if let env {
            guard let v = environment[env], !v.isEmpty else {
                throw DeliveryConfigError(channel: channel, key: envKey, "environment variable \(env) is not set")
            }
            return trimmed(v)
        }
        if let dir = environment["CREDENTIALS_DIRECTORY"], !dir.isEmpty {
            let path = (dir as NSString).appendingPathComponent(credential)
            if FileManager.default.fileExists(atPath: path) {
                let bytes = try LocalFiles.read(path, channel: channel, key: fileKey, what: "credential")
                return trimmed(String(decoding: bytes, as: UTF8.self))
            }
        }
        return nil
    }

    /// Files written with `echo` end in a newline that is not part of the secret.
    private static func trimmed(_ s: String) -> String {
        var s = Substring(s)
        while let last = s.last, last == "\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
