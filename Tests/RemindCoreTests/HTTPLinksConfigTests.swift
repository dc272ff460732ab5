import Foundation
import Testing
@testable import RemindCore

/// `http:` and `links:` as the loader reads them; their files are read by the one load
/// (LoadParityTests).
@Suite struct HTTPLinksConfigTests {
    static func load(_ extra: String) throws -> Config {
        try ConfigLoader.load(text: """
            timezone: Europe/Amsterdam
            channels: { local: { type: maildir, path: mail } }
            people: { a: { email: a@example.org } }
            defaults: { channels: [local] }
            \(extra)

            """, path: "/srv/r/remindd.yaml")
    }

    static func errors(_ extra: String) -> [String] {
        do {
            _ = try load(extra)
            return []
        } catch let e as ConfigErrors {
            return e.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func aFullSectionIsRead() throws {
        let c = try Self.load("""
            http: { listen: "[::1]:8470", public_url: "https://remindd.example.org/", read_token_file: api-read, write_token_file: /run/w }
            links: { key_file: link-key, valid_for: 3w, snooze: [1d, 2wd] }
            """)
        #expect(c.http == HTTPSettings(listen: .tcp(host: "::1", port: 8470), publicURL: "https://remindd.example.org",
                                       readTokenFile: "/srv/r/api-read", writeTokenFile: "/run/w"))
        #expect(c.http?.listen?.description == "[::1]:8470")
        #expect(c.links == LinkSettings(keyFile: "/srv/r/link-key", validForSeconds: 21 * 86_400,
                                        snooze: [DurationSpec(1, .days), DurationSpec(2, .workdays)]))
        #expect(c.keyLocations["links.key_file"]?.line == 6)
    }

    @Test func defaultsAndAbsence() throws {
        let none = try Self.load("")
        #expect(none.http == nil && none.links == nil)
        let c = try Self.load("http: { listen: \"unix:/run/remindd/http.sock\" }\nlinks: { key_file: /k }")
        #expect(c.http?.listen == .unix(path: "/run/remindd/http.sock"))
        #expect(c.links?.validForSeconds == 1_209_600.0)
        #expect(c.links?.snooze == LinkSettings.defaultSnooze)
    }

    @Test(arguments: [
        ("http: { listen: 8470 }", "http.listen must be host:port"),
        ("http: { listen: \"127.0.0.1:70000\" }", "http.listen must be host:port"),
        ("http: { listen: \"unix:relative.sock\" }", "http.listen must be host:port"),
        ("http: { public_url: \"ftp://x.example\" }", "http.public_url must be an http:// or https:// URL"),
        ("http: { public_url: \"https://u:p@x.example\" }", "found 'https://***@x.example'"),
        ("http: { public_url: \"https://x.example/?t=1\" }", "without credentials, query or fragment"),
        ("http: { lisen: \"127.0.0.1:8470\" }", "did you mean 'listen'?"),
        ("links: { valid_for: 3d }", "links needs key_file"),
        ("links: { key_file: k, valid_for: 0d }", "links.valid_for must be a positive duration"),
        ("links: { key_file: k, valid_for: 2y }", "'2y' is not a duration"),
        ("links: { key_file: k, snooze: [1m] }", "links.snooze: '1m' must be between an hour and a year"),
        ("links: { key_file: k, snooze: [2d, 2d] }", "links.snooze: '2d' is listed twice"),
        ("links: { key_file: k, snooze: [] }", "links.snooze must list at least one duration"),
    ])
    func badValuesAreRefusedWithTheirPosition(_ extra: String, _ expected: String) {
        let lines = Self.errors(extra)
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.hasPrefix("/srv/r/remindd.yaml:5:") == true, "\(lines)")
        #expect(lines.first?.contains(expected) == true, "\(lines)")
    }

    @Test func linksWithoutAPublicURLAreAWarning() throws {
        let c = try Self.load("links: { key_file: /k }")
        #expect(ConfigWarnings.find(c) == ["/srv/r/remindd.yaml:5:20: warning: links is set but http.public_url is not: reminders carry no action links until it is"])
        let ok = try Self.load("http: { public_url: \"https://r.example\" }\nlinks: { key_file: /k }")
        #expect(ConfigWarnings.find(ok).isEmpty)
    }
}
