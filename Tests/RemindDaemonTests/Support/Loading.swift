import RemindCore
import RemindDaemon
import RemindDelivery

/// The loader with the channel kinds remindd registers, as every command loads.
extension ConfigLoader {
    static func load(path: String) throws -> Config {
        try load(path: path, kinds: Channels.kinds, files: LocalConfigFiles())
    }

    static func load(text: String, path: String) throws -> Config {
        try load(text: text, path: path, kinds: Channels.kinds, files: LocalConfigFiles())
    }

    static func load(path: String, cache: ConfigCache?) throws -> (Config, ConfigCache.Result) {
        try load(path: path, cache: cache, kinds: Channels.kinds)
    }
}
