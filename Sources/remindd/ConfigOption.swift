import ArgumentParser
import Foundation
import RemindCore
import RemindDaemon

/// `--config PATH`, shared by every subcommand.
struct ConfigOption: ParsableArguments {
    static let defaultPath = "/etc/remindd/remindd.yaml"

    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "path"))
    var config: String = ProcessInfo.processInfo.environment["REMINDD_CONFIG"] ?? ConfigOption.defaultPath

    /// Loads the config; on errors prints them as `PATH:LINE:COL: error: …` and exits 78
    /// (EX_CONFIG).
    func load() throws -> Config {
        do {
            let cache = ConfigCache(environment: ProcessInfo.processInfo.environment)
            return try ServiceConfig.load(path: config, cache: cache).0
        } catch let e as ConfigErrors {
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

/// Reads the instants the command line accepts: ISO 8601 with `Z` or an offset, a local
/// `YYYY-MM-DD HH:MM`, or a date (local midnight), in the config's zone.
enum InstantArgument {
    static func parse(_ s: String, calendar: WorkCalendar) -> Date? {
        if let d = LocalDate(s) { return calendar.instant(d, LocalTime(hour: 0, minute: 0)) }
        switch DeadlineExpr.parseTimed(s) {
        case .instant(let t): return t
        case .localDateTime(let d, let t): return calendar.instant(d, t)
        default: return nil
        }
    }
}
