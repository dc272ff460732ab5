// swift-tools-version:6.0
import PackageDescription
#if canImport(Glibc)
import Glibc
#endif

/// How the daemon's executable is linked on Linux (docs/benchmarks.md, "Resident memory: the
/// code a daemon runs"). lld places the functions a starting daemon runs together, as
/// `scripts/order-file` listed them, so it touches a few megabytes of its code instead of most
/// of it; no symbol goes into the dynamic table, since nothing looks the executable's symbols
/// up by name; and relative relocations are packed where the C library reads them that way
/// (glibc 2.36 and later), instead of 3 MB of them read once at start.
let daemonLinking: [LinkerSetting] = {
    let root = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.startIndex))
    var flags = [
        "-use-ld=lld", "-Xlinker", "--no-export-dynamic",
        "-Xlinker", "--symbol-ordering-file=\(root)/packaging/remindd.order", "-Xlinker", "--no-warn-symbol-ordering",
    ]
    if glibcReadsPackedRelocations() { flags += ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] }
    return [.unsafeFlags(flags, .when(platforms: [.linux]))]
}()

func glibcReadsPackedRelocations() -> Bool {
    #if canImport(Glibc)
    var buffer = [CChar](repeating: 0, count: 64)
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return false }
    // "glibc 2.36"
    let version = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let numbers = version.split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    guard numbers.count >= 2 else { return false }
    return (numbers[0], numbers[1]) >= (2, 36)
    #else
    return false
    #endif
}

let package = Package(
    name: "remindd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "remindd", targets: ["remindd"]),
        .library(name: "RemindCore", targets: ["RemindCore"]),
        // For the libFuzzer targets in Fuzz/, a package of their own.
        .library(name: "MinutesImport", targets: ["MinutesImport"]),
        .library(name: "RemindDelivery", targets: ["RemindDelivery"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Reading .docx minutes (a zip of XML) for `remindd import`.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The shared store of several daemons (`store:` in the config).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // libcurl, wrapped once: typed setopt/getinfo shims for the variadic C API.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Pure: configuration, time rules, planner. Reads no file (the config's files come through
        // `ConfigFiles`) and no clock.
        .target(
            name: "RemindCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Action-item extraction from meeting minutes; reads .docx (ZIPFoundation) and .pdf
        // (pdftotext) besides plain text.
        .target(
            name: "MinutesImport",
            dependencies: ["RemindCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Channels: SMTP and webhooks through libcurl, maildir, message rendering.
        .target(
            name: "RemindDelivery",
            dependencies: [
                "RemindCore", "CCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The service: SQLite store, outbox worker, scheduler, control socket, systemd, HTTP, as one
        // group of services (swift-service-lifecycle).
        .target(
            name: "RemindDaemon",
            dependencies: [
                "RemindCore", "RemindDelivery",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "remindd",
            dependencies: [
                "RemindCore", "RemindDelivery", "RemindDaemon", "MinutesImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: daemonLinking
        ),
        // `scripts/bench`: timer lateness, delivery throughput, start-up, agenda and idle figures.
        .executableTarget(
            name: "remindd-bench",
            dependencies: [
                "RemindCore", "RemindDelivery", "RemindDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "RemindCoreTests", dependencies: ["RemindCore", "RemindDelivery", "RemindDaemon"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MinutesImportTests", dependencies: ["MinutesImport", "RemindCore", "RemindDelivery", "RemindDaemon"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RemindDeliveryTests", dependencies: ["RemindDelivery", "RemindCore"], exclude: ["Golden"]),
        // A throw-away PostgreSQL server (Tests/Support/pg_server.py) for the store and scale-out tests.
        .target(name: "PostgresTestServer", path: "Tests/PostgresTestServer"),
        .testTarget(name: "RemindDaemonTests", dependencies: ["RemindDaemon", "RemindCore", "RemindDelivery", "PostgresTestServer"]),
        // RemindDelivery: the inbox tests drive the IMAP client's public API against a real Dovecot.
        .testTarget(name: "IntegrationTests", dependencies: ["RemindCore", "RemindDelivery", "PostgresTestServer"]),
    ]
)
