import Foundation
import Testing
@testable import RemindCore
@testable import RemindDaemon

/// Config snapshots: a snapshot read back is the config the YAML gives, field for field,
/// and it is never used once anything it was loaded from differs.
@Suite struct ConfigSnapshotTests {
    /// Every key a config can hold, every deadline form, an include, and a template.
    static let everyKey = """
        timezone: America/New_York
        language: en
        workweek: mon-thu
        workday: "08:30-16:15"
        holidays: [2026-12-25, 2027-01-01]
        state: ./state/remindd.sqlite
        channels:
          mail:
            type: smtp
            url: smtps://mail.example.org:465
            from: "Secretariat <sec@example.org>"
            username: sec
            password_env: SMTP_PASSWORD
            ca_file: ./ca.pem
            connect_timeout: 7s
            timeout: 45s
          chat: { type: webhook, url: "https://chat.example.org/h/1", format: mattermost, secret_file: ./whsec, timeout: 12s }
          ntfy: { type: webhook, url: "http://127.0.0.1:8080/topic", format: ntfy, secret_env: HOOK_SECRET }
          local: { type: maildir, path: ./mail, from: "Notes <notes@example.org>" }
        people:
          ann: { name: Ann Example, email: [ann@example.org, a.example@example.org], channels: [mail, chat] }
          bob: { email: bob@example.org }
          chair: { name: Chair, email: chair@example.org }
        retry: { initial: 10s, max: 20m, give_up_after: 6h }
        http: { listen: "[::1]:8470", public_url: "https://remindd.example.org/", read_token_file: api-read, write_token_file: /run/w }
        links: { key_file: link-key, valid_for: 3w, snooze: [1d, 2wd, 1mo] }
        digests:
          weekly: { to: owners, at: "mon 08:30" }
          daily: { to: [ann, bob], at: "07:45", channels: [mail] }
          board-prep: { meeting: board, before: 2wd, at: "09:00", to: [chair] }
          board-exact: { meeting: board, before: 90m, to: owners }
        inbox: { url: "imaps://imap.example.org/INBOX", username: sec, password_env: IMAP_PASSWORD, poll: 2m, reply_to: "sec+{token}@example.org", ca_file: ./ca.pem, answer_channel: mail }
        catch_up: 2h
        defaults:
          channels: [local]
          policy:
            before: [3d]
            on_due: false
            overdue: { every: 1w, times: 2 }
            escalate: { after: 1, to: [chair] }
            undated: { every: 10d }
        meetings:
          board: { title: Board, dates: [2026-11-02, 2026-12-07, 2027-01-11], time: "10:30" }
          team: { dates: [2026-11-30] }
        events:
          ruling: { title: The ruling, expected: early December 2026, owner: ann }
          vote: { expected: 2026-12-01/2026-12-10, occurred: 2026-12-03 }
        templates:
          overdue: { subject: "Late: {{title}}", body: "{{title}} was due {{deadline}}." }
          default: { subject: "About {{title}}" }
        items:
          - { id: d-date, title: A date, owner: ann, due: 2026-12-15 }
          - { id: d-local, title: A local time, owner: bob, due: "2026-12-15 11:45" }
          - { id: d-instant, title: An instant, owner: bob, due: "2026-12-15T11:45:30+02:00" }
          - { id: d-week, title: This week, owner: ann, agreed: 2026-11-25, due: this week }
          - { id: d-next-week, title: Next week, owner: ann, meeting: board@2026-11-02, due: next week }
          - { id: d-month, title: End of month, owner: ann, agreed: 2026-11-25, due: end of month }
          - { id: d-rel, title: Relative, owner: ann, agreed: 2026-11-25, due: in 3 workdays }
          - { id: d-next, title: Next meeting, owner: ann, meeting: board@2026-11-02, due: next meeting -2wd }
          - { id: d-next-series, title: Next team, owner: bob, agreed: 2026-11-25, due: next team }
          - { id: d-after, title: After, owner: ann, due: after ruling +5wd }
          - { id: d-after-plain, title: After vote, owner: bob, due: after vote }
          - id: full
            title: "Every field: quotes \\" and ünïcode"
            owner: ann
            with: [bob, chair]
            meeting: board@2026-11-02
            agreed: 2026-11-03
            due: in 2 weeks
            channels: [chat, local]
            remind_at: ["2026-11-20 09:15", "2026-11-21T10:00:00Z"]
            notes: |
              Two lines
              of notes.
            policy:
              before: [1w, 2d, 4h]
              overdue: { every: 1d, times: 5 }
              escalate: false
              undated: false
          - { id: undated, title: No date, owner: bob, agreed: 2026-11-25 }
        include: [more/*.yaml]
        """

    static let included = """
        people:
          dora: { email: dora@example.org }
        items:
          - { id: inc-1, title: From an include, owner: dora, due: 2027-02-01, policy: { on_due: true } }
        """

    /// A folder with the config and its include, removed afterwards.
    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("snap-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: url.appendingPathComponent("more"), withIntermediateDirectories: true)
            try ConfigSnapshotTests.everyKey.write(to: url.appendingPathComponent("main.yaml"), atomically: true, encoding: .utf8)
            try ConfigSnapshotTests.included.write(to: url.appendingPathComponent("more/a.yaml"), atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        var main: String { url.appendingPathComponent("main.yaml").path }
        var cache: ConfigCache { ConfigCache(directory: url.appendingPathComponent("cache").path) }
        func write(_ text: String, to name: String) throws {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    static func expectSame(_ a: Config, _ b: Config) {
        #expect(a.path == b.path)
        #expect(a.timeZone == b.timeZone && a.timeZoneName == b.timeZoneName)
        #expect(a.language == b.language)
        #expect(a.calendar == b.calendar)
        #expect(a.statePath == b.statePath)
        #expect(a.channels == b.channels)
        #expect(a.channelOrder == b.channelOrder)
        #expect(a.people == b.people)
        #expect(a.retry == b.retry)
        #expect(a.catchUpSeconds == b.catchUpSeconds)
        #expect(a.defaultChannels == b.defaultChannels)
        #expect(a.defaultPolicy == b.defaultPolicy)
        #expect(a.meetings == b.meetings)
        #expect(a.events == b.events)
        #expect(a.templates == b.templates)
        #expect(a.keyLocations == b.keyLocations)
        #expect(a.http == b.http)
        #expect(a.links == b.links)
        #expect(a.digests == b.digests)
        #expect(a.inbox == b.inbox)
        #expect(a.store == b.store)
        #expect(a.items.count == b.items.count)
        for (x, y) in zip(a.items, b.items) { #expect(x == y, "item \(x.id)") }
        for item in a.items { #expect(b.item(item.id) == item) }
        #expect(a.inputs == b.inputs)
    }

    @Test func aSnapshotReadBackIsTheLoadedConfig() throws {
        let f = try Folder()
        let loaded = try ConfigLoader.load(path: f.main)
        #expect(loaded.items.count == 14 && loaded.channels.count == 4 && loaded.templates.count == 2)
        #expect(loaded.inputs.files.map(\.path) == [f.main, f.url.appendingPathComponent("more/a.yaml").path])
        let bytes = ConfigSnapshot.encode(loaded, build: "b1", cwd: "/x", path: f.main)
        let (back, outcome) = ConfigSnapshot.decode(bytes, build: "b1", cwd: "/x", path: f.main, files: LocalConfigFiles())
        #expect(outcome == .loaded)
        let decoded = try #require(back)
        Self.expectSame(loaded, decoded)
        // Stored as the loader stores them: one text arena, the default policy shared.
        #expect(decoded.items.allSatisfy { $0.texts === decoded.items[0].texts })
        let plain = decoded.items.filter { $0.policy == decoded.defaultPolicy }
        #expect(plain.count > 1 && plain.allSatisfy { $0.sharedPolicy === plain[0].sharedPolicy })
        // Planning from either gives the same reminders.
        let from = Date(timeIntervalSince1970: 1_790_000_000), to = from.addingTimeInterval(200 * 86_400)
        let a = Planner(config: loaded).reminders(state: PlanState(), from: from, to: to)
        let b = Planner(config: decoded).reminders(state: PlanState(), from: from, to: to)
        #expect(!a.isEmpty && a == b)
    }

    @Test func itemsWrittenInPartsAreReadBackInOrder() throws {
        let f = try Folder()
        let loaded = try ConfigLoader.load(path: f.main)
        for perPart in [1, 3, 5, 100] {
            let bytes = ConfigSnapshot.encode(loaded, build: "b", cwd: "/", path: f.main, itemsPerPart: perPart)
            let (back, outcome) = ConfigSnapshot.decode(bytes, build: "b", cwd: "/", path: f.main, files: LocalConfigFiles())
            #expect(outcome == .loaded, "\(perPart) per part")
            let decoded = try #require(back)
            Self.expectSame(loaded, decoded)
            // Each part's items share one text arena.
            let n = loaded.items.count, parts = min(8, max(1, n / perPart)), size = (n + parts - 1) / parts
            let arenas = Set(decoded.items.map { ObjectIdentifier($0.texts) })
            #expect(arenas.count == (n + size - 1) / size, "\(perPart) per part")
        }
    }

    @Test func theShippedExamplesRoundTrip() throws {
        for name in ["config/remindd.example.yaml", "config/lrt-2023-09-25.yaml"] {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            let path = root.appendingPathComponent(name).path
            let loaded = try ConfigLoader.load(path: path)
            let (back, _) = ConfigSnapshot.decode(ConfigSnapshot.encode(loaded, build: "b", cwd: "/", path: path),
                                                  build: "b", cwd: "/", path: path, files: LocalConfigFiles())
            Self.expectSame(loaded, try #require(back))
        }
    }

    /// The defaults of a config that sets almost nothing (zone UTC, no policy, no defaults).
    @Test func aMinimalConfigRoundTrips() throws {
        let f = try Folder()
        try f.write("channels:\n  m: { type: maildir, path: ./m }\npeople:\n  a: { email: a@example.org }\nitems:\n  - { id: x, title: X, owner: a, due: 2027-01-04 }\n",
                    to: "main.yaml")
        let loaded = try ConfigLoader.load(path: f.main)
        let (back, outcome) = ConfigSnapshot.decode(ConfigSnapshot.encode(loaded, build: "b", cwd: "/", path: f.main),
                                                    build: "b", cwd: "/", path: f.main, files: LocalConfigFiles())
        #expect(outcome == .loaded)
        Self.expectSame(loaded, try #require(back))
    }

    /// `store:` instead of `state:` (they exclude each other, so not in `everyKey`).
    @Test func aConfigWithAPostgreSQLStoreRoundTrips() throws {
        let f = try Folder()
        try f.write("""
            store: { url: "postgresql://remindd@db.example.org:5433/remindd?sslmode=require", password_file: ./pg-password }
            channels:
              m: { type: maildir, path: ./m }
            people:
              a: { email: a@example.org }
            items:
              - { id: x, title: X, owner: a, due: 2027-01-04 }

            """, to: "main.yaml")
        let loaded = try ConfigLoader.load(path: f.main)
        #expect(loaded.store?.passwordFile == f.url.appendingPathComponent("pg-password").path)
        let (back, outcome) = ConfigSnapshot.decode(ConfigSnapshot.encode(loaded, build: "b", cwd: "/", path: f.main),
                                                    build: "b", cwd: "/", path: f.main, files: LocalConfigFiles())
        #expect(outcome == .loaded)
        let decoded = try #require(back)
        Self.expectSame(loaded, decoded)
        #expect(decoded.store != nil)
    }

    @Test func theCacheServesAnUnchangedConfigAndReloadsAChangedOne() throws {
        let f = try Folder()
        let (first, r1) = try ConfigLoader.load(path: f.main, cache: f.cache)
        #expect(r1 == .parsed(reason: "no snapshot"))
        let (second, r2) = try ConfigLoader.load(path: f.main, cache: f.cache)
        guard case .loaded = r2 else { Issue.record("snapshot not used: \(r2)"); return }
        Self.expectSame(first, second)

        // An include changes: parsed again, and the change is in the result.
        try Self.included.replacingOccurrences(of: "From an include", with: "Changed")
            .write(to: f.url.appendingPathComponent("more/a.yaml"), atomically: true, encoding: .utf8)
        let (third, r3) = try ConfigLoader.load(path: f.main, cache: f.cache)
        #expect(r3 == .parsed(reason: "\(f.url.appendingPathComponent("more/a.yaml").path) changed"))
        #expect(third.item("inc-1")?.title == "Changed")
        guard case .loaded = try ConfigLoader.load(path: f.main, cache: f.cache).1 else {
            Issue.record("the new snapshot was not written")
            return
        }

        // A new file matching an include pattern.
        try f.write("items:\n  - { id: inc-2, title: New, owner: dora, due: 2027-03-01 }\n", to: "more/b.yaml")
        let (fourth, r4) = try ConfigLoader.load(path: f.main, cache: f.cache)
        #expect(r4 == .parsed(reason: "include \(f.url.appendingPathComponent("more").path)/*.yaml matches other files"))
        #expect(fourth.item("inc-2") != nil)
    }

    @Test func aBrokenEditIsReportedNotServedFromTheSnapshot() throws {
        let f = try Folder()
        _ = try ConfigLoader.load(path: f.main, cache: f.cache)
        try f.write(Self.everyKey.replacingOccurrences(of: "owner: bob, due: after vote", with: "owner: bobby, due: after vote"),
                    to: "main.yaml")
        #expect(throws: ConfigErrors.self) { try ConfigLoader.load(path: f.main, cache: f.cache) }
        // Put back, the config is valid again (and parsed: the snapshot was of the same text,
        // which it may serve again).
        try f.write(Self.everyKey, to: "main.yaml")
        #expect(try ConfigLoader.load(path: f.main, cache: f.cache).0.items.count == 14)
    }

    @Test func anInvalidConfigLeavesNoSnapshot() throws {
        let f = try Folder()
        try f.write("timezone: Nowhere/Else\nitems: []\n", to: "main.yaml")
        #expect(throws: ConfigErrors.self) { try ConfigLoader.load(path: f.main, cache: f.cache) }
        #expect(!FileManager.default.fileExists(atPath: f.cache.file(for: f.main)))
    }

    @Test func aSnapshotOfAnotherBuildPathOrFolderIsNotUsed() throws {
        let f = try Folder()
        let loaded = try ConfigLoader.load(path: f.main)
        let bytes = ConfigSnapshot.encode(loaded, build: "b1", cwd: "/x", path: f.main)
        #expect(ConfigSnapshot.decode(bytes, build: "b2", cwd: "/x", path: f.main, files: LocalConfigFiles()).1 == .stale("written by another build of remindd"))
        #expect(ConfigSnapshot.decode(bytes, build: "b1", cwd: "/y", path: f.main, files: LocalConfigFiles()).1 == .stale("written for another path"))
        #expect(ConfigSnapshot.decode(bytes, build: "b1", cwd: "/x", path: "main.yaml", files: LocalConfigFiles()).1 == .stale("written for another path"))
    }

    @Test func aDamagedSnapshotIsIgnoredWhereverItIsCut() throws {
        let f = try Folder()
        let loaded = try ConfigLoader.load(path: f.main)
        let bytes = ConfigSnapshot.encode(loaded, build: "b", cwd: "/", path: f.main)
        var cuts = Array(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)))
        cuts.append(bytes.count - 1)
        for cut in cuts {
            let (c, outcome) = ConfigSnapshot.decode(Array(bytes[..<cut]), build: "b", cwd: "/", path: f.main, files: LocalConfigFiles())
            #expect(c == nil && outcome != .loaded, "cut at \(cut)")
        }
        // A changed byte anywhere, even inside a title, is caught.
        for at in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            var flipped = bytes
            flipped[at] ^= 0x01
            #expect(ConfigSnapshot.decode(flipped, build: "b", cwd: "/", path: f.main, files: LocalConfigFiles()).1 == .stale("damaged"), "byte \(at)")
        }
        var extra = bytes
        extra.append(0)
        #expect(ConfigSnapshot.decode(extra, build: "b", cwd: "/", path: f.main, files: LocalConfigFiles()).1 == .stale("damaged"))
    }

    @Test func aSnapshotOthersCanWriteIsNotTrusted() throws {
        let f = try Folder()
        _ = try ConfigLoader.load(path: f.main, cache: f.cache)
        let file = f.cache.file(for: f.main)
        #expect(ConfigCache.readOwnFile(file) != nil)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0, "written 0600")
        chmod(file, 0o622)
        #expect(ConfigCache.readOwnFile(file) == nil)
        let (_, r) = try ConfigLoader.load(path: f.main, cache: f.cache)
        #expect(r == .parsed(reason: "no snapshot"))
    }

    @Test func theFolderComesFromTheEnvironment() {
        #expect(ConfigCache(environment: ["REMINDD_CACHE_DIR": "/a", "CACHE_DIRECTORY": "/b"])?.directory == "/a")
        #expect(ConfigCache(environment: ["REMINDD_CACHE_DIR": "off", "HOME": "/h"]) == nil)
        #expect(ConfigCache(environment: ["CACHE_DIRECTORY": "/var/cache/remindd:/x", "HOME": "/h"])?.directory == "/var/cache/remindd")
        #expect(ConfigCache(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"])?.directory == "/c/remindd")
        #expect(ConfigCache(environment: ["HOME": "/h"])?.directory == "/h/.cache/remindd")
        #expect(ConfigCache(environment: ["HOME": "/"]) == nil)
        #expect(ConfigCache(environment: [:]) == nil)
    }
}
