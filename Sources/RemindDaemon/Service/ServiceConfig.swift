import Foundation
import RemindCore
import RemindDelivery

/// The one way the daemon (at start and on reload) and `remindd check` load a config: the
/// core's validation plus what only the delivery layer can check (template overrides
/// compile). Secrets are not read here: `check` often runs as another user than the
/// service, which alone sees its credentials.
public enum ServiceConfig {
    public static func load(path: String) throws -> Config {
        try load(path: path, cache: nil).0
    }

    /// Through a snapshot cache (see `ConfigCache`); says whether the snapshot was used.
    public static func load(path: String, cache: ConfigCache?) throws -> (Config, ConfigCache.Result) {
        let (config, result) = try ConfigLoader.load(path: path, cache: cache)
        try checkTemplates(config, path: path)
        return (config, result)
    }

    /// The same, with writing a new snapshot left to the caller (`store`): the daemon
    /// writes it once it is ready.
    public static func loadDeferringSnapshot(path: String, cache: ConfigCache?)
        throws -> (Config, ConfigCache.Result, store: @Sendable () -> Void) {
        let loaded = try ConfigLoader.loadDeferringSnapshot(path: path, cache: cache)
        try checkTemplates(loaded.0, path: path)
        return loaded
    }

    /// Template overrides compile. Checked on every load, from the YAML or a snapshot, so a
    /// snapshot needs no say in it.
    private static func checkTemplates(_ config: Config, path: String) throws {
        do {
            _ = try MessageRenderer(config: config)
        } catch let e as TemplateError {
            let at = config.templateLocations["\(e.key).\(e.part)"] ?? SourceLocation(file: path, line: 1, column: 1)
            throw ConfigErrors([ConfigError("templates.\(e.key).\(e.part) is not a valid Mustache template: \(e.message)", at: at)])
        } catch {
            throw ConfigErrors([ConfigError("\(error)", at: SourceLocation(file: path, line: 1, column: 1))])
        }
    }
}
