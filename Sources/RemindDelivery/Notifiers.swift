import Foundation
import Logging
import RemindCore

/// Builds the notifier of a configured channel. Everything that can be wrong with a channel
/// short of the server itself (unknown name, bad URL, missing secret, plain SMTP to a remote
/// host, a template that does not parse) is found here, at start-up or reload.
public enum Notifiers {
    /// - Parameter environment: where `password_env`, `secret_env` and
    ///   `$CREDENTIALS_DIRECTORY` are looked up (the process environment, in the daemon).
    /// - Throws: `DeliveryConfigError` or `TemplateError`; their text holds no secret.
    public static func make(channel: String, config: Config, environment: [String: String],
                            logger: Logger) throws -> any Notifier {
        try make(channel: channel, config: config, environment: environment, logger: logger, now: Date.init)
    }

    static func make(channel: String, config: Config, environment: [String: String], logger: Logger,
                     now: @escaping () -> Date) throws -> any Notifier {
        guard let c = config.channels[channel] else {
            throw DeliveryConfigError(channel: channel, "no such channel in the config")
        }
        let renderer = try MessageRenderer(config: config)
        switch c {
        case .smtp(let smtp):
            let settings = try SMTPSettings(smtp)
            let password = try Secrets.smtpPassword(smtp, environment: environment)
            return SMTPNotifier(settings: settings, renderer: renderer, password: password, logger: logger, now: now)
        case .webhook(let hook):
            let settings = try WebhookSettings(hook)
            let key = try Secrets.webhookKey(hook, environment: environment)
            return WebhookNotifier(settings: settings, renderer: renderer, key: key, logger: logger, now: now)
        case .maildir(let dir):
            return MaildirNotifier(dir, renderer: renderer, logger: logger, now: now)
        }
    }
}
