import Crypto
import Foundation

/// What a loaded config depends on: the bytes of every file read and the files every
/// include pattern matched. The loader reads nothing else (no clock, no environment), so
/// while these are unchanged, loading again gives the same config.
public struct ConfigInputs: Sendable, Hashable, Codable {
    public struct File: Sendable, Hashable, Codable {
        public var path: String
        public var canonical: String
        public var digest: [UInt8]
    }

    public struct Include: Sendable, Hashable, Codable {
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
///
/// The form is the model's own `Codable` description written by `CompactEncoder`: a field
/// added to `Config` or a type it holds is in the snapshot without a change here.
public enum ConfigSnapshot {
    static let magic = Array("remindd config snapshot 4\n".utf8)

    /// Who wrote the snapshot and what it was made from: read and checked before the config.
    struct Header: Codable {
        var build: String
        var cwd: String
        var path: String
        var inputs: ConfigInputs
    }

    public static func encode(_ config: Config, build: String, cwd: String, path: String,
                              itemsPerPart: Int = 10_000, parallel: Bool = true) -> [UInt8] {
        // The items, most of the bytes, go in parts of about `itemsPerPart` (at most eight),
        // written (unless `parallel` is false: the caller has other work on the cores) and
        // read on all cores.
        var rest = config
        rest.items = []
        let parts = Swift.max(1, Swift.min(8, config.items.count / Swift.max(1, itemsPerPart)))
        let size = (config.items.count + parts - 1) / Swift.max(1, parts)
        let items: [[UInt8]] = Parallel.map(0..<parts, minimumPerPart: parallel ? 1 : Int.max, shared: (), own: {}) { _, p in
            let slice = config.items[Swift.min(config.items.count, p * size)..<Swift.min(config.items.count, (p + 1) * size)]
            let e = CompactEncoder(capacity: slice.count * 96, userInfo: [.itemSharing: ItemSharing()])
            return [written { try e.encode(Array(slice)); return e.output }]
        }
        let body = written {
            let e = CompactEncoder(capacity: 4096)
            try e.encode(Header(build: build, cwd: cwd, path: path, inputs: config.inputs))
            try e.encode(rest)
            try e.encode(items.map(\.count))
            return magic + e.output + items.joined()
        }
        // A damaged snapshot must not pass for a config with a wrong value in it.
        return body + Array(SHA256.hash(data: body))
    }

    /// The encoder itself never throws; a model type that does is a bug worth seeing.
    private static func written(_ body: () throws -> [UInt8]) -> [UInt8] {
        do { return try body() } catch { preconditionFailure("config snapshot: \(error)") }
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
        guard bytes.count > sum + magic.count else { return (nil, .stale("damaged")) }
        return bytes.withUnsafeBytes { all in
            let buf = UnsafeRawBufferPointer(rebasing: all[..<(all.count - sum)])
            guard SHA256.hash(data: buf).elementsEqual(all[(all.count - sum)...]) else { return (nil, .stale("damaged")) }
            guard buf.prefix(magic.count).elementsEqual(magic) else { return (nil, .stale("not a snapshot of this format")) }
            let d = CompactDecoder(UnsafeRawBufferPointer(rebasing: buf[magic.count...]))
            do {
                let header = try d.decode(Header.self)
                guard header.build == build else { return (nil, .stale("written by another build of remindd")) }
                guard header.cwd == cwd, header.path == path else { return (nil, .stale("written for another path")) }
                if let change = files.firstChange(of: header.inputs) { return (nil, .stale(change)) }
                var config = try d.decode(Config.self)
                let sizes = try d.decode([Int].self)
                var start = magic.count + d.offset
                var ranges: [Range<Int>] = []
                for n in sizes {
                    guard n >= 0, n <= buf.count - start else { throw CompactFormatError() }
                    ranges.append(start..<start + n)
                    start += n
                }
                guard start == buf.count else { throw CompactFormatError() }
                let parts = Parallel.map(0..<ranges.count, minimumPerPart: 1, shared: (), own: {}) { _, p in
                    [Result { () throws -> [Item] in
                        let sharing = ItemSharing()
                        let d = CompactDecoder(UnsafeRawBufferPointer(rebasing: buf[ranges[p]]), userInfo: [.itemSharing: sharing])
                        let items = try d.decode([Item].self)
                        guard d.atEnd else { throw CompactFormatError() }
                        sharing.builder.texts.shrinkToFit()
                        return items
                    }]
                }
                config.items = Array(try parts.map { try $0.get() }.joined())
                config.inputs = header.inputs
                config.indexItems()
                return (config, .loaded)
            } catch {
                return (nil, .stale("damaged"))
            }
        }
    }
}
