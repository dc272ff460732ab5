import Foundation
import Testing

/// `systemd/remindd.service` as systemd itself judges it, and `make install` into a
/// DESTDIR. Skipped where systemd-analyze (or make) is not installed.
@Suite struct SystemdUnitTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let unitPath = root + "/systemd/remindd.service"
    static let analyze = which("systemd-analyze")
    static let make = which("make")

    @Test func unitDeclaresTheServiceContract() throws {
        let unit = try String(contentsOfFile: Self.unitPath, encoding: .utf8)
        let keys = Set(unit.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for line in ["Type=notify", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "DynamicUser=yes",
                     "StateDirectory=remindd", "RuntimeDirectory=remindd", "ConfigurationDirectory=remindd",
                     "ProtectSystem=strict", "NoNewPrivileges=yes"] {
            #expect(keys.contains(line), "missing \(line)")
        }
        #expect(keys.contains { $0.hasPrefix("WatchdogSec=") })
        #expect(keys.contains { $0.hasPrefix("LoadCredential=smtp-password:") })
        #expect(keys.contains { $0.hasPrefix("LoadCredential=webhook-secret:") })
        // ExecStart matches where `make install` puts the binary by default.
        let makefile = try String(contentsOfFile: Self.root + "/Makefile", encoding: .utf8)
        let prefix = try #require(makefile.split(separator: "\n").first { $0.hasPrefix("PREFIX") }?
            .split(separator: "=").last?.trimmingCharacters(in: .whitespaces))
        #expect(keys.contains("ExecStart=\(prefix)/bin/remindd run --config /etc/remindd/remindd.yaml"))
    }

    @Test(.enabled(if: analyze != nil)) func verifyReportsNothing() throws {
        let dir = try unitCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try run(Self.analyze!, ["verify", "--man=no", dir + "/remindd.service"], in: dir)
        #expect(result.status == 0)
        #expect(result.stderr == "", "systemd-analyze verify warned")
    }

    @Test(.enabled(if: analyze != nil)) func exposureIsAtMostOnePointFive() throws {
        let dir = try unitCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try run(Self.analyze!, ["security", "--offline=yes", "--no-pager", dir + "/remindd.service"], in: dir)
        #expect(result.stderr == "")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) })
        #expect(score <= 1.5, "\(line)")
    }

    @Test(.enabled(if: make != nil)) func makeInstallHonoursDestdirAndKeepsConfig() throws {
        // A scratch tree with the Makefile, the unit and a stand-in example config.
        let tree = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: tree) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: tree + "/systemd", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: tree + "/config", withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.root + "/Makefile", toPath: tree + "/Makefile")
        try fm.copyItem(atPath: Self.unitPath, toPath: tree + "/systemd/remindd.service")
        try "timezone: Europe/Amsterdam\n".write(toFile: tree + "/config/remindd.example.yaml", atomically: true, encoding: .utf8)
        let dest = tree + "/dest"
        let install = ["install-files", "DESTDIR=\(dest)", "REMINDD_BIN=/bin/true"]

        var result = try run(Self.make!, install, in: tree)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fm.isExecutableFile(atPath: dest + "/usr/local/bin/remindd"))
        let unit = try String(contentsOfFile: dest + "/etc/systemd/system/remindd.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/local/bin/remindd run --config /etc/remindd/remindd.yaml"))
        #expect(try String(contentsOfFile: dest + "/etc/remindd/remindd.yaml", encoding: .utf8) == "timezone: Europe/Amsterdam\n")

        // A second install keeps the administrator's config.
        try "edited\n".write(toFile: dest + "/etc/remindd/remindd.yaml", atomically: true, encoding: .utf8)
        result = try run(Self.make!, install, in: tree)
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: dest + "/etc/remindd/remindd.yaml", encoding: .utf8) == "edited\n")

        // A package build: PREFIX=/usr, unit in the vendor directory, ExecStart follows.
        result = try run(Self.make!, install + ["PREFIX=/usr"], in: tree)
        #expect(result.status == 0)
        let vendor = try String(contentsOfFile: dest + "/usr/lib/systemd/system/remindd.service", encoding: .utf8)
        #expect(vendor.contains("ExecStart=/usr/bin/remindd run"))
        #expect(!fm.fileExists(atPath: dest + "/usr/lib/systemd/system/remindd.service.tmp"))
    }

    @Test(.enabled(if: make != nil)) func installWithoutABinaryFailsClearly() throws {
        let dest = try storeTempDir()
        defer { try? FileManager.default.removeItem(atPath: dest) }
        let result = try run(Self.make!, ["-C", Self.root, "install-files", "DESTDIR=\(dest)",
                                          "REMINDD_BIN=\(dest)/absent"], in: dest)
        #expect(result.status != 0)
        #expect(result.stderr.contains("no remindd binary"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dest).isEmpty)
    }

    /// The unit with ExecStart pointing at a binary that exists here: verify fails on a
    /// missing one, and the installed remindd is not needed to judge the rest.
    func unitCopy() throws -> String {
        let dir = try storeTempDir()
        let unit = try String(contentsOfFile: Self.unitPath, encoding: .utf8)
        let patched = unit.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("ExecStart=") ? "ExecStart=/bin/true" : String(line)
        }.joined(separator: "\n")
        #expect(patched != unit)
        try patched.write(toFile: dir + "/remindd.service", atomically: true, encoding: .utf8)
        return dir
    }
}

private func which(_ tool: String) -> String? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return (paths + ["/usr/bin", "/bin"]).map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

private struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a tool to completion, output collected through files (no pipe can fill up).
private func run(_ tool: String, _ arguments: [String], in dir: String) throws -> RunResult {
    let out = dir + "/.stdout-\(UUID().uuidString)", err = dir + "/.stderr-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: err) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: dir)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus,
                     stdout: try String(contentsOfFile: out, encoding: .utf8),
                     stderr: try String(contentsOfFile: err, encoding: .utf8))
}
