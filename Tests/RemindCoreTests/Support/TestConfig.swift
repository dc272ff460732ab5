import Foundation
@testable import RemindCore

/// Builds configs for tests from YAML text, around a base that matches DESIGN's worked
/// examples (Europe/Amsterdam, mon-fri 09:00-17:00, the sketch's policy), so each test
/// writes only the part it is about.
enum TestConfig {
    /// The policy of DESIGN's sketch.
    static let sketchPolicy = """
        before: [7d, 1d]
        on_due: true
        overdue: { every: 2wd, times: 3 }
        escalate: { after: 2, to: [chair] }
        undated: { every: 2w }
    """

    /// A whole config: the given parts spliced into a fixed frame. `items`, `events` and
    /// `meetings` are YAML blocks indented as they would be under their key.
    static func yaml(timezone: String = "Europe/Amsterdam",
                     workweek: String = "mon-fri",
                     workday: String = "09:00-17:00",
                     holidays: [String] = ["2023-12-25", "2023-12-26"],
                     policy: String? = sketchPolicy,
                     meetings: String = "  lrt: { dates: [2023-09-25, 2023-10-23], time: \"14:00\" }",
                     events: String? = nil,
                     items: String) -> String {
        var y = """
        timezone: \(timezone)
        workweek: \(workweek)
        workday: "\(workday)"
        holidays: [\(holidays.joined(separator: ", "))]
        channels:
          local: { type: maildir, path: ./mail }
        people:
          SJenV: { email: sjenv@example.org }
          JenV:  { email: jenv@example.org }
          MBZK:  { email: mbzk@example.org }
          LRT:   { email: lrt@example.org }
          chair: { email: voorzitter@example.org }
        defaults:
          channels: [local]

        """
        if let policy { y += "  policy:\n" + policy + "\n" }
        y += "meetings:\n" + meetings + "\n"
        if let events { y += "events:\n" + events + "\n" }
        y += "items:\n" + items + "\n"
        return y
    }

    static func load(_ text: String, path: String = "/nonexistent/remindd-test.yaml") throws -> Config {
        try ConfigLoader.load(text: text, path: path)
    }

    /// A config with the frame above and these items (and optionally events/meetings/zone).
    static func make(timezone: String = "Europe/Amsterdam", workweek: String = "mon-fri",
                     workday: String = "09:00-17:00", holidays: [String] = ["2023-12-25", "2023-12-26"],
                     policy: String? = sketchPolicy,
                     meetings: String = "  lrt: { dates: [2023-09-25, 2023-10-23], time: \"14:00\" }",
                     events: String? = nil, items: String) throws -> Config {
        try load(yaml(timezone: timezone, workweek: workweek, workday: workday, holidays: holidays,
                      policy: policy, meetings: meetings, events: events, items: items))
    }

    /// One item with the given `due:` (or none) agreed on R (or, for `series@date`, agreed
    /// at that meeting), plus extra item keys.
    static func item(_ due: String?, r: String = "2023-09-25", id: String = "x", owner: String = "SJenV",
                     extra: String = "") -> String {
        var s = """
          - id: \(id)
            title: Test item \(id)
            owner: \(owner)
            \(r.contains("@") ? "meeting" : "agreed"): \(r)

        """
        if let due { s += "    due: \(due)\n" }
        if !extra.isEmpty { s += extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n" }
        return s
    }

    /// The folder of fixture files copied into the test bundle.
    static var fixtures: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }
}
