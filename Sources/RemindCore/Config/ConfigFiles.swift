import Foundation

/// What reading a config file gave.
public enum ConfigFileRead: Sendable {
    case bytes(Data)
    case missing
    case directory
    case denied
}

/// The files a config is read from, as the loader sees them. The core reads no file
/// itself: the commands and the daemon pass the machine's (`LocalConfigFiles`), a fuzzer
/// or a test may pass none (`NoConfigFiles`), so that what a load depends on is explicit.
public protocol ConfigFiles: Sendable {
    func read(_ path: String) -> ConfigFileRead
    /// The path with symbolic links and `..` resolved, to recognise a file included twice.
    func canonical(_ path: String) -> String
    /// Shell-style expansion of an `include:` pattern, sorted.
    func expand(_ pattern: String) -> [String]
    func isDirectory(_ path: String) -> Bool
}

extension ConfigFiles {
    /// The first input of a load that differs now from what was recorded, or nil if none
    /// does: while none does, loading again gives the same config.
    public func firstChange(of inputs: ConfigInputs) -> String? {
        for f in inputs.files {
            if canonical(f.path) != f.canonical { return "\(f.path) now resolves elsewhere" }
            guard case .bytes(let data) = read(f.path) else { return "\(f.path) cannot be read" }
            if ConfigInputs.digest(data) != f.digest { return "\(f.path) changed" }
        }
        for i in inputs.includes where expand(i.pattern) != i.matches {
            return "include \(i.pattern) matches other files"
        }
        return nil
    }
}

/// No file at all: the text given to the loader is all there is.
public struct NoConfigFiles: ConfigFiles {
    public init() {}
    public func read(_ path: String) -> ConfigFileRead { .missing }
    public func canonical(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
    public func expand(_ pattern: String) -> [String] { [] }
    public func isDirectory(_ path: String) -> Bool { false }
}
