import Foundation
import Testing

/// `remindd --version`: the release, and the commit when the Makefile built it.
@Suite struct VersionTests {
    @Test func versionNamesTheReleaseAndTheCommit() async throws {
        let ws = try Workspace("version")
        let r = try await Remindd.run(["--version"], in: ws)
        #expect(r.status == 0)
        let source = try String(contentsOfFile: Paths.repositoryFile("Sources/remindd/BuildInfo.swift"), encoding: .utf8)
        let release = try #require(source.firstMatch(of: /static let release = "([^"]+)"/)?.1)
        #expect(r.stdout.hasPrefix("\(release) (commit "), "\(r)")
        #expect(r.stdout.hasSuffix(")\n"), "\(r)")
    }
}
