import Foundation
import Testing
@testable import RemindCore

/// Planning and listing spread over the cores give exactly what one thread gives.
@Suite struct ParallelPlanningTests {
    @Test(arguments: [0, 1, 7, 100, 1_001])
    func partsComeBackInOrder(count: Int) {
        let made = Made()
        let out = Parallel.map(0..<count, minimumPerPart: 10, shared: -1, own: { made.next() }) { context, i in
            [i * 2, i * 2 + 1].map { ($0, context) }
        }
        #expect(out.map(\.0) == Array(0..<(2 * count)))
        // Each part used one context of its own; the serial path the shared one.
        let parts = Set(out.map(\.1))
        if ProcessInfo.processInfo.activeProcessorCount > 1 && count >= 20 {
            #expect(!parts.contains(-1) && parts.count == made.count)
        } else {
            #expect(parts.isSubset(of: [-1]))
        }
    }

    final class Made: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func next() -> Int { lock.withLock { n += 1; return n } }
        var count: Int { lock.withLock { n } }
    }

    @Test func parallelPlanEqualsSerialPlan() throws {
        let base = try TestConfig.load(TestConfig.yaml(items: """
          - { id: seed, title: Seed, owner: SJenV, with: [MBZK], meeting: lrt@2023-09-25, due: in 1 week }
        """))
        var c = base
        let template = try #require(base.items.first)
        let dues: [DeadlineExpr?] = [.relative(DurationSpec(1, .weeks)), .relative(DurationSpec(5, .workdays)), nil,
                                     .date(LocalDate(year: 2023, month: 11, day: 3))]
        c.items = (0..<12_000).map { i in
            var item = template
            item.id = "i\(i)"
            item.due = dues[i % dues.count]
            item.agreed = LocalDate(year: 2023, month: 9, day: 1).adding(days: i % 90)
            item.meeting = nil
            return item
        }
        c.indexItems()
        let planner = Planner(config: c)
        let from = Stamp.utc("2023-09-01T00:00:00Z"), to = Stamp.utc("2024-03-01T00:00:00Z")
        let serial = planner.reminders(state: PlanState(), from: from, to: to)
        let parallel = planner.reminders(state: PlanState(), from: from, to: to, parallel: true)
        #expect(serial.count > 30_000)
        #expect(parallel == serial)
        let agenda = Agenda(config: c, state: PlanState(), from: from, days: 20)
        var bytes: [UInt8] = []
        agenda.writeJSON(pretty: false) { bytes += $0 }
        #expect(String(decoding: bytes, as: UTF8.self) == agenda.json().serialized())
    }
}

/// `Planner.sorted` orders by time, then subject, then kind name, keeping the planned
/// order of equal reminders: the same as sorting on the values themselves, whether the
/// list is ordered whole or in two halves.
@Suite struct ReminderOrderTests {
    @Test func sortedIsOrderByTimeSubjectAndKind() {
        var rng = SystemRandomNumberGenerator()
        let subjects = ["a1", "a10", "a2", "b", "Ab", "z-very-long-subject-name-0001", "é", "a1.x"]
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        for _ in 0..<20 {
            var list: [Reminder] = []
            // Runs of one subject, as the planner makes them, and scattered ones.
            for _ in 0..<Int.random(in: 2...400, using: &rng) {
                let subject = subjects.randomElement(using: &rng)!
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let at = base.addingTimeInterval(Double(Int.random(in: 0..<6, using: &rng)) * 3600)
                    list.append(Reminder(subject: subject, kind: ReminderKind.allCases.randomElement(using: &rng)!, at: at,
                                         people: ["p\(Int.random(in: 0..<1000, using: &rng))"]))
                }
            }
            let expected = list.enumerated().sorted { x, y in
                let (a, b) = (x.element, y.element)
                if a.at != b.at { return a.at < b.at }
                if a.subject != b.subject { return a.subject < b.subject }
                if a.kind.rawValue != b.kind.rawValue { return a.kind.rawValue < b.kind.rawValue }
                return x.offset < y.offset
            }.map(\.element)
            #expect(Planner.sorted(list) == expected)
            // Two halves ordered apart and merged, as from 100,000 reminders on: subjects
            // in one half, the other or both, equal keys on both sides of the middle.
            #expect(Planner.sorted(list, halvesFrom: 2) == expected)
        }
        #expect(Planner.sorted([]) == [])
        #expect(Planner.sorted([], halvesFrom: 0) == [])
    }
}
