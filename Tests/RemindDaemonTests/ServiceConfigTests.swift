import Foundation
import RemindCore
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
