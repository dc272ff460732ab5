import Foundation
import Testing
@testable import RemindCore

/// `agenda --json` is written in pieces as it is made; the pieces together must be exactly
/// the document `json()` describes, pretty or compact, however small the pieces.
@Suite struct AgendaStreamTests {
    static func streamed(_ agenda: Agenda, pretty: Bool, chunk: Int) -> String {
        var bytes: [UInt8] = []
        var pieces = 0
        agenda.writeJSON(pretty: pretty, chunk: chunk) { bytes += $0; pieces += 1 }
        #expect(pieces >= 1)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [(true, 1), (true, 1 << 20), (false, 64), (false, 1 << 20)])
    func piecesMakeTheWholeDocument(pretty: Bool, chunk: Int) throws {
        let c = try WorkedExamplesTests.config()
        let agenda = Agenda(config: c, state: PlanState(), from: Stamp.utc("2023-09-25T00:00:00Z"), days: 120)
        #expect(agenda.reminders.count > 10)
        #expect(Self.streamed(agenda, pretty: pretty, chunk: chunk) == agenda.json().serialized(pretty: pretty))
    }

    @Test func emptyWindowIsAnEmptyArray() throws {
        let c = try WorkedExamplesTests.config()
        let agenda = Agenda(config: c, state: PlanState(), from: Stamp.utc("2030-01-01T00:00:00Z"), days: 1)
        #expect(Self.streamed(agenda, pretty: true, chunk: 10) == "[]")
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
