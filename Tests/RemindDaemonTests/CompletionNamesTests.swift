import Foundation
import Testing
@testable import RemindDaemon

/// Which config a command line being completed names, as the parser would read it.
@Suite struct CompletionNamesTests {
    func path(_ words: [String], index: Int? = nil, env: [String: String] = [:]) -> String {
        CompletionNames.configPath(words: words, index: index ?? words.count - 1, environment: env,
                                   defaultPath: "/etc/remindd/remindd.yaml")
    }

    @Test func theConfigOptionWins() {
        #expect(path(["remindd", "done", "--config", "a.yaml", ""]) == "a.yaml")
        #expect(path(["remindd", "done", "--config=a.yaml", ""]) == "a.yaml")
        #expect(path(["remindd", "done", "--config", "a.yaml", "--config", "b.yaml", ""]) == "b.yaml")
        #expect(path(["remindd", "done", "--config", "a.yaml", ""], env: ["REMINDD_CONFIG": "env.yaml"]) == "a.yaml")
    }

    @Test func withoutItTheEnvironmentThenTheDefault() {
        #expect(path(["remindd", "done", ""], env: ["REMINDD_CONFIG": "env.yaml"]) == "env.yaml")
        #expect(path(["remindd", "done", ""], env: ["REMINDD_CONFIG": ""]) == "/etc/remindd/remindd.yaml")
        #expect(path(["remindd", "done", ""]) == "/etc/remindd/remindd.yaml")
    }

    @Test func theWordBeingCompletedIsNotAPath() {
        // `remindd done --config <TAB>`: the word after --config is the one being completed.
        #expect(path(["remindd", "done", "--config", "par"], index: 3) == "/etc/remindd/remindd.yaml")
        #expect(path(["remindd", "done", "--config=par"], index: 2) == "/etc/remindd/remindd.yaml")
    }

    @Test func quotesAndHomeAsTheShellReadsThem() {
        #expect(path(["remindd", "done", "--config", "'my config.yaml'", ""]) == "my config.yaml")
        #expect(path(["remindd", "done", "--config", "\"my config.yaml\"", ""]) == "my config.yaml")
        #expect(path(["remindd", "done", "--config", "my\\ config.yaml", ""]) == "my config.yaml")
        #expect(path(["remindd", "done", "--config", "~/r.yaml", ""], env: ["HOME": "/home/lrt"]) == "/home/lrt/r.yaml")
    }

    @Test func namesOfAConfigFileFilteredByPrefix() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cn-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("r.yaml").path
        try """
            channels: { local: { type: maildir, path: mail } }
            people: { b: b@example.org, a: a@example.org }
            items:
              - { id: x2, title: X, owner: b, agreed: 2023-09-25 }
              - { id: x1, title: X, owner: a, agreed: 2023-09-25 }
              - { id: y, title: Y, owner: a, agreed: 2023-09-25 }
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let env = ["REMINDD_CACHE_DIR": "off"]
        func names(_ kind: CompletionNames.Kind, _ prefix: String, _ path: String = config) -> [String] {
            CompletionNames.names(kind, words: ["remindd", "x", "--config", path, prefix], index: 4, prefix: prefix,
                                  environment: env, defaultPath: "/nonexistent")
        }
        #expect(names(.items, "") == ["x2", "x1", "y"])
        #expect(names(.items, "x") == ["x2", "x1"])
        #expect(names(.people, "") == ["a", "b"])
        #expect(names(.channels, "") == ["local"])
        #expect(names(.items, "", dir.appendingPathComponent("absent.yaml").path) == [])
    }
}
