import Foundation

/// Why a test could not do what it set out to do (a server that did not start, a wait that
/// ran out), with enough detail to act on without rerunning.
struct IntegrationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Where the repository and the built binary are. These tests run `remindd` as a user
/// would, so they need the binary `swift build` made; they never build it themselves.
enum Paths {
    /// The package root, found from this file: `Tests/IntegrationTests/Support/Paths.swift`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Support`: the SMTP server and HTTP receiver.
    static let serverScripts = packageRoot.appendingPathComponent("Tests/Support")

    static func repositoryFile(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    /// `<package root>/.build/debug/remindd`, or `$REMINDD_BINARY`. Throws a clear error when
    /// it is missing rather than letting every test fail on a confusing launch error.
    static func binary() throws -> URL {
        let env = ProcessInfo.processInfo.environment["REMINDD_BINARY"].flatMap { $0.isEmpty ? nil : $0 }
        let url = env.map(URL.init(fileURLWithPath:)) ?? packageRoot.appendingPathComponent(".build/debug/remindd")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw IntegrationError("""
                the remindd binary was not found at \(url.path). The integration tests run the built \
                binary: build it first (`swift build --build-tests && swift test --skip-build`, as \
                scripts/test does), or point REMINDD_BINARY at one.
                """)
        }
        return url
    }
}
