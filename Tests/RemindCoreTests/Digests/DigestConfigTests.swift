import Foundation
import Testing
@testable import RemindCore

/// `digests:` as the loader reads and refuses it (DESIGN "Digests"): every error with its
/// position, and the snapshot keeps what was read.
@Suite struct DigestConfigTests {
    static func config(_ digests: String, extra: String = "") -> String {
        """
        timezone: Europe/Amsterdam
        holidays: [2023-12-25]
        channels:
          local: { type: maildir, path: ./mail }
          mail: { type: smtp, url: "smtp://127.0.0.1:2525", from: "LRT <lrt@example.org>", tls: none }
        defaults: { channels: [local] }
        people:
          SJenV: { name: Staatssecretaris JenV, email: sjenv@example.org }
          MBZK: { email: mbzk@example.org }
          chair: { email: voorzitter@example.org }
          nomail: { name: Zonder adres }
        meetings:
          lrt: { dates: [2023-09-25, 2023-10-23, 2023-11-20], time: "14:00" }
          weekly: { dates: [2023-10-02, 2023-10-05] }
        \(extra)
        digests:
        \(digests)
        items:
          - { id: quota, title: Quota, owner: SJenV, with: [MBZK], meeting: lrt@2023-09-25, due: in 1 week }
        """
    }

    static func errors(_ text: String) -> [String] {
        do {
            _ = try ConfigLoader.load(text: text, path: "/tmp/digests.yaml")
            return []
        } catch let e as ConfigErrors {
            return e.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func readsOwnerAndMeetingDigests() throws {
        let c = try ConfigLoader.load(text: Self.config("""
          weekly: { to: owners, at: "mon 08:30" }
          daily: { to: [SJenV], at: "08:00", channels: [mail] }
          chair-before-lrt: { meeting: lrt, before: 2wd, at: "09:00", to: [chair] }
          exact: { meeting: lrt, before: 2h, to: [chair] }
        """), path: "/tmp/digests.yaml")
        #expect(c.digests.map(\.name) == ["weekly", "daily", "chair-before-lrt", "exact"])
        #expect(c.digest("weekly")?.schedule == .weekly(weekday: 1, LocalTime(hour: 8, minute: 30)))
        #expect(c.digest("weekly")?.to == .owners)
        #expect(c.digest("daily")?.schedule == .daily(LocalTime(hour: 8, minute: 0)))
        #expect(c.digest("daily")?.channels == ["mail"])
        #expect(c.digest("chair-before-lrt")?.schedule
            == .beforeMeeting(series: "lrt", lead: DurationSpec(2, .workdays), at: LocalTime(hour: 9, minute: 0)))
        #expect(c.digest("exact")?.schedule == .beforeMeeting(series: "lrt", lead: DurationSpec(2, .hours), at: nil))
        #expect(c.digest("chair-before-lrt")?.to == .people(["chair"]))
    }

    @Test func dutchWeekdaysAreRead() throws {
        let c = try ConfigLoader.load(text: Self.config("""
          wekelijks: { to: owners, at: "vrijdag 16:00" }
        """), path: "/tmp/digests.yaml")
        #expect(c.digest("wekelijks")?.schedule == .weekly(weekday: 5, LocalTime(hour: 16, minute: 0)))
    }

    @Test(arguments: [
        ("  bad: { to: owners, at: \"someday 08:30\" }", "digests.bad.at must be a time"),
        ("  bad: { to: owners, at: \"25:00\" }", "digests.bad.at must be a time"),
        ("  bad: { to: owners }", "digests.bad needs at:"),
        ("  bad: { at: \"08:30\" }", "digests.bad needs to:"),
        ("  bad: { to: everyone, at: \"08:30\" }", "digests.bad.to must be owners or a list"),
        ("  bad: { to: [nobody], at: \"08:30\" }", "unknown person 'nobody' in digests.bad.to"),
        ("  bad: { meeting: lrtt, before: 2wd, to: [chair] }", "unknown meeting series 'lrtt' in digests.bad.meeting"),
        ("  bad: { meeting: lrt, to: [chair] }", "digests.bad needs before:"),
        ("  bad: { to: owners, at: \"08:30\", before: 2wd }", "digests.bad.before needs meeting:"),
        ("  bad: { meeting: lrt, before: 1mo, to: [chair] }", "digests.bad.before must be a non-negative"),
        ("  bad: { meeting: lrt, before: 2wd, at: \"mon 09:00\", to: [chair] }", "digests.bad.at of a meeting digest"),
        ("  bad: { meeting: weekly, before: 3d, to: [chair] }", "digests.bad.before: 3d is not shorter than the 3 days"),
        ("  bad: { to: [nomail], at: \"08:30\", channels: [mail] }", "'nomail' gets digest 'bad' through mail channel 'mail' but has no email"),
        ("  bad: { to: [SJenV], at: \"08:30\", channels: [nope] }", "unknown channel 'nope' in digests.bad.channels"),
        ("  bad/name: { to: owners, at: \"08:30\" }", "digest name 'bad/name'"),
        ("  bad: { to: owners, at: \"08:30\", sent: yes }", "unknown key 'sent' in digest 'bad'"),
    ])
    func refusedWithPosition(_ digest: String, _ expected: String) {
        let text = Self.config(digest)
        let errors = Self.errors(text)
        #expect(errors.count >= 1, "accepted: \(digest)")
        // Every error is reported on the digest's own line.
        let line = text.components(separatedBy: "\n").firstIndex { $0 == digest }! + 1
        #expect(errors.contains { $0.hasPrefix("/tmp/digests.yaml:\(line):") && $0.contains("error: " + expected) }, "\(errors)")
    }
}
