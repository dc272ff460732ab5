import Foundation
import RemindCore
import RemindDelivery
import Logging
import Testing
@testable import RemindDaemon

@Suite struct ServiceConfigTests {
    func write(_ yaml: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("svc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("remindd.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let base = """
    timezone: Europe/Amsterdam
    channels:
      local: { type: maildir, path: ./mail }
    people:
      a: a@example.org
    items:
      - { id: x, title: X, owner: a, agreed: 2026-11-01 }

    """

    @Test func aBrokenTemplateOverrideIsAConfigErrorAtItsText() throws {
        let path = try write(Self.base + """
        templates:
          overdue: { subject: "Nog open: {{item.title" }
        """)
        do {
            _ = try ServiceConfig.load(path: path)
            Issue.record("a template with an unclosed tag loaded")
        } catch let e as ConfigErrors {
            #expect(e.description == "\(path):9:23: error: templates.overdue.subject is not a valid Mustache template: a tag is not closed ({{ without }})")
        }
    }

    @Test func aValidOverrideLoads() throws {
        let path = try write(Self.base + """
        templates:
          default: { subject: "Reminder: {{title}}" }
        """)
        let config = try ServiceConfig.load(path: path)
        #expect(config.templates["default"]?.subject == "Reminder: {{title}}")
    }
}

/// `store:`'s password as the one load reads it: a file that is not there is an error at
/// its key for `run` and `check` alike; the password itself never reaches a message.
@Suite struct StoreSetupTests {
    func load(_ store: String, purpose: LoadPurpose = .start, environment: [String: String] = [:]) throws -> LoadedConfig {
        let path = try ServiceConfigTests().write(ServiceConfigTests.base + store)
        return try ServiceConfig.load(path: path, cache: nil, environment: environment,
                                      logger: Logger(label: "test"), purpose: purpose)
    }

    @Test(arguments: [LoadPurpose.start, .check])
    func aMissingPasswordFileIsAnErrorAtItsKey(_ purpose: LoadPurpose) throws {
        do {
            _ = try load("store: { url: \"postgresql://r@127.0.0.1/s\", password_file: /nonexistent/pg-password }\n",
                         purpose: purpose)
            Issue.record("a store whose password file is missing loaded")
        } catch let e as ConfigErrors {
            #expect(e.errors.count == 1)
            #expect(e.errors.first?.location?.line == 8, "\(e)")
            #expect(e.description.contains("store.password_file"), "\(e)")
            #expect(e.description.contains("/nonexistent/pg-password"), "\(e)")
        }
    }

    @Test func thePasswordIsReadFromAFileOrTheEnvironment() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "S3cret-pg\n".write(to: dir.appendingPathComponent("pw"), atomically: true, encoding: .utf8)
        let fromFile = try load("store: { url: \"postgresql://r@127.0.0.1/s\", password_file: \(dir.path)/pw }\n")
        #expect(fromFile.store?.password == "S3cret-pg")
        #expect(fromFile.store?.url.description == "postgresql://r@127.0.0.1:5432/s")
        let fromEnv = try load("store: { url: \"postgresql://r@127.0.0.1/s\", password_env: PGPASS_TEST }\n",
                               environment: ["PGPASS_TEST": "from-env"])
        #expect(fromEnv.store?.password == "from-env")
        let none = try load("store: { url: \"postgresql://r@127.0.0.1/s\" }\n")
        #expect(none.store != nil && none.store?.password == nil, "no password: trust or peer authentication")
        do {
            _ = try load("store: { url: \"postgresql://r@127.0.0.1/s\", password_env: PGPASS_UNSET }\n")
            Issue.record("an unset password_env loaded")
        } catch let e as ConfigErrors {
            #expect(e.description.contains("PGPASS_UNSET is not set"), "\(e)")
        }
    }
}
