import Foundation
import RemindCore

/// Where the SQLite state lives: the config's `state:`, else `$STATE_DIRECTORY/state.sqlite`
/// (systemd's StateDirectory=), else `./remindd-state.sqlite`. The daemon and every command
/// use this one rule, so they always open the same file.
public enum StateLocation {
    /// `StateDirectory=remindd` of the shipped unit.
    public static let serviceStatePath = "/var/lib/remindd/state.sqlite"

    public static func path(config: Config, environment: [String: String]) -> String {
        if let p = config.statePath { return p }
        if let dir = environment["STATE_DIRECTORY"], !dir.isEmpty {
            // systemd may pass several colon-separated directories; the first is ours.
            let first = dir.split(separator: ":").first.map(String.init) ?? dir
            return first + "/state.sqlite"
        }
        // An admin shell has no $STATE_DIRECTORY: find the service's state where systemd keeps it.
        if FileManager.default.fileExists(atPath: serviceStatePath) { return serviceStatePath }
        return FileManager.default.currentDirectoryPath + "/remindd-state.sqlite"
    }
}
