import Foundation
import RemindCore
import RemindDelivery

/// The names a shell completes after `remindd done`, `calendar`, `test-channel`, `digest`
/// and `event`: read from the config the command line being completed names (`--config`),
/// else `$REMINDD_CONFIG`, else the default. A completion prints nothing but names: a
/// config that is missing or broken completes to nothing, and no snapshot is written.
public enum CompletionNames {
    public enum Kind: Sendable {
        case items, people, channels, digests, events
        /// What `history` takes: an item or an event.
        case subjects
    }

    /// - Parameters:
    ///   - words: the shell words of the command line, as the shell passes them.
    ///   - index: the word being completed (never read as the config's path).
    ///   - prefix: what is typed of that word so far.
    public static func names(_ kind: Kind, words: [String], index: Int, prefix: String,
                             environment: [String: String], defaultPath: String) -> [String] {
        let path = configPath(words: words, index: index, environment: environment, defaultPath: defaultPath)
        guard let config = try? ConfigLoader.loadDeferringSnapshot(path: path, cache: ConfigCache(environment: environment),
                                                                   kinds: Channels.kinds).0 else { return [] }
        let all: [String] = switch kind {
        case .items: config.items.map(\.id)
        case .people: config.people.keys.sorted()
        case .channels: config.channelOrder
        case .digests: config.digests.map(\.name)
        case .events: config.events.keys.sorted()
        case .subjects: config.items.map(\.id) + config.events.keys.sorted()
        }
        return prefix.isEmpty ? all : all.filter { $0.hasPrefix(prefix) }
    }

    /// The config a command line names: `--config PATH` or `--config=PATH` (the last one
    /// given, as the parser takes it), with quotes and a leading `~/` as the shell would
    /// read them.
    public static func configPath(words: [String], index: Int, environment: [String: String],
                                  defaultPath: String) -> String {
        var found: String?
        var i = 0
        while i < words.count {
            defer { i += 1 }
            guard i != index else { continue }
            if words[i] == "--config", i + 1 < words.count, i + 1 != index {
                found = words[i + 1]
                i += 1
            } else if words[i].hasPrefix("--config=") {
                found = String(words[i].dropFirst("--config=".count))
            }
        }
        guard var path = found.map(unquoted), !path.isEmpty else {
            return environment["REMINDD_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath
        }
        if path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty {
            path = home + path.dropFirst(1)
        }
        return path
    }

    /// `'a b'`, `"a b"` and `a\ b` as `a b`.
    static func unquoted(_ word: String) -> String {
        if word.count >= 2, let q = word.first, q == "'" || q == "\"", word.last == q {
            return String(word.dropFirst().dropLast())
        }
        var out = ""
        var escaped = false
        for c in word {
            if escaped || c != "\\" { out.append(c); escaped = false } else { escaped = true }
        }
        return out
    }
}
