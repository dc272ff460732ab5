import Foundation
import Logging
import RemindCore
import RemindDelivery

/// Opens the store a config names: PostgreSQL with `store:`, else the SQLite file of
/// `StateLocation`. The daemon and every command that reads or writes state go through
/// here, so they always meet in the same place.
public enum StateStores {
    /// Why the store could not be opened, for the exit status the caller gives.
    public struct OpenError: Error, CustomStringConvertible {
        /// The store named as in messages (a path, or the URL without password).
        public var location: String
        public var reason: String
        /// A config problem (78) rather than an unreachable or unusable store (74).
        public var isConfig: Bool
        public var description: String { "cannot open the state database \(location): \(reason)" }
    }

    /// Where the state lives, for messages: the SQLite path or the PostgreSQL URL.
    public static func location(config: Config, environment: [String: String]) -> String {
        if let s = config.store, let url = try? StoreURL(s.url) { return url.description }
        return StateLocation.path(config: config, environment: environment)
    }

    /// The base the control socket's path is derived from when there is no
    /// `$RUNTIME_DIRECTORY`: beside the SQLite file, or `./remindd` with a PostgreSQL store.
    public static func socketBase(config: Config, environment: [String: String]) -> String {
        if config.store != nil { return FileManager.default.currentDirectoryPath + "/remindd" }
        return StateLocation.path(config: config, environment: environment)
    }

    /// Opens (and with PostgreSQL migrates and joins) the store.
    /// - Parameter setup: the `store:` setup the one load built; nil to read it here (commands).
    public static func open(config: Config, setup: StoreSetup? = nil, environment: [String: String],
                            logger: Logger = Logger(label: "remindd.store")) throws(OpenError) -> any StateStore {
        guard config.store != nil else {
            let path = StateLocation.path(config: config, environment: environment)
            do {
                return try Store(path: path)
            } catch {
                throw OpenError(location: path, reason: reason(error), isConfig: false)
            }
        }
        var setup = setup
        if setup == nil {
            let (s, errors, _) = StoreSetup.load(config, environment: environment, purpose: .start)
            if let e = errors.first {
                throw OpenError(location: location(config: config, environment: environment), reason: e.description, isConfig: true)
            }
            setup = s
        }
        guard let setup else {
            throw OpenError(location: location(config: config, environment: environment), reason: "no store settings", isConfig: true)
        }
        do {
            return try PostgresStore(url: setup.url, password: setup.password, logger: logger)
        } catch {
            throw OpenError(location: setup.url.description, reason: reason(error), isConfig: false)
        }
    }

    /// Whether state was ever written where the config points (reading never creates it):
    /// always true for PostgreSQL, whose tables the first node creates.
    public static func exists(config: Config, environment: [String: String]) -> Bool {
        config.store != nil || FileManager.default.fileExists(atPath: StateLocation.path(config: config, environment: environment))
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case StoreError.cannotOpen(_, let reason): return reason
        case let e as StoreError: return e.description
        default: return String(describing: error)
        }
    }
}
