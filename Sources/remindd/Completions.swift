import ArgumentParser
import Foundation
import RemindDaemon

extension CompletionKind {
    /// Names from the config the command line names (`CompletionNames`): item ids, person
    /// ids, channel, digest and event names.
    static func configNames(_ kind: CompletionNames.Kind) -> CompletionKind {
        .custom { words, index, prefix in
            CompletionNames.names(kind, words: words, index: index, prefix: prefix,
                                  environment: ProcessInfo.processInfo.environment,
                                  defaultPath: ConfigOption.defaultPath)
        }
    }

    static let configFile = CompletionKind.file(extensions: ["yaml", "yml"])
}
