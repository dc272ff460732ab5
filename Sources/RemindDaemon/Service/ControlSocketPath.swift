/// Where the daemon's control socket lives (DESIGN "Command line"): in systemd's runtime
/// directory when there is one, else beside the state file.
///
/// Why computed in one place: `remindd run` listens and `remindd done` connects, and the
/// two must arrive at the same path from the same config and environment.
public enum ControlSocketPath {
    /// `$RUNTIME_DIRECTORY/control.sock` (the first directory when systemd lists several),
    /// else `<statePath>.sock`. Throws when the path is too long for a Unix socket.
    public static func resolve(statePath: String, environment: [String: String]) throws(ControlSocketError) -> String {
        let path: String
        if let runtime = environment["RUNTIME_DIRECTORY"]?.split(separator: ":").first, !runtime.isEmpty {
            path = runtime.hasSuffix("/") ? "\(runtime)control.sock" : "\(runtime)/control.sock"
        } else {
            path = statePath + ".sock"
        }
        _ = try UnixSocketAddress(path: path)
        return path
    }

    /// Where the daemon also links its socket: beside the state file, when `resolve` put it
    /// in the runtime directory. A command run outside the service (no
    /// `$RUNTIME_DIRECTORY`) then still finds the daemon the way DESIGN says. Nil when the
    /// socket is beside the state file already, or that path is too long to use.
    public static func alias(statePath: String, environment: [String: String]) -> String? {
        guard let primary = try? resolve(statePath: statePath, environment: environment),
              let plain = try? resolve(statePath: statePath, environment: [:]),
              plain != primary
        else { return nil }
        return plain
    }
}
