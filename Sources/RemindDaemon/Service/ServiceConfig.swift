import Foundation
import Logging
import RemindCore
import RemindDelivery

/// A config as the daemon uses it: the validated model, the message renderer and a
/// notifier per channel, all built by one load. `check`, `run` and a SIGHUP reload call
/// this same load, so whatever `check` accepts, `run` starts with, and whatever `run`
/// refuses, `check` refuses first with the same `PATH:LINE:COL: error: …` line.
public struct LoadedConfig {
    public var config: Config
    public var renderer: MessageRenderer
    /// By channel name. After a `.check` load, a channel whose secret went unseen has none.
    public var notifiers: [String: any Notifier]
    /// The link signing keys and the API's tokens.
    public var secrets: ServiceSecrets
    /// `inbox:` with its password read; nil without one.
    public var inbox: InboxSetup?
    /// `store:` with its password read; nil for the SQLite state file.
    public var store: StoreSetup?
    /// `PATH:LINE:COL: warning: …` lines: what `check` could not see from outside the
    /// service and, for `check` only (it plans items, which start-up should not do twice),
    /// what is allowed but probably not meant.
    public var warnings: [String]
    /// Whether the config came from its snapshot or was parsed, and why.
    public var read: ConfigCache.Result
    /// Writes the snapshot of a parsed config (nothing when it came from one): the daemon
    /// calls it once it is ready, a command right away.
    public var storeSnapshot: @Sendable () -> Void
}

public enum ServiceConfig {
    /// The one load: parse (or read the snapshot), validate, compile the templates, and
    /// build every channel with its local checks (secret and trust files readable, maildir
    /// creatable, URL and TLS rules).
    /// - Throws: `ConfigErrors`, every problem with its position.
    public static func load(path: String, cache: ConfigCache?, environment: [String: String], logger: Logger,
                            purpose: LoadPurpose) throws -> LoadedConfig {
        let (config, read, storeSnapshot) = try ConfigLoader.loadDeferringSnapshot(path: path, cache: cache, kinds: Channels.kinds)
        let (secrets, problems, unseen) = ServiceSecrets.load(config, purpose: purpose)
        var renderer = try makeRenderer(config, path: path, links: ActionLinks(config: config, keys: secrets.linkKeys))
        renderer.replies = ReplySigner(config: config, keys: secrets.linkKeys)
        var channels: ChannelSet?
        var errors: [ConfigError] = [], warnings: [String] = []
        do throws(ChannelSet.Errors) {
            channels = try ChannelSet.build(config: config, renderer: renderer, environment: environment,
                                            logger: logger, purpose: purpose)
        } catch {
            errors = error.errors.map { ConfigError($0.description, at: location(of: $0, in: config, path: path)) }
            warnings = error.warnings.map { warning($0, config, path) }
        }
        func at(_ p: ServiceSecrets.Problem) -> SourceLocation {
            config.keyLocations[p.key] ?? SourceLocation(file: path, line: 1, column: 1)
        }
        errors += problems.map { ConfigError("\($0.key): \($0.message)", at: at($0)) }
        warnings += unseen.map { "\(at($0)): warning: \($0.key): \($0.message)" }
        let (inbox, inboxProblems, inboxUnseen) = InboxSetup.load(config, environment: environment, purpose: purpose)
        func at(_ p: InboxSetup.Problem) -> SourceLocation {
            config.keyLocations[p.key] ?? config.keyLocations["inbox.url"] ?? SourceLocation(file: path, line: 1, column: 1)
        }
        errors += inboxProblems.map { ConfigError("\($0.key): \($0.message)", at: at($0)) }
        warnings += inboxUnseen.map { "\(at($0)): warning: \($0.key): \($0.message)" }
        let (store, storeProblems, storeUnseen) = StoreSetup.load(config, environment: environment, purpose: purpose)
        func at(_ p: StoreSetup.Problem) -> SourceLocation {
            config.keyLocations[p.key] ?? config.keyLocations["store.url"] ?? SourceLocation(file: path, line: 1, column: 1)
        }
        errors += storeProblems.map { ConfigError("\($0.key): \($0.message)", at: at($0)) }
        warnings += storeUnseen.map { "\(at($0)): warning: \($0.key): \($0.message)" }
        if !errors.isEmpty {
            throw ConfigErrors(errors.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) },
                               warnings: warnings)
        }
        warnings += (channels?.warnings ?? []).map { warning($0, config, path) }
        return LoadedConfig(config: config, renderer: renderer, notifiers: channels?.notifiers ?? [:], secrets: secrets, inbox: inbox, store: store,
                            warnings: (purpose == .check ? ConfigWarnings.find(config) : []) + warnings, read: read,
                            storeSnapshot: storeSnapshot)
    }

    /// The whole `check` load of a file, for tests and tools.
    public static func load(path: String) throws -> Config {
        try load(path: path, cache: nil, environment: [:], logger: Logger(label: "remindd.load"), purpose: .check).config
    }

    /// The model alone, for the commands that deliver nothing (`agenda`, `status`, `done`,
    /// …): parsed, validated and with its templates compiled, but no channel built, so a
    /// secretariat can run them without access to the service's secrets. The snapshot of a
    /// parsed config is written at once.
    public static func loadModel(path: String, cache: ConfigCache?) throws -> Config {
        let (config, storeSnapshot) = try loadModelDeferringSnapshot(path: path, cache: cache, storeOnAllCores: true)
        storeSnapshot()
        return config
    }

    /// The same, with the writing of a new snapshot handed back (a no-op when the snapshot
    /// was read or snapshots are off): `agenda` writes it on a thread of its own beside
    /// its planning.
    public static func loadModelDeferringSnapshot(path: String, cache: ConfigCache?, storeOnAllCores: Bool = false)
        throws -> (Config, store: @Sendable () -> Void) {
        let (config, _, storeSnapshot) = try ConfigLoader.loadDeferringSnapshot(path: path, cache: cache, kinds: Channels.kinds,
                                                                                storeOnAllCores: storeOnAllCores)
        _ = try makeRenderer(config, path: path)
        return (config, storeSnapshot)
    }

    static func warning(_ w: DeliveryConfigError, _ config: Config, _ path: String) -> String {
        "\(location(of: w, in: config, path: path)): warning: \(w.description)"
    }

    /// The line of the key a channel problem is about, else of the channel's name.
    static func location(of e: DeliveryConfigError, in config: Config, path: String) -> SourceLocation {
        config.channels[e.channel]?.location(of: e.key) ?? SourceLocation(file: path, line: 1, column: 1)
    }

    /// Template overrides compile. Checked on every load, from the YAML or a snapshot, so a
    /// snapshot needs no say in it.
    private static func makeRenderer(_ config: Config, path: String, links: ActionLinks? = nil) throws -> MessageRenderer {
        do {
            return try MessageRenderer(config: config, links: links)
        } catch let e as TemplateError {
            let at = config.keyLocations["templates.\(e.key).\(e.part)"] ?? SourceLocation(file: path, line: 1, column: 1)
            throw ConfigErrors([ConfigError("templates.\(e.key).\(e.part) is not a valid Mustache template: \(e.message)", at: at)])
        } catch {
            throw ConfigErrors([ConfigError("\(error)", at: SourceLocation(file: path, line: 1, column: 1))])
        }
    }
}
