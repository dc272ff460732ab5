import Foundation
import Testing
@testable import RemindCore

/// `agenda --json` is written in pieces as it is made; the pieces together must be exactly
/// the document `json()` describes, pretty or compact, however small the pieces.
@Suite struct AgendaStreamTests {
    static func streamed(_ agenda: Agenda, pretty: Bool) -> String {
        var bytes: [UInt8] = []
        var pieces = 0
        agenda.writeJSON(pretty: pretty) { bytes += $0; pieces += 1 }
        #expect(pieces >= 1)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [true, false])
    func piecesMakeTheWholeDocument(pretty: Bool) throws {
        let c = try WorkedExamplesTests.config()
        let agenda = Agenda(config: c, state: PlanState(), from: Stamp.utc("2023-09-25T00:00:00Z"), days: 120)
        #expect(agenda.reminders.count > 10)
        #expect(Self.streamed(agenda, pretty: pretty) == agenda.json().serialized(pretty: pretty))
    }

    /// Many blocks written on several threads, several channels per reminder, escalations.
    @Test(arguments: [true, false])
    func aLargeAgendaIsTheSameDocument(pretty: Bool) throws {
        var items = ""
        for i in 0..<3_000 {
            items += TestConfig.item("in \(1 + i % 20) workdays", id: "it-\(i)", owner: i % 3 == 0 ? "chair" : "SJenV",
                                     extra: i % 2 == 0 ? "with: [MBZK, chair]\nchannels: [local, other]" : "")
        }
        let yaml = TestConfig.yaml(items: items).replacingOccurrences(
            of: "  local: { type: maildir, path: ./mail }",
            with: "  local: { type: maildir, path: ./mail }\n  other: { type: maildir, path: ./other }")
        let c = try TestConfig.load(yaml)
        let agenda = Agenda(config: c, state: PlanState(), from: Stamp.utc("2023-09-25T00:00:00Z"), days: 90)
        #expect(agenda.reminders.count > 10_000)
        #expect(agenda.reminders.contains { !$0.escalation.isEmpty })
        #expect(Self.streamed(agenda, pretty: pretty) == agenda.json().serialized(pretty: pretty))
    }

    @Test func emptyWindowIsAnEmptyArray() throws {
        let c = try WorkedExamplesTests.config()
        let agenda = Agenda(config: c, state: PlanState(), from: Stamp.utc("2030-01-01T00:00:00Z"), days: 1)
        #expect(Self.streamed(agenda, pretty: true) == "[]")
    }

    @Test func prettyLayoutIsUnchanged() {
        let value = JSON.array([.object([("a", .strings(["x", "y"])), ("b", .array([])), ("c", .object([])), ("d", .null)])])
        #expect(value.serialized(pretty: true) == """
        [
          {
            "a": [
              "x",
              "y"
            ],
            "b": [],
            "c": {},
            "d": null
          }
        ]
        """)
    }
}
