import Foundation
import Testing
@testable import RemindCore
@testable import RemindDaemon

/// The outbox's JSON columns: written without Foundation's coders for speed, but byte for
/// byte what `JSONEncoder` wrote, so rows from before and after read alike.
@Suite struct StoredReminderTests {
    static let oldEncoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static let samples: [Reminder] = [
        Reminder(subject: "taakstelling", kind: .before, at: Date(timeIntervalSince1970: 1_695_970_800),
                 deadline: Date(timeIntervalSince1970: 1_696_258_800), people: ["SJenV", "MBZK"],
                 lead: DurationSpec(1, .days)),
        Reminder(subject: "bak-oek", kind: .overdue, at: Date(timeIntervalSince1970: 1_696_575_600),
                 deadline: Date(timeIntervalSince1970: 1_696_258_800.5), people: ["SJenV"], escalation: ["chair"],
                 ordinal: 2, mergedKinds: [.due, .before]),
        Reminder(subject: "rvs-ruling", kind: .eventExpected, at: Date(timeIntervalSince1970: 1_701_417_600.123456),
                 people: ["JenV"]),
    ]

    @Test func writesWhatJSONEncoderWrote() throws {
        for r in Self.samples {
            let old = String(decoding: try Self.oldEncoder.encode(StoredReminder(r)), as: UTF8.self)
            #expect(try StoredReminder.encode(r) == old)
        }
        let ids = ["SJenV", "MBZK", "chair.2", "a_b-c"]
        #expect(try PeopleColumn.encode(ids) == String(decoding: try JSONEncoder().encode(ids), as: UTF8.self))
        #expect(try PeopleColumn.encode([]) == "[]")
    }

    @Test func readsRowsJSONEncoderWrote() throws {
        for r in Self.samples {
            let old = String(decoding: try Self.oldEncoder.encode(StoredReminder(r)), as: UTF8.self)
            #expect(try StoredReminder.decode(old) == r)
            #expect(try StoredReminder.decode(try StoredReminder.encode(r)) == r)
        }
        // Pretty, reordered, with explicit nulls: still the same reminder.
        let loose = """
        { "v": 1, "subject": "x", "kind": "due", "at": 1695970800.0, "deadline": null, "lead": null,
          "people": ["a"], "escalation": [], "ordinal": 0, "merged_kinds": [] }
        """
        #expect(try StoredReminder.decode(loose) == Reminder(subject: "x", kind: .due, at: Date(timeIntervalSince1970: 1_695_970_800), people: ["a"]))
        #expect(try PeopleColumn.decode(#"["SJenV","MBZK"]"#) == ["SJenV", "MBZK"])
    }

    @Test func refusesDamagedRows() {
        for bad in [#"{"v":1}"#, #"{"v":1,"subject":"x","kind":"nonsense","at":1,"people":[],"escalation":[],"ordinal":0,"merged_kinds":[]}"#,
                    #"{"v":1,"subject":"x","kind":"due","at":"soon","people":[],"escalation":[],"ordinal":0,"merged_kinds":[]}"#,
                    "not json"] {
            #expect(throws: (any Error).self) { try StoredReminder.decode(bad) }
        }
        #expect(throws: (any Error).self) { try PeopleColumn.decode(#"["a", 1]"#) }
    }
}
