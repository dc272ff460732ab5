import ArgumentParser
import Foundation
import Logging
import RemindCore
import RemindDaemon

/// `--config PATH`, shared by every subcommand.
struct ConfigOption: ParsableArguments {
    static let defaultPath = "/etc/remindd/remindd.yaml"

    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "path"), completion: .configFile)
    var config: String = ProcessInfo.processInfo.environment["REMINDD_CONFIG"] ?? ConfigOption.defaultPath

    /// Loads the config model (no channel is built: the command delivers nothing); on
    /// errors prints them as `PATH:LINE:COL: error: …` and exits 78 (EX_CONFIG).
    func load() throws -> Config {
        try reportingErrors {
            try ServiceConfig.loadModel(path: config, cache: ConfigCache(environment: ProcessInfo.processInfo.environment))
        }
    }

    /// `load()`, with the writing of a new snapshot handed back to run when it suits the
    /// command.
    func loadDeferringSnapshot() throws -> (Config, store: @Sendable () -> Void) {
        try reportingErrors {
            try ServiceConfig.loadModelDeferringSnapshot(path: config, cache: ConfigCache(environment: ProcessInfo.processInfo.environment))
        }
    }

    /// The daemon's own load, as `check` runs it: channels built, secrets and files checked.
    /// A new snapshot is left to the caller to write (`loaded.storeSnapshot`).
    func loadForCheck() throws -> LoadedConfig {
        let env = ProcessInfo.processInfo.environment
        return try reportingErrors {
            try ServiceConfig.load(path: config, cache: ConfigCache(environment: env), environment: env,
                                   logger: Logger(label: "remindd.check"), purpose: .check)
        }
    }

    /// The daemon's own start-up load: channels built with their secrets, for a command
    /// that delivers (`digest --send` without a running daemon).
    func loadForStart() throws -> LoadedConfig {
        let env = ProcessInfo.processInfo.environment
        return try reportingErrors {
            try ServiceConfig.load(path: config, cache: ConfigCache(environment: env), environment: env,
                                   logger: Logger(label: "remindd.digest"), purpose: .start)
        }
    }

    private func reportingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as ConfigErrors {
            for w in e.warnings { Console.error(w) }
            Console.error(e.description)
            let n = e.errors.count
            Console.error("\(config): \(n) error\(n == 1 ? "" : "s"); nothing was changed")
            throw ExitCode(78)
        }
    }
}

enum Console {
    static func error(_ s: String) {
        FileHandle.standardError.write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
    }

    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
    }
}
