import Foundation
import Testing
@testable import RemindCore

/// One fixture file per config mistake under Fixtures/errors, each with the exact lines
/// `remindd check` prints for it: `PATH:LINE:COL: error: message`, paths relative to that
/// folder. DESIGN: "Every error names file:line:column and what was expected."
@Suite struct ConfigErrorFixtureTests {
    static let expected: [String: [String]] = [
        "unknown-key.yaml": [
            "unknown-key.yaml:2:1: error: unknown key 'holiday' in the config; did you mean 'holidays'? (allowed: timezone, language, workweek, workday, holidays, state, channels, people, retry, catch_up, defaults, meetings, events, items, include, templates, http, links, digests, inbox, store)",
        ],
        "unknown-key-in-item.yaml": [
            "unknown-key-in-item.yaml:12:5: error: unknown key 'note' in item 'taakstelling'; did you mean 'notes'? (allowed: id, title, owner, with, meeting, agreed, due, policy, channels, remind_at, notes)",
        ],
        "unknown-owner.yaml": [
            "unknown-owner.yaml:9:12: error: unknown person 'SJenv' in owner of item 'taakstelling' (define it under people:); did you mean 'SJenV'?",
        ],
        "unparseable-due.yaml": [
            "unparseable-due.yaml:11:10: error: cannot read deadline 'by friday': expected a date (2023-10-02), a date and time (2023-10-02 12:00, 2023-10-02T12:00:30Z), 'this week', 'next week', 'end of month', 'in N days|weeks|months|workdays' (or +Nd, +Nw, +Nmo, +Nwd), 'next meeting', 'next <series> [-2wd]' or 'after <event> [+N d|wd|w]'",
        ],
        "relative-due-without-reference.yaml": [
            "relative-due-without-reference.yaml:10:10: error: item 'taakstelling': a relative deadline needs meeting: or agreed: (the date it counts from)",
        ],
        "unknown-event.yaml": [
            "unknown-event.yaml:13:10: error: unknown event 'rvs-rulling' in due of item 'lrt-na-uitspraak' (define it under events:); did you mean 'rvs-ruling'?",
        ],
        "misspelt-timezone.yaml": [
            "misspelt-timezone.yaml:1:11: error: unknown time zone 'Europe/Amsterdm': use an IANA name such as Europe/Amsterdam; did you mean 'Europe/Amsterdam'?",
        ],
        "file-webhook-url.yaml": [
            "file-webhook-url.yaml:5:10: error: channels.chat.url must be an http:// or https:// URL, found 'file:///etc/passwd'",
        ],
        "address-crlf.yaml": [
            "address-crlf.yaml:5:19: error: people.SJenV.email must be a single line (it contains a line break or NUL)",
        ],
        "sender-crlf.yaml": [
            "sender-crlf.yaml:6:11: error: channels.mail.from must be a single line (it contains a line break or NUL)",
        ],
        "title-line-break.yaml": [
            "title-line-break.yaml:8:12: error: item 'taakstelling': title must be a single line (it contains a line break or NUL)",
        ],
        "unknown-default-channel.yaml": [
            "unknown-default-channel.yaml:10:14: error: unknown channel 'mial' in defaults.channels (define it under channels:); did you mean 'mail'?",
        ],
        "duplicate-item-include.yaml": [
            "duplicate-item-include.d/lrt.yaml:8:9: error: item 'taakstelling' is defined twice: here and at duplicate-item-include.yaml:8:9",
        ],
        "include-bad-key.yaml": [
            "include-bad-key.d/items.yaml:1:1: error: unknown key 'timezone' in an included file (allowed: people, meetings, events, items, include)",
            "include-bad-key.d/items.yaml:3:3: error: person 'SJenV' is defined twice: here and at include-bad-key.yaml:5:3",
        ],
        "includes-itself.yaml": [
            "includes-itself.yaml:6:11: error: 'includes-itself.yaml' is included more than once (or includes itself)",
        ],
        "missing-include.yaml": [
            "missing-include.yaml:6:11: error: include 'items.d/lrt.yaml': no such file",
        ],
        "yaml-syntax.yaml": [
            "yaml-syntax.yaml:6:6: error: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping that starts at line 5, column 10)",
        ],
        "duplicate-key.yaml": [
            "duplicate-key.yaml:11:5: error: duplicate key 'due' in mapping",
        ],
        "inline-smtp-password.yaml": [
            "inline-smtp-password.yaml:8:5: error: channels.mail: an inline password is not allowed; use password_file or password_env",
        ],
        "smtp-url-credentials.yaml": [
            "smtp-url-credentials.yaml:5:10: error: channels.mail.url must not hold credentials; use username and password_file",
        ],
        "tls-none-remote.yaml": [
            "tls-none-remote.yaml:7:10: error: channels.mail.tls: none is accepted only for a loopback host (127.0.0.1, ::1, localhost), not 'mail.example.org'",
        ],
        "no-email-for-mail.yaml": [
            "no-email-for-mail.yaml:12:12: error: 'SJenV' is reached through mail channel 'mail' for item 'taakstelling' but has no email",
        ],
        // Every mistake of a file at once, in file order: settings, people, events, items,
        // references and duplicates interleaved by position.
        "several-errors.yaml": [
            "several-errors.yaml:1:11: error: unknown time zone 'Europe/Amsterdm': use an IANA name such as Europe/Amsterdam; did you mean 'Europe/Amsterdam'?",
            #"several-errors.yaml:2:10: error: workday must look like "09:00-17:00" (start before end), found '17:00-09:00'"#,
            "several-errors.yaml:7:18: error: people.MBZK.email: 'mbzk@example' is not an e-mail address",
            "several-errors.yaml:9:45: error: events.rvs-ruling.expected: 'begin decembre 2023' is not a window; use early/mid/late <Month> <Year> (begin/half/eind <maand> <jaar>), <Month> <Year>, or YYYY-MM-DD/YYYY-MM-DD",
            "several-errors.yaml:14:18: error: unknown person 'IPO' in with of item 'taakstelling' (define it under people:)",
            "several-errors.yaml:15:10: error: item 'taakstelling': a relative deadline needs meeting: or agreed: (the date it counts from)",
            "several-errors.yaml:16:9: error: item 'taakstelling' is defined twice: here and at several-errors.yaml:11:9",
            "several-errors.yaml:20:5: error: item 'aedes' needs a title",
            "several-errors.yaml:23:10: error: cannot read deadline 'after rvs-ruling +2h': the offset after 'after rvs-ruling' must look like +5wd, +3d or +1w",
        ],
    ]

    static var folder: URL { TestConfig.fixtures.appendingPathComponent("errors") }

    /// The error lines with the fixture folder taken out of every path.
    static func errorLines(_ load: () throws -> Config) -> [String]? {
        do {
            _ = try load()
            return nil
        } catch let e as ConfigErrors {
            return e.description.replacingOccurrences(of: folder.path + "/", with: "")
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } catch {
            return ["unexpected error: \(error)"]
        }
    }

    @Test(arguments: expected.keys.sorted())
    func fixtureReportsExactly(_ name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        let fromFile = Self.errorLines { try ConfigLoader.load(path: path) }
        #expect(fromFile == Self.expected[name])
        // Loading the same text (as `check` does from stdin) finds the same errors.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(Self.errorLines { try ConfigLoader.load(text: text, path: path) } == fromFile)
    }

    /// Each fixture file has its expectation, and each expectation its file.
    @Test func everyFixtureIsChecked() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(Set(files) == Set(Self.expected.keys))
    }

    /// Secrets written where they do not belong are refused without being repeated.
    @Test func secretsNeverReachAMessage() throws {
        for name in ["inline-smtp-password.yaml", "smtp-url-credentials.yaml"] {
            let lines = Self.errorLines { try ConfigLoader.load(path: Self.folder.appendingPathComponent(name).path) } ?? []
            #expect(!lines.isEmpty)
            #expect(!lines.joined().contains("hunter2"), "\(name)")
        }
    }

    /// A URL in a message loses its credentials and query (tokens live there).
    @Test func urlsInMessagesAreRedacted() throws {
        let text = try String(contentsOfFile: Self.folder.appendingPathComponent("file-webhook-url.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "file:///etc/passwd", with: "ftp://bot:s3cret@chat.example.org/hooks?token=abc123")
        let lines = Self.errorLines { try ConfigLoader.load(text: text, path: "/srv/remindd.yaml") }
        #expect(lines == ["/srv/remindd.yaml:5:10: error: channels.chat.url must be an http:// or https:// URL, found 'ftp://***@chat.example.org/hooks?…'"])
    }

    /// The fixtures are mistakes, not broken files: fixed, each loads.
    @Test func fixturesLoadOnceFixed() throws {
        let fixes: [(String, String, String)] = [
            ("unknown-owner.yaml", "owner: SJenv", "owner: SJenV"),
            ("unparseable-due.yaml", "due: by friday", "due: this week"),
            ("unknown-event.yaml", "rvs-rulling", "rvs-ruling"),
            ("tls-none-remote.yaml", "smtp://mail.example.org:587", "smtp://127.0.0.1:2525"),
            ("unknown-default-channel.yaml", "[mial]", "[mail]"),
        ]
        for (name, wrong, right) in fixes {
            let path = Self.folder.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(wrong))
            #expect(Self.errorLines { try ConfigLoader.load(text: text.replacingOccurrences(of: wrong, with: right), path: path) } == nil, "\(name)")
        }
    }

    /// Every part of an item that names something says which part, with the item's id.
    @Test func unknownNamesInItemsSayWhichPart() throws {
        let text = TestConfig.yaml(events: "  e1: { title: E }", items: """
          - { id: a, title: A, owner: Nobody, with: [SJenV, Ghost], meeting: lrx@2023-09-25, due: next lrx, channels: [mial] }
          - { id: b, title: B, owner: SJenV, agreed: 2023-09-25, due: after e2 +1wd, policy: { escalate: { after: 1, to: [Boss] } } }
        """)
        let lines = Self.errorLines { try ConfigLoader.load(text: text, path: "/srv/r.yaml") } ?? []
        #expect(lines.count == 7)
        for expected in ["unknown person 'Nobody' in owner of item 'a'", "unknown person 'Ghost' in with of item 'a'",
                         "unknown meeting series 'lrx' in meeting of item 'a'", "unknown meeting series 'lrx' in due of item 'a'",
                         "unknown channel 'mial' in channels of item 'a'", "unknown event 'e2' in due of item 'b'",
                         "unknown person 'Boss' in policy of item 'b'.escalate.to"] {
            #expect(lines.contains { $0.contains(expected) }, "\(expected)")
        }
    }
}
