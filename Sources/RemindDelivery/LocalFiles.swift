import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The local files and folders a channel depends on (secret and trust files, a maildir),
/// checked by the one load that `check`, start and reload share: each problem names the
/// channel's key and says what is wrong in words, never what a secret holds.
enum LocalFiles {
    /// Secrets and certificates are small; a larger file is a wrong path.
    static let sizeLimit = 1 << 20

    /// A path under systemd's credentials directory (`/run/credentials/UNIT/…`) whose unit
    /// directory does not exist here: the file is there only inside the service, so a load
    /// outside it cannot check it.
    static func isUnseenCredential(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard path.hasPrefix("/"), parts.count >= 3, parts[0] == "run", parts[1] == "credentials" else { return false }
        var st = stat()
        return stat("/run/credentials/\(parts[2])", &st) != 0
    }

    /// The warning `check` gives for such a path.
    static func unseenNote(_ path: String) -> String {
        "'\(path)' exists only inside the service (its credentials directory is not here); not checked"
    }

    /// The bytes of a small regular file.
    static func read(_ path: String, channel: String, key: String, what: String) throws(DeliveryConfigError) -> [UInt8] {
        func fail(_ why: String) -> DeliveryConfigError {
            DeliveryConfigError(channel: channel, key: key, "cannot read the \(what) '\(path)': \(why)")
        }
        var st = stat()
        guard stat(path, &st) == 0 else { throw fail(errorText(errno)) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw fail("it is a directory, not a file") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw fail("it is not a regular file") }
        guard Int(st.st_size) <= sizeLimit else { throw fail("it is larger than \(sizeLimit / 1024) KiB") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw fail(errorText(errno)) }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail(errorText(errno))
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
            guard out.count <= sizeLimit else { throw fail("it is larger than \(sizeLimit / 1024) KiB") }
        }
        return out
    }

    /// A trust file: readable and holding at least one PEM certificate.
    static func checkCertificates(_ path: String, channel: String) throws(DeliveryConfigError) {
        let bytes = try read(path, channel: channel, key: "ca_file", what: "CA file")
        guard String(decoding: bytes, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw DeliveryConfigError(channel: channel, key: "ca_file", "'\(path)' holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
    }

    /// A maildir's folders (`tmp`, `new`, `cur` under `path`). With `create`, they are made
    /// now (start and reload); without, the load only makes sure they could be (`check`):
    /// what exists is a writable folder, and the nearest existing parent of what does not is
    /// one too.
    static func prepareMaildir(_ path: String, channel: String, create: Bool) throws(DeliveryConfigError) {
        func fail(_ why: String) -> DeliveryConfigError {
            DeliveryConfigError(channel: channel, key: "path", "cannot create the maildir '\(path)': \(why)")
        }
        let folders = [path, path + "/tmp", path + "/new", path + "/cur"]
        for dir in folders where exists(dir) {
            if let why = writableFolderProblem(dir) { throw fail(dir == path ? why : "\(dir): \(why)") }
        }
        if !exists(path) {
            var parent = (path as NSString).deletingLastPathComponent
            while !parent.isEmpty && !exists(parent) { parent = (parent as NSString).deletingLastPathComponent }
            if parent.isEmpty { parent = "." }
            if let why = writableFolderProblem(parent) { throw fail("\(parent): \(why)") }
        }
        guard create else { return }
        var missing: [String] = []
        var p = path
        while !p.isEmpty && p != "/" && !exists(p) {
            missing.append(p)
            p = (p as NSString).deletingLastPathComponent
        }
        for dir in missing.reversed() + folders.dropFirst() where mkdir(dir, 0o700) != 0 && errno != EEXIST {
            throw fail("\(dir): \(errorText(errno))")
        }
    }

    private static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    private static func writableFolderProblem(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return errorText(errno) }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { return "it is not a directory" }
        guard access(path, W_OK | X_OK) == 0 else { return errorText(errno) }
        return nil
    }

    static func errorText(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES: return "permission denied"
        case ENOTDIR: return "a part of the path is not a directory"
        case EROFS: return "read-only file system"
        default: return String(cString: strerror(code))
        }
    }
}
