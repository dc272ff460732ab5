import Foundation
import RemindCore

#if canImport(Glibc)
import Glibc
#endif

/// The machine's files, as every command and the daemon read a config.
public struct LocalConfigFiles: ConfigFiles {
    public init() {}

    public func read(_ path: String) -> ConfigFileRead {
        if let data = FileManager.default.contents(atPath: path) { return .bytes(data) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return .missing }
        return isDir.boolValue ? .directory : .denied
    }

    public func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    public func expand(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out.sorted()
    }

    public func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
