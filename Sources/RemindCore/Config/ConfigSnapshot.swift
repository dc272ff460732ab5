import Crypto
import Foundation

/// What a loaded config depends on: the bytes of every file read and the files every
/// include pattern matched. The loader reads nothing else (no clock, no environment), so
/// while these are unchanged, loading again gives the same config.
public struct ConfigInputs: Sendable, Hashable {
    public struct File: Sendable, Hashable {
        public var path: String
        public var canonical: String
        public var digest: [UInt8]
    }

    public struct Include: Sendable, Hashable {
        public var pattern: String
        public var matches: [String]
    }

    public var files: [File] = []
    public var includes: [Include] = []

    public init() {}

    static func digest(_ data: Data) -> [UInt8] { Array(SHA256.hash(data: data)) }
}

/// A loaded, valid config in a compact binary form, with what it was loaded from. Reading
/// it back skips parsing and checking the YAML, which for a large config is most of the
/// start-up; it is used only while every input file is byte for byte the same, the path
/// and working folder are the same, and the executable is the one that wrote it.
public enum ConfigSnapshot {
    static let magic = Array("remindd config snapshot 3\n".utf8)

    public static func encode(_ config: Config, build: String, cwd: String, path: String) -> [UInt8] {
        var w = SnapshotWriter(capacity: 64 + config.items.count * 96)
        w.raw(magic)
        w.string(build)
        w.string(cwd)
        w.string(path)
        w.array(config.inputs.files) { w, f in
            w.string(f.path)
            w.string(f.canonical)
            w.raw(f.digest)
        }
        w.array(config.inputs.includes) { w, i in
            w.string(i.pattern)
            w.strings(i.matches)
        }
        w.config(config)
        // A damaged snapshot must not pass for a config with a wrong value in it.
        return w.bytes + Array(SHA256.hash(data: w.bytes))
    }

    public enum Outcome: Equatable, Sendable {
        case loaded
        /// Why the snapshot could not be used.
        case stale(String)
    }

    /// The config in `bytes` if it still stands for `path` loaded here and now.
    /// - Parameter files: where the inputs it was made from are looked at again.
    public static func decode(_ bytes: [UInt8], build: String, cwd: String, path: String,
                              files: any ConfigFiles) -> (Config?, Outcome) {
        let sum = SHA256.byteCount
        guard bytes.count > sum else { return (nil, .stale("damaged")) }
        return bytes.withUnsafeBytes { all in
            let buf = UnsafeRawBufferPointer(rebasing: all[..<(all.count - sum)])
            guard SHA256.hash(data: buf).elementsEqual(all[(all.count - sum)...]) else { return (nil, .stale("damaged")) }
            var r = SnapshotReader(buf)
            do {
                guard try r.raw() == magic else { return (nil, .stale("not a snapshot of this format")) }
                guard try r.string() == build else { return (nil, .stale("written by another build of remindd")) }
                guard try r.string() == cwd, try r.string() == path else { return (nil, .stale("written for another path")) }
                var inputs = ConfigInputs()
                inputs.files = try r.array { r in
                    ConfigInputs.File(path: try r.string(), canonical: try r.string(), digest: try r.raw())
                }
                inputs.includes = try r.array { r in
                    ConfigInputs.Include(pattern: try r.string(), matches: try r.strings())
                }
                if let change = files.firstChange(of: inputs) { return (nil, .stale(change)) }
                var config = try r.config()
                guard r.atEnd else { throw SnapshotFormatError() }
                config.inputs = inputs
                return (config, .loaded)
            } catch {
                return (nil, .stale("damaged"))
            }
        }
    }
}
