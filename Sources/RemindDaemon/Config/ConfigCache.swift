import Crypto
import Foundation
import RemindCore

#if canImport(Glibc)
import Glibc
#endif

/// Where config snapshots are kept, one file per config path: `$REMINDD_CACHE_DIR`, else
/// systemd's `$CACHE_DIRECTORY` (`CacheDirectory=remindd`), else `$XDG_CACHE_HOME/remindd`,
/// else `~/.cache/remindd`. `REMINDD_CACHE_DIR=off` turns snapshots off.
///
/// A snapshot is trusted input (it holds channel URLs and addresses), so only a regular
/// file owned by this user and writable by no one else is read; files are written 0600
/// under a 0700 folder, by rename, so a reader never sees half a file. Secrets are never
/// in a config, so never in a snapshot.
public struct ConfigCache: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public init?(environment env: [String: String]) {
        func nonEmpty(_ k: String) -> String? { env[k].flatMap { $0.isEmpty ? nil : $0 } }
        if let d = env["REMINDD_CACHE_DIR"] {
            guard !d.isEmpty, d != "off" else { return nil }
            directory = d
        } else if let d = nonEmpty("CACHE_DIRECTORY") {
            directory = String(d.split(separator: ":").first ?? Substring(d))
        } else if let d = nonEmpty("XDG_CACHE_HOME") {
            directory = d + "/remindd"
        } else if let h = nonEmpty("HOME"), h != "/" {
            directory = h + "/.cache/remindd"
        } else {
            return nil
        }
    }

    /// What happened on the last `load`, for the daemon's log.
    public enum Result: Equatable, Sendable {
        case loaded(from: String)
        case parsed(reason: String)
    }

    /// Identifies the running executable: a snapshot written by another build is not read.
    public static let build: String? = {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return nil }
        return "\(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    public static func cwd() -> String { FileManager.default.currentDirectoryPath }

    /// The snapshot file for a config path as given on the command line from this folder.
    public func file(for path: String, cwd: String = ConfigCache.cwd()) -> String {
        let key = Array(SHA256.hash(data: Data((cwd + "\u{0}" + path).utf8)))
        return directory + "/config-" + key.prefix(16).map { String($0, radix: 16).leftPadded(2) }.joined() + ".snapshot"
    }

    /// The config from its snapshot, if there is one that still stands.
    public func load(path: String) -> (Config?, Result) {
        guard let build = Self.build else { return (nil, .parsed(reason: "the executable cannot be identified")) }
        let cwd = Self.cwd()
        let file = file(for: path, cwd: cwd)
        guard let bytes = Self.readOwnFile(file) else { return (nil, .parsed(reason: "no snapshot")) }
        let (config, outcome) = ConfigSnapshot.decode(bytes, build: build, cwd: cwd, path: path, files: LocalConfigFiles())
        switch outcome {
        case .loaded: return (config, .loaded(from: file))
        case .stale(let why): return (nil, .parsed(reason: why))
        }
    }

    /// Writes the snapshot of a config just loaded from `path`; failing to is not an error
    /// (the next start parses the YAML again).
    /// `parallel: false` encodes on the calling thread alone, for a snapshot written beside
    /// other work.
    @discardableResult
    public func store(_ config: Config, path: String, parallel: Bool = true) -> Bool {
        guard let build = Self.build, !config.inputs.files.isEmpty else { return false }
        let cwd = Self.cwd()
        let bytes = ConfigSnapshot.encode(config, build: build, cwd: cwd, path: path, parallel: parallel)
        let target = file(for: path, cwd: cwd)
        guard Self.makeFolder(directory) else { return false }
        let temp = "\(target).\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return false }
        let ok = bytes.withUnsafeBytes { buf -> Bool in
            var done = 0
            while done < buf.count {
                let n = write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        close(fd)
        guard ok, rename(temp, target) == 0 else {
            unlink(temp)
            return false
        }
        return true
    }

    static func makeFolder(_ path: String) -> Bool {
        var st = stat()
        if stat(path, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path && !makeFolder(parent) { return false }
        return mkdir(path, 0o700) == 0 || errno == EEXIST
    }

    /// The bytes of a regular file owned by this user that no one else may write.
    static func readOwnFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == geteuid(),
              st.st_mode & 0o022 == 0 else { return nil }
        let size = Int(st.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        let got = bytes.withUnsafeMutableBytes { buf -> Int in
            var done = 0
            while done < size {
                let n = read(fd, buf.baseAddress! + done, size - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            return done
        }
        return got == size ? bytes : nil
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension ConfigLoader {
    /// `load(path:)` through a snapshot cache: a snapshot that still stands is read
    /// instead of the YAML; otherwise the YAML is loaded and, when valid, snapshotted.
    public static func load(path: String, cache: ConfigCache?, kinds: ChannelKinds) throws -> (Config, ConfigCache.Result) {
        let (config, result, store) = try loadDeferringSnapshot(path: path, cache: cache, kinds: kinds, storeOnAllCores: true)
        store()
        return (config, result)
    }

    /// The same, with the writing of a new snapshot handed back to run when it suits the
    /// caller (the daemon writes it once it is ready, not before; `agenda` beside its
    /// planning), on one core unless `storeOnAllCores`: the caller has other work.
    public static func loadDeferringSnapshot(path: String, cache: ConfigCache?, kinds: ChannelKinds, storeOnAllCores: Bool = false)
        throws -> (Config, ConfigCache.Result, store: @Sendable () -> Void) {
        let files = LocalConfigFiles()
        guard let cache else { return (try load(path: path, kinds: kinds, files: files), .parsed(reason: "snapshots are off"), {}) }
        let (cached, result) = cache.load(path: path)
        if let cached { return (cached, result, {}) }
        let config = try load(path: path, kinds: kinds, files: files)
        return (config, result, { cache.store(config, path: path, parallel: storeOnAllCores) })
    }
}
