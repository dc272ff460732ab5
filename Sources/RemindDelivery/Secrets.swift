import Foundation
import RemindCore

/// Secrets are read when a notifier is made, from files or the environment — never from the
/// YAML itself by default, so the config can be world-readable and checked into a repo.
enum Secrets {
    /// The SMTP password of a channel with a `username`, looked up in this order:
    /// 1. `password_file` (trailing newline removed);
    /// 2. `password_env`, the name of an environment variable;
    /// 3. `$CREDENTIALS_DIRECTORY/<channel>-password`, where systemd's `LoadCredential=` puts it.
    /// A source that is named but unusable is an error; it does not fall through to the next.
    /// Without a `username` there is no AUTH and no password is read.
    static func smtpPassword(_ c: SMTPChannelConfig, environment: [String: String]) throws -> String? {
        guard c.username != nil else { return nil }
        if let v = try lookup(channel: c.name, file: c.passwordFile, env: c.passwordEnv,
                              credential: "\(c.name)-password", environment: environment) {
            guard !v.contains("\0") else {
                throw DeliveryConfigError(channel: c.name, "the password contains a NUL byte")
            }
            return v
        }
        throw DeliveryConfigError(channel: c.name,
            "username is set but no password was found (password_file, password_env, or $CREDENTIALS_DIRECTORY/\(c.name)-password)")
    }

    /// The Standard Webhooks signing key of a channel, or nil when it signs nothing. Same
    /// order as the password: `secret_file`, `secret_env`, `$CREDENTIALS_DIRECTORY/<channel>-secret`.
    /// The value is `whsec_` followed by base64 (the prefix may be left out).
    static func webhookKey(_ c: WebhookChannelConfig, environment: [String: String]) throws -> [UInt8]? {
        guard let v = try lookup(channel: c.name, file: c.secretFile, env: c.secretEnv,
                                 credential: "\(c.name)-secret", environment: environment) else { return nil }
        let b64 = v.hasPrefix("whsec_") ? String(v.dropFirst(6)) : v
        guard let key = Data(base64Encoded: b64), !key.isEmpty else {
            throw DeliveryConfigError(channel: c.name, "the webhook secret is not of the form whsec_<base64>")
        }
        return [UInt8](key)
    }

    private static func lookup(channel: String, file: String?, env: String?, credential: String,
                               environment: [String: String]) throws -> String? {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw DeliveryConfigError(channel: channel, "cannot read secret file \(file)")
            }
            return trimmed(String(decoding: data, as: UTF8.self))
        }
        if let env {
            guard let v = environment[env], !v.isEmpty else {
                throw DeliveryConfigError(channel: channel, "environment variable \(env) is not set")
            }
            return trimmed(v)
        }
        if let dir = environment["CREDENTIALS_DIRECTORY"], !dir.isEmpty {
            let path = (dir as NSString).appendingPathComponent(credential)
            if let data = FileManager.default.contents(atPath: path) {
                return trimmed(String(decoding: data, as: UTF8.self))
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
