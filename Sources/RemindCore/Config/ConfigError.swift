/// One problem found in a config file, with the place it points at.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String

    public init(_ message: String, at location: SourceLocation?) {
        self.message = message
        self.location = location
    }

    /// `PATH:LINE:COLUMN: error: message`, the form compilers use, so editors can jump to it.
    public var description: String {
        if let l = location { return "\(l): error: \(message)" }
        return "error: \(message)"
    }
}

/// All problems of one load, in file order: a secretariat fixes a config in one pass, not
/// one error per run.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigError]
    /// `PATH:LINE:COL: warning: …` lines found by the same load, printed before the errors.
    public var warnings: [String] = []

    public init(_ errors: [ConfigError], warnings: [String] = []) {
        self.errors = errors
        self.warnings = warnings
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
