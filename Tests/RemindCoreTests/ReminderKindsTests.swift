import Foundation
import Testing
@testable import RemindCore

/// Reminder moments of an item with a deadline (DESIGN "Time rules", reminder list):
/// leads in days, working days and exact units, `remind_at`, on_due, overdue repeats and
/// escalation. Europe/Amsterdam, mon-fri 09:00-17:00, Christmas off, R = Mon 2023-09-25.
@Suite struct ReminderKindsTests {
    static func golden(_ due: String, policy: String, r: String = "2023-09-25", extra: String = "",
                       holidays: [String] = ["2023-12-25", "2023-12-26"]) throws -> [String] {
        try TestConfig.make(holidays: holidays, policy: policy, items: TestConfig.item(due, r: r, extra: extra)).golden("x")
    }

    static let leadsOnly = "    on_due: false\n    overdue: { times: 0 }\n"

    @Test func leadsInDaysGoBackToAWorkingDay() throws {
        // Mon 10-09 − 3d = Fri 10-06; − 8d = Sun 10-01 → Fri 09-29; − 2w = Mon 09-25 = R: dropped.
        #expect(try Self.golden("2023-10-09", policy: "    before: [3d, 8d, 2w]\n" + Self.leadsOnly) == [
            "before-8d Fri 2023-09-29 09:00 +02:00 (2023-09-29T07:00:00Z) SJenV",
            "before-3d Fri 2023-10-06 09:00 +02:00 (2023-10-06T07:00:00Z) SJenV",
        ])
    }

    @Test func leadsInWorkingDaysSkipWeekendsAndHolidays() throws {
        #expect(try Self.golden("2023-10-09", policy: "    before: [2wd, 5wd]\n" + Self.leadsOnly) == [
            "before-5wd Mon 2023-10-02 09:00 +02:00 (2023-10-02T07:00:00Z) SJenV",
            "before-2wd Thu 2023-10-05 09:00 +02:00 (2023-10-05T07:00:00Z) SJenV",
        ])
        #expect(try Self.golden("2023-12-27", policy: "    before: [1wd]\n" + Self.leadsOnly, r: "2023-12-01") == [
            "before-1wd Fri 2023-12-22 09:00 +01:00 (2023-12-22T08:00:00Z) SJenV",
        ])
    }

    /// Exact leads: D minus that much, to the second, no working-day shift.
    @Test func exactLeadsBeforeATimedDeadline() throws {
        #expect(try Self.golden("next lrt", policy: "    before: [2h, 15m, 30s]\n" + Self.leadsOnly) == [
            "before-2h Mon 2023-10-23 12:00 +02:00 (2023-10-23T10:00:00Z) SJenV",
            "before-15m Mon 2023-10-23 13:45 +02:00 (2023-10-23T11:45:00Z) SJenV",
            "before-30s Mon 2023-10-23 13:59:30 +02:00 (2023-10-23T11:59:30Z) SJenV",
        ])
        // Before a date deadline the exact lead counts from workday end.
        #expect(try Self.golden("2023-10-02", policy: "    before: [1h]\n" + Self.leadsOnly) == [
            "before-1h Mon 2023-10-02 16:00 +02:00 (2023-10-02T14:00:00Z) SJenV",
        ])
    }

    /// `remind_at` instants are kept exactly, also on R's date where a lead would be
    /// dropped, and in any of the timed forms.
    @Test func remindAtIsExactAndNeverDropped() throws {
        let extra = "remind_at: [2023-10-20 14:00, 2023-09-25 16:00, 2023-10-02T06:15:30Z]"
        #expect(try Self.golden("2023-10-23", policy: "    before: []\n" + Self.leadsOnly, extra: extra) == [
            "at Mon 2023-09-25 16:00 +02:00 (2023-09-25T14:00:00Z) SJenV",
            "at Mon 2023-10-02 08:15:30 +02:00 (2023-10-02T06:15:30Z) SJenV",
            "at Fri 2023-10-20 14:00 +02:00 (2023-10-20T12:00:00Z) SJenV",
        ])
    }

    @Test func onDueOnANonWorkingDayIsTheWorkingDayBefore() throws {
        #expect(try Self.golden("2023-12-26", policy: "    before: []\n    overdue: { times: 0 }\n", r: "2023-12-01") == [
            "on-due Fri 2023-12-22 09:00 +01:00 (2023-12-22T08:00:00Z) SJenV",
        ])
        // A timed deadline: on_due at workday start of its day.
        #expect(try Self.golden("next lrt", policy: "    before: []\n    overdue: { times: 0 }\n") == [
            "on-due Mon 2023-10-23 09:00 +02:00 (2023-10-23T07:00:00Z) SJenV",
        ])
    }

    /// The k-th overdue reminder is first + (k−1) × every, each moved forward on its own:
    /// #2 lands on Christmas and moves to Wednesday, #3 still falls on New Year's Day.
    @Test func overdueRepeatsMoveForwardEachOnItsOwn() throws {
        #expect(try Self.golden("2023-12-15", policy: "    before: []\n    on_due: false\n    overdue: { every: 1w, times: 3 }\n",
                                r: "2023-12-01") == [
            "overdue#1 Mon 2023-12-18 09:00 +01:00 (2023-12-18T08:00:00Z) SJenV",
            "overdue#2 Wed 2023-12-27 09:00 +01:00 (2023-12-27T08:00:00Z) SJenV",
            "overdue#3 Mon 2024-01-01 09:00 +01:00 (2024-01-01T08:00:00Z) SJenV",
        ])
    }

    /// Two repeats moved onto the same Monday are one reminder; it carries the escalation
    /// of the later one.
    @Test func repeatsMovedOntoOneMomentAreOneReminder() throws {
        let policy = "    before: []\n    on_due: false\n    overdue: { every: 1d, times: 4 }\n    escalate: { after: 3, to: [chair] }\n"
        // Thu 10-05: #1 Fri 10-06, #2 Sat → Mon 10-09, #3 Sun → Mon 10-09, #4 Mon 10-09.
        #expect(try Self.golden("2023-10-05", policy: policy) == [
            "overdue#1 Fri 2023-10-06 09:00 +02:00 (2023-10-06T07:00:00Z) SJenV",
            "overdue#2 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV +chair",
        ])
    }

    /// Overdue repeats in clock units start like any other: on the working day after D's
    /// date, at workday start; then every that much.
    @Test func overdueInClockUnitsStartsTheWorkingDayAfter() throws {
        #expect(try Self.golden("2023-10-06", policy: "    before: []\n    on_due: false\n    overdue: { every: 4h, times: 3 }\n") == [
            "overdue#1 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV",
            "overdue#2 Mon 2023-10-09 13:00 +02:00 (2023-10-09T11:00:00Z) SJenV",
            "overdue#3 Mon 2023-10-09 17:00 +02:00 (2023-10-09T15:00:00Z) SJenV",
        ])
    }

    @Test func escalationFromTheNthOverdueOn() throws {
        let base = "    before: []\n    on_due: false\n    overdue: { every: 2wd, times: 3 }\n"
        #expect(try Self.golden("2023-10-02", policy: base + "    escalate: { after: 1, to: [chair, JenV] }\n") == [
            "overdue#1 Tue 2023-10-03 09:00 +02:00 (2023-10-03T07:00:00Z) SJenV +chair,+JenV",
            "overdue#2 Thu 2023-10-05 09:00 +02:00 (2023-10-05T07:00:00Z) SJenV +chair,+JenV",
            "overdue#3 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV +chair,+JenV",
        ])
        #expect(try Self.golden("2023-10-02", policy: base + "    escalate: { after: 3, to: [chair] }\n") == [
            "overdue#1 Tue 2023-10-03 09:00 +02:00 (2023-10-03T07:00:00Z) SJenV",
            "overdue#2 Thu 2023-10-05 09:00 +02:00 (2023-10-05T07:00:00Z) SJenV",
            "overdue#3 Mon 2023-10-09 09:00 +02:00 (2023-10-09T07:00:00Z) SJenV +chair",
        ])
        // An escalation target who already owns the item is not copied a second time.
        #expect(try Self.golden("2023-10-02", policy: base + "    escalate: { after: 1, to: [SJenV] }\n")[0]
            == "overdue#1 Tue 2023-10-03 09:00 +02:00 (2023-10-03T07:00:00Z) SJenV")
        // Escalation never reaches leads or on_due.
        #expect(try Self.golden("2023-10-02", policy: "    before: [1d]\n    escalate: { after: 1, to: [chair] }\n").prefix(2) == [
            "before-1d Fri 2023-09-29 09:00 +02:00 (2023-09-29T07:00:00Z) SJenV",
            "on-due Mon 2023-10-02 09:00 +02:00 (2023-10-02T07:00:00Z) SJenV",
        ])
    }

    /// A reminder's people: owner first, then `with`.
    @Test func peopleAreOwnerThenWith() throws {
        let c = try TestConfig.make(items: TestConfig.item("2023-10-02", extra: "with: [MBZK, JenV, MBZK]"))
        #expect(c.plan().first?.people == ["SJenV", "MBZK", "JenV"])
    }

    /// Leads on R's date or earlier are dropped, judged after the move to a working day.
    @Test func leadsOnOrBeforeRAreDropped() throws {
        let policy = "    before: [7d, 1d]\n" + Self.leadsOnly
        #expect(try Self.golden("2023-10-02", policy: policy, r: "2023-09-27") == [
            "before-1d Fri 2023-09-29 09:00 +02:00 (2023-09-29T07:00:00Z) SJenV",
        ])
        // Sun 10-01 moves back to Fri 09-29, which is R: dropped too.
        #expect(try Self.golden("2023-10-02", policy: policy, r: "2023-09-29") == [])
        #expect(try Self.golden("2023-10-02", policy: policy, r: "2023-09-28") == [
            "before-1d Fri 2023-09-29 09:00 +02:00 (2023-09-29T07:00:00Z) SJenV",
        ])
    }

    /// Same-moment reminders of one item are one: the most urgent kind leads and the others
    /// are listed with it.
    @Test func sameMomentRemindersMerge() throws {
        // Due Saturday: before-1d and on_due both fall on Friday; a remind_at joins them.
        let lines = try Self.golden("2023-09-30", policy: "    before: [1d]\n    overdue: { times: 0 }\n",
                                    r: "2023-09-20", extra: "remind_at: [2023-09-29 09:00]")
        #expect(lines == ["on-due+before+at Fri 2023-09-29 09:00 +02:00 (2023-09-29T07:00:00Z) SJenV"])
    }
}
