import Foundation
import Testing
@testable import RemindCore

/// An item's `policy:` is merged over `defaults.policy`, which is merged over the built-in
/// policy; `before: []`, `on_due: false` and `overdue: {times: 0}` switch parts off.
@Suite struct PolicyMergeTests {
    static func item(_ policy: String) -> String {
        TestConfig.item("2023-10-02", extra: "policy:\n" + policy.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    }

    static let full = [
        "before-1d Fri 2023-09-29 09:00 +02:00 (2023-09-29T07:00:00Z) SJenV",
        "on-due Mon 2023-10-02 09:00 +02:00 (2023-10-02T07:00:00Z) SJenV",
        "overdue#1 Tue 2023-10-03 09:00 +02:00 (2023-10-03T07:00:00Z) SJenV",
        "overdue#2 Thu 2023-10-05 09:00 +02:00 (2023-10-05T07:00:00Z) SJenV +chair",
        "overdue#3 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV +chair",
    ]

    @Test func switchingPartsOff() throws {
        func golden(_ policy: String) throws -> [String] { try TestConfig.make(items: Self.item(policy)).golden("x") }
        #expect(try golden("before: []") == Array(Self.full.dropFirst()))
        #expect(try golden("on_due: false") == Self.full.filter { !$0.hasPrefix("on-due") })
        #expect(try golden("overdue: {times: 0}") == Array(Self.full.prefix(2)))
        #expect(try golden("escalate: false") == Self.full.map { $0.replacingOccurrences(of: " +chair", with: "") })
        #expect(try golden("before: []\non_due: false\noverdue: {times: 0}") == [])
    }

    /// Only the keys written override: `times` alone keeps the default `every`, `every`
    /// alone keeps the default `times`.
    @Test func partialOverridesKeepTheRest() throws {
        func golden(_ policy: String) throws -> [String] { try TestConfig.make(items: Self.item(policy)).golden("x") }
        #expect(try golden("overdue: {times: 1}") == Array(Self.full.prefix(3)))
        #expect(try golden("overdue: {every: 1w}") == Array(Self.full.prefix(3)) + [
            "overdue#2 Tue 2023-10-10 09:00 +02:00 (2023-10-10T07:00:00Z) SJenV +chair",
            "overdue#3 Tue 2023-10-17 09:00 +02:00 (2023-10-17T07:00:00Z) SJenV +chair",
        ])
        #expect(try golden("before: [2d]\nescalate: {after: 3, to: [JenV]}") == [
            "before-2d Fri 2023-09-29 09:00 +02:00 (2023-09-29T07:00:00Z) SJenV",
        ] + Array(Self.full.dropFirst().map { $0.replacingOccurrences(of: " +chair", with: "") }.prefix(3))
          + ["overdue#3 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV +JenV"])
    }

    /// The merge as values: defaults over built-ins, item over defaults, and other items
    /// untouched.
    @Test func mergedPolicies() throws {
        let c = try TestConfig.make(policy: "    before: [3d]\n    overdue: { every: 1d }\n", items:
            TestConfig.item("2023-10-02", id: "plain")
            + TestConfig.item("2023-10-02", id: "own", extra: "policy: { on_due: false, overdue: { times: 5 }, undated: off }"))
        let builtIn = Policy()
        #expect(builtIn.before == [DurationSpec(7, .days), DurationSpec(1, .days)])
        #expect(builtIn.overdue == Overdue(every: DurationSpec(2, .workdays), times: 3))
        #expect(builtIn.escalate == nil && builtIn.onDue && builtIn.undatedEvery == DurationSpec(2, .weeks))

        let defaults = c.defaultPolicy
        #expect(defaults.before == [DurationSpec(3, .days)])
        #expect(defaults.overdue == Overdue(every: DurationSpec(1, .days), times: 3))
        #expect(defaults.onDue && defaults.escalate == nil && defaults.undatedEvery == DurationSpec(2, .weeks))
        #expect(c.item("plain")?.policy == defaults)

        let own = try #require(c.item("own")?.policy)
        #expect(own.before == [DurationSpec(3, .days)])
        #expect(!own.onDue)
        #expect(own.overdue == Overdue(every: DurationSpec(1, .days), times: 5))
        #expect(own.undatedEvery == nil)
    }

    /// With no `defaults.policy` at all the built-in one applies.
    @Test func noDefaultsPolicyMeansTheBuiltInOne() throws {
        let c = try TestConfig.make(policy: nil, items: TestConfig.item("2023-10-09"))
        #expect(c.defaultPolicy == Policy())
        #expect(c.golden("x") == [
            "before-7d Mon 2023-10-02 09:00 +02:00 (2023-10-02T07:00:00Z) SJenV",
            "before-1d Fri 2023-10-06 09:00 +02:00 (2023-10-06T07:00:00Z) SJenV",
            "on-due Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV",
            "overdue#1 Tue 2023-10-10 09:00 +02:00 (2023-10-10T07:00:00Z) SJenV",
            "overdue#2 Thu 2023-10-12 09:00 +02:00 (2023-10-12T07:00:00Z) SJenV",
            "overdue#3 Mon 2023-10-16 09:00 +02:00 (2023-10-16T07:00:00Z) SJenV",
        ])
    }

    /// An item's `channels:` beat the person's, which beat `defaults.channels`.
    @Test func channelPrecedence() throws {
        let text = TestConfig.yaml(items: TestConfig.item("2023-10-02", id: "a", extra: "with: [MBZK]")
            + TestConfig.item("2023-10-02", id: "b", extra: "with: [MBZK]\nchannels: [hook]"))
            .replacingOccurrences(of: "  local: { type: maildir, path: ./mail }",
                                  with: "  local: { type: maildir, path: ./mail }\n  hook: { type: webhook, url: \"https://hooks.example.org/x\" }")
            .replacingOccurrences(of: "  MBZK:  { email: mbzk@example.org }", with: "  MBZK:  { email: mbzk@example.org, channels: [hook, local] }")
        let c = try TestConfig.load(text)
        let planner = Planner(config: c)
        let a = try #require(c.plan().first { $0.subject == "a" })
        #expect(planner.deliveries(for: a).map { "\($0.channel):\($0.to)" } == ["local:[\"SJenV\", \"MBZK\"]", "hook:[\"MBZK\"]"])
        let b = try #require(c.plan().first { $0.subject == "b" })
        #expect(planner.deliveries(for: b).map { "\($0.channel):\($0.to)" } == ["hook:[\"SJenV\", \"MBZK\"]"])
    }
}
