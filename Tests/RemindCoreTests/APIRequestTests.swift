import Foundation
import Testing
@testable import RemindCore

@Suite struct APIRequestTests {
    static let zone = TimeZone(identifier: "Europe/Amsterdam")!
    static let cal = WorkCalendar(timeZone: zone)
    /// Friday 29 September 2023, 10:00 in Amsterdam.
    static let now = Date(timeIntervalSince1970: 1_695_974_400)

    static func snooze(_ body: String) -> Result<Date, APIRequest.Refusal> {
        APIRequest.snoozeEnd(Array(body.utf8), now: now, calendar: cal)
    }

    @Test func snoozeBodies() throws {
        #expect(try Self.snooze(#"{"until": "2023-10-02T07:00:00Z"}"#).get() == Date(timeIntervalSince1970: 1_696_230_000))
        // `for` counts like `remindd snooze --until 1w`: the start of work that day.
        let week = try Self.snooze(#"{"for": "1w"}"#).get()
        #expect(Agenda.localStamp(week, Self.cal) == "Fri 2023-10-06 09:00")
        #expect(Agenda.localStamp(week, Self.cal, language: .nl) == "vr 2023-10-06 09:00")
        #expect(Agenda.localStamp(try Self.snooze(#"{"for": "2wd"}"#).get(), Self.cal) == "Tue 2023-10-03 09:00")
        for bad in [#"{}"#, #"{"until": "2023-10-02T07:00:00Z", "for": "1w"}"#, #"{"until": 5}"#, #"{"until": {}, "for": "2d"}"#,
                    #"{"for": "-1w"}"#, #"{"for": "0d"}"#, #"{"for": "1000000w"}"#, #"{"until": "2020-01-01T00:00:00Z"}"#,
                    #"{"when": "1w"}"#, #"[]"#, "not json", "", #"{"for": "1w""#] {
            guard case .failure(let r) = Self.snooze(bad) else {
                Issue.record("accepted \(bad)")
                continue
            }
            #expect(!r.detail.isEmpty)
        }
    }

    @Test func eventBodies() throws {
        #expect(try APIRequest.occurred(Array(#"{"occurred": "2023-12-06"}"#.utf8)).get() == LocalDate(year: 2023, month: 12, day: 6))
        for bad in [#"{"occurred": "6 december"}"#, #"{"occurred": "2023-02-30"}"#, #"{"occurred": "2023-12-06", "x": 1}"#, "{}", "x"] {
            #expect((try? APIRequest.occurred(Array(bad.utf8)).get()) == nil, "\(bad)")
        }
    }

    @Test func agendaWindows() throws {
        let w = try APIRequest.agendaWindow(from: "2023-09-25", days: "7", now: Self.now, calendar: Self.cal).get()
        #expect(Agenda.localStamp(w.start, Self.cal) == "Mon 2023-09-25 00:00" && w.days == 7)
        #expect(try APIRequest.agendaWindow(from: nil, days: nil, now: Self.now, calendar: Self.cal).get().days == 30)
        for (from, days) in [("0", nil), ("", nil), (nil, "0"), (nil, "367"), (nil, "x"), (nil, "")] as [(String?, String?)] {
            #expect((try? APIRequest.agendaWindow(from: from, days: days, now: Self.now, calendar: Self.cal).get()) == nil)
        }
    }
}
