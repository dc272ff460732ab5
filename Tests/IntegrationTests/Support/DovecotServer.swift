import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away Dovecot (Debian's `dovecot-imapd`) for the inbox tests: its own config, run
/// and state folders, log and maildir in the test's directory, one fixed user and password,
/// listening on loopback ports of its own. Run in the foreground (`dovecot -F -c CONF`)
/// and stopped by its PID, so nothing of the machine's own Dovecot is touched. It runs as
/// the test runner's user; as root, its processes and mail belong to `nobody`, as Dovecot
/// refuses root for them. Messages go in through `Tests/Support/imap_tool.py` (imaplib):
/// an independent client, and the way a real message arrives.
final class DovecotServer {
    static let user = "lrt"
    static let password = "imap-test-Secret-4711"

    /// Whether dovecot is installed. Under CI (`CI` set) this is always true, so a missing
    /// package fails the run instead of skipping it.
    static let available: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        return executable != nil
    }()

    static let skipReason: Comment = "dovecot not found (Debian package dovecot-imapd; scripts/setup --test installs it); set CI to make this a failure"

    /// `dovecot` on PATH, or in /usr/sbin (not on a normal user's PATH).
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") + ["/usr/sbin", "/usr/local/sbin"] {
            let candidate = "\(dir)/dovecot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    let directory: URL
    /// `imap://` (STARTTLS offered when `tls`).
    let port: Int
    /// `imaps://`, when `tls`.
    let tlsPort: Int?
    /// The self-signed certificate the server presents (localhost, 127.0.0.1): the CA file
    /// a client trusts. Nil without `tls`.
    let certificate: String?
    let passwordFile: String
    private var child: ChildProcess!
    /// The command that starts it, again after `stop()` (`start()`).
    private var launch: [String] = []

    /// - Parameter tls: serve STARTTLS on `port` and implicit TLS on `tlsPort`, with a
    ///   certificate made now by openssl; without, plain text only (`ssl = no`).
    init(_ workspace: Workspace, tls: Bool = false) async throws {
        guard let dovecot = Self.executable else {
            throw IntegrationError("dovecot not found on PATH or in /usr/sbin: install the Debian package dovecot-imapd (scripts/setup --test)")
        }
        let dir = workspace.url.appendingPathComponent("dovecot-\(UUID().uuidString.prefix(6))")
        directory = dir
        let fm = FileManager.default
        for sub in ["home", "Maildir"] {
            try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        passwordFile = dir.appendingPathComponent("password").path
        try Self.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        port = try PythonServer.freePort()
        var tlsPort: Int?
        var certificate: String?
        var sslLines = "ssl = no"
        if tls {
            let cert = dir.appendingPathComponent("cert.pem").path, key = dir.appendingPathComponent("key.pem").path
            try Self.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                          "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "2",
                          "-keyout", key, "-out", cert], what: "openssl req (a test certificate)")
            certificate = cert
            var p = try PythonServer.freePort()
            while p == port { p = try PythonServer.freePort() }
            tlsPort = p
            sslLines = "ssl = yes\nssl_cert = <\(cert)\nssl_key = <\(key)"
        }
        self.tlsPort = tlsPort
        self.certificate = certificate

        // Dovecot runs its helpers and the mail process as an unprivileged account: the
        // runner's own, or nobody when the runner is root.
        let account = try Self.account()
        if getuid() == 0 {
            for sub in ["home", "Maildir"] {
                guard chown(dir.appendingPathComponent(sub).path, account.uid, account.gid) == 0 else {
                    throw IntegrationError("cannot hand \(sub) to \(account.user): errno \(errno)")
                }
            }
        }
        let config = """
            protocols = imap
            listen = 127.0.0.1
            base_dir = \(dir.path)/run
            state_dir = \(dir.path)/state
            log_path = \(dir.path)/dovecot.log
            info_log_path = \(dir.path)/dovecot.log
            default_internal_user = \(account.user)
            default_internal_group = \(account.group)
            default_login_user = \(account.user)
            first_valid_uid = \(account.uid)
            last_valid_uid = \(account.uid)
            \(sslLines)
            disable_plaintext_auth = no
            auth_failure_delay = 0
            mail_fsync = never
            passdb {
              driver = static
              args = password=\(Self.password)
            }
            userdb {
              driver = static
              args = uid=\(account.uid) gid=\(account.gid) home=\(dir.path)/home
            }
            mail_location = maildir:\(dir.path)/Maildir
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = \(port)
              }
              inet_listener imaps {
                address = 127.0.0.1
                port = \(tlsPort ?? 0)
              }
            }
            service anvil {
              chroot =
            }

            """
        let configPath = dir.appendingPathComponent("dovecot.conf").path
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        // Through a shim that unblocks signals first: the test runner's threads block SIGTERM,
        // a child inherits that mask, and Dovecot would never see the SIGTERM that stops it.
        let unblock = "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])"
        launch = ["python3", "-c", unblock, dovecot, "-F", "-c", configPath]
        try await start()
    }

    /// Starts the server (again, after `stop()`: same port, same mail) and waits until it listens.
    func start() async throws {
        let dir = directory
        let child = try ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: launch,
                                     directory: dir, name: "dovecot")
        self.child = child
        let logURL = dir.appendingPathComponent("dovecot.log")
        let ports = [port] + (tlsPort.map { [$0] } ?? [])
        try await Poll.until("dovecot to listen on \(ports)", timeout: 20, context: {
            "stderr:\n\(child.stderr)\nlog:\n\((try? String(contentsOf: logURL, encoding: .utf8)) ?? "")"
        }) {
            if !child.isRunning {
                let log = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
                throw IntegrationError("dovecot exited at start:\n\(child.stderr)\n\(log)")
            }
            return ports.allSatisfy(Self.accepts)
        }
    }

    deinit { child.send(SIGTERM) }

    /// Stops the server (SIGTERM to the master, which ends its helpers) and waits for it.
    func stop() async throws {
        child.send(SIGTERM)
        try await child.waitForExit(timeout: 10)
    }

    var log: String { (try? String(contentsOf: directory.appendingPathComponent("dovecot.log"), encoding: .utf8)) ?? "" }

    /// Successful IMAP logins so far, one per connection.
    var logins: Int { log.split(separator: "\n").filter { $0.contains("imap-login: Info: Login:") }.count }

    /// The bytes each finished IMAP session sent (`Logged out … out=N`).
    var bytesSentPerSession: [Int] {
        log.split(separator: "\n").filter { $0.contains("Logged out") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("out=") }.flatMap { Int($0.dropFirst(4)) }
        }
    }

    // MARK: imap_tool.py, an independent client

    /// APPENDs each message (no flags: unseen) and returns the UIDs the server gave them.
    func append(_ messages: [[UInt8]], to mailbox: String = "INBOX") throws -> [UInt32] {
        var files: [String] = []
        for (i, m) in messages.enumerated() {
            let path = directory.appendingPathComponent("append-\(UUID().uuidString.prefix(6))-\(i).eml").path
            guard FileManager.default.createFile(atPath: path, contents: Data(m)) else { throw IntegrationError("cannot write \(path)") }
            files.append(path)
        }
        defer { for f in files { try? FileManager.default.removeItem(atPath: f) } }
        let out = try tool(["append", mailbox] + files)
        guard let uids = out["uids"] as? [Int], uids.count == messages.count else {
            throw IntegrationError("imap_tool append gave no UIDs: \(out)")
        }
        return uids.map { UInt32($0) }
    }

    /// Takes `\Seen` off a message, as a client that never got to flag it would leave it.
    func markUnseen(uid: UInt32, in mailbox: String = "INBOX") throws {
        _ = try tool(["unseen", mailbox, "\(uid)"])
    }

    func flags(uid: UInt32, in mailbox: String = "INBOX") throws -> [String] {
        try tool(["flags", mailbox, "\(uid)"])["flags"] as? [String] ?? []
    }

    func uidValidity(of mailbox: String = "INBOX") throws -> UInt32 {
        guard let v = try tool(["status", mailbox])["uidvalidity"] as? Int else { throw IntegrationError("no UIDVALIDITY from imap_tool") }
        return UInt32(v)
    }

    func create(_ mailbox: String) throws { _ = try tool(["create", mailbox]) }
    func delete(_ mailbox: String) throws { _ = try tool(["delete", mailbox]) }

    private func tool(_ arguments: [String]) throws -> [String: Any] {
        let script = Paths.serverScripts.appendingPathComponent("imap_tool.py").path
        let output = try Self.run(["python3", script, "--port", "\(port)", "--user", Self.user,
                                   "--password-file", passwordFile] + arguments, what: "imap_tool.py \(arguments[0])")
        guard let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw IntegrationError("imap_tool.py printed no JSON object: \(output)")
        }
        return json
    }

    // MARK: helpers

    /// Runs a command to its end; its stdout, or an error with its stderr.
    @discardableResult
    static func run(_ arguments: [String], what: String) throws -> String {
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("rdi-err-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errURL.path, contents: nil) else { throw IntegrationError("cannot write \(errURL.path)") }
        defer { try? FileManager.default.removeItem(at: errURL) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = try FileHandle(forWritingTo: errURL)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw IntegrationError("\(what) failed (\(p.terminationStatus)): \(err)")
        }
        return String(decoding: outData, as: UTF8.self)
    }

    private static func account() throws -> (user: String, group: String, uid: uid_t, gid: gid_t) {
        let pw = getuid() == 0 ? getpwnam("nobody") : getpwuid(getuid())
        guard let pw, let name = pw.pointee.pw_name else { throw IntegrationError("no passwd entry for the Dovecot account") }
        let gid = pw.pointee.pw_gid
        guard let gr = getgrgid(gid), let group = gr.pointee.gr_name else { throw IntegrationError("no group \(gid)") }
        return (String(cString: name), String(cString: group), pw.pointee.pw_uid, gid)
    }

    /// Whether something accepts TCP connections on the loopback port.
    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
