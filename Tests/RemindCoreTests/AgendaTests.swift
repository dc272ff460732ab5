import Foundation
import Testing
@testable import RemindCore

/// `remindd agenda` shows what the planner plans: the JSON keys DESIGN promises to scripts
/// and the table for people, over the worked-example config.
@Suite struct AgendaTests {
    @Test func jsonForAnItemReminder() throws {
        let c = try WorkedExamplesTests.config()
        let agenda = Agenda(config: c, state: PlanState(), from: Stamp.utc("2023-09-25T00:00:00Z"), days: 14)
        guard case .array(let rows) = agenda.json() else { Issue.record("not an array"); return }
        #expect(rows.count == 4)
        #expect(rows.first?.serialized() == #"{"at":"2023-09-29T07:00:00Z","local":"2023-09-29T09:00:00+02:00","kind":"before","item":"taakstelling","to":["SJenV","MBZK"],"escalation":[],"channels":["mail","chat"],"ordinal":null,"lead":"1d","deadline":"2023-10-02T15:00:00Z","merged":[],"keys":["taakstelling/before/20230929T070000Z/mail","taakstelling/before/20230929T070000Z/chat"]}"#)
        // Escalation targets are among `to` (all its people) and listed apart.
        #expect(rows.last?.serialized().contains(#""kind":"overdue","item":"taakstelling","to":["SJenV","MBZK","chair"],"escalation":["chair"]"#) == true)
    }

    @Test func jsonForAnEventNotice() throws {
        let c = try WorkedExamplesTests.config()
        let agenda = Agenda(config: c, state: PlanState(), from: Stamp.utc("2023-12-01T00:00:00Z"), days: 1)
        #expect(agenda.json().serialized() == #"[{"at":"2023-12-01T08:00:00Z","local":"2023-12-01T09:00:00+01:00","kind":"event-expected","item":"rvs-ruling","event":"rvs-ruling","to":["JenV"],"escalation":[],"channels":["mail"],"ordinal":null,"lead":null,"deadline":null,"merged":[],"keys":["rvs-ruling/event-expected/20231201T080000Z/mail"]}]"#)
    }

    @Test func tableForPeople() throws {
        let c = try WorkedExamplesTests.config()
        let table = Agenda(config: c, state: PlanState(), from: Stamp.utc("2023-10-04T00:00:00Z"), days: 3).table()
        #expect(table == """
        WHEN (Europe/Amsterdam)  KIND        ITEM          TO                  CHANNELS
        Thu 2023-10-05 09:00     overdue #2  taakstelling  SJenV, MBZK +chair  mail, chat

        """)
        let empty = Agenda(config: c, state: PlanState(), from: Stamp.utc("2023-10-06T00:00:00Z"), days: 1).table()
        #expect(empty == "No reminders in this window.\n")
    }
}
