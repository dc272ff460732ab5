import Foundation
import Logging
import RemindCore

/// What a load is for. `check` looks at everything the daemon will use without changing
/// anything (no maildir is made) and lets a secret under the service's credentials
/// directory go unseen, with a warning, when that directory is not here; `start` (run and
/// reload) builds the channels it will deliver through, making maildirs as it goes.
public enum LoadPurpose: Sendable {
    case check, start
}

/// The notifiers of every configured channel, built by the one load: everything that can be
/// wrong with a channel short of the server itself (bad URL, plain SMTP to a remote host,
/// a secret or trust file that cannot be read, a maildir that cannot be made) is found
/// here, at `check`, start or reload, never at the first delivery.
public struct ChannelSet {
    /// By channel name. With `.check`, a channel whose secret went unseen has none.
    public var notifiers: [String: any Notifier]
    /// Problems that are not errors (a secret `check` cannot see).
    public var warnings: [DeliveryConfigError]

    /// Every channel of `config`, in file order; all problems at once.
    /// - Throws: `ChannelSet.Errors` with every channel's problem.
    public static func build(config: Config, renderer: MessageRenderer, environment: [String: String],
                             logger: Logger, purpose: LoadPurpose,
                             now: @escaping () -> Date = Date.init) throws(Errors) -> ChannelSet {
        var set = ChannelSet(notifiers: [:], warnings: [])
        var errors: [DeliveryConfigError] = []
        let names = config.channelOrder + config.channels.keys.filter { !config.channelOrder.contains($0) }.sorted()
        for name in names {
            guard let section = config.channels[name] else { continue }
            do {
                let channel = try Channels.read(section)
                set.notifiers[name] = try channel.makeNotifier(NotifierContext(
                    renderer: renderer, environment: environment, logger: logger, purpose: purpose, now: now))
                if purpose == .check, let ca = channel.caFile, LocalFiles.isUnseenCredential(ca) {
                    set.warnings.append(DeliveryConfigError(channel: name, key: "ca_file", LocalFiles.unseenNote(ca)))
                }
            } catch let unseen as Secrets.Unseen {
                set.warnings.append(unseen.warning)
            } catch let e as DeliveryConfigError {
                errors.append(e)
            } catch {
                errors.append(DeliveryConfigError(channel: name, "\(error)"))
            }
        }
        if !errors.isEmpty { throw Errors(errors: errors, warnings: set.warnings) }
        return set
    }

    public struct Errors: Error {
        public var errors: [DeliveryConfigError]
        /// Found beside the errors; shown with them, so one pass fixes everything.
        public var warnings: [DeliveryConfigError]
    }
}

/// Builds the notifier of one configured channel.
public enum Notifiers {
    /// One channel by name, for `test-channel` and tests: the same build the load does.
    /// - Throws: `DeliveryConfigError` or `TemplateError`; their text holds no secret.
    public static func make(channel: String, config: Config, environment: [String: String],
                            logger: Logger) throws -> any Notifier {
        try make(channel: channel, config: config, environment: environment, logger: logger, now: Date.init)
    }

    static func make(channel: String, config: Config, environment: [String: String], logger: Logger,
                     now: @escaping () -> Date) throws -> any Notifier {
        guard let section = config.channels[channel] else {
            throw DeliveryConfigError(channel: channel, "no such channel in the config")
        }
        return try Channels.read(section).makeNotifier(NotifierContext(
            renderer: try MessageRenderer(config: config), environment: environment, logger: logger,
            purpose: .start, now: now))
    }
}
