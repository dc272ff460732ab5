import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// Every fixture: the meeting date, each expected action with its owner, co-owners and
/// deadline, and the negatives (decisions, information, done, closed, conditional) absent.
@Suite struct FixtureTests {
    @Test(arguments: try! FixtureCase.all().map(\.name))
    func fixture(_ name: String) throws {
        let fx = try #require(try FixtureCase.all().first { $0.name == name })
        let r = MinutesImporter.extract(fx.text)
        #expect(r.meetingDate?.description == fx.meetingDate, "\(name): meeting date")
        for e in fx.items {
            let found = r.items.filter { matches($0, e) }
            try #require(found.count == 1, "\(name): expected one item for \"\(e.key)\", got \(found.map(\.quote))")
            let item = found[0]
            if e.fields.keys.contains("owner") {
                #expect(item.owner == e.fields["owner"] as? String, "\(name) \"\(e.key)\": owner")
            }
            if let with = e.fields["with"] as? [String] {
                #expect(item.with == with, "\(name) \"\(e.key)\": with")
            }
            if e.fields.keys.contains("due") {
                #expect(item.due == e.fields["due"] as? String, "\(name) \"\(e.key)\": due")
            }
            if let d = e.fields["deadline"] as? String {
                #expect(item.deadline?.description == d, "\(name) \"\(e.key)\": deadline")
            }
            if e.fields["after_event"] as? Bool == true {
                #expect(item.afterEvent != nil && item.due?.hasPrefix("after ") == true, "\(name) \"\(e.key)\": after event")
            }
            if let w = e.fields["expected"] as? String {
                #expect(item.expected?.description == w, "\(name) \"\(e.key)\": expected window")
            }
        }
        for phrase in fx.not {
            let wrong = r.items.filter { matches($0, phrase) }
            #expect(wrong.isEmpty, "\(name): \"\(phrase)\" is not an action but was drafted as \(wrong.map(\.title))")
        }
    }

    /// Recall and precision over all fixtures, printed; the floor keeps regressions out.
    @Test func recallAndPrecision() throws {
        var expected = 0, recalled = 0, drafted = 0, correct = 0, ownersRight = 0
        for fx in try FixtureCase.all() {
            let r = MinutesImporter.extract(fx.text)
            expected += fx.items.count
            drafted += r.items.count
            for e in fx.items {
                if let item = r.items.first(where: { matches($0, e) }) {
                    recalled += 1
                    if !e.fields.keys.contains("owner") || item.owner == e.fields["owner"] as? String { ownersRight += 1 }
                }
            }
            correct += r.items.filter { item in fx.items.contains { matches(item, $0) } }.count
        }
        let recall = Double(recalled) / Double(max(1, expected))
        let precision = Double(correct) / Double(max(1, drafted))
        print(String(format: "MinutesImport fixtures: recall %.2f (%d/%d), precision %.2f (%d/%d), owners right %d/%d",
                     recall, recalled, expected, precision, correct, drafted, ownersRight, recalled))
        #expect(recall >= 0.9)
        #expect(precision >= 0.9)
    }

    /// Every `due` the importer writes must be one the config loader accepts.
    @Test func everyDueParses() throws {
        for fx in try FixtureCase.all() {
            for item in MinutesImporter.extract(fx.text).items {
                guard let due = item.due else { continue }
                #expect(throws: Never.self, "\(fx.name): \(due)") { _ = try DeadlineExpr.parse(due) }
                if let w = item.expected { #expect(DateWindow.parse(w.description) == w) }
            }
            for e in MinutesImporter.extract(fx.text).events {
                if let t = e.expectedText { #expect(DateWindow.parse(t) == e.expected, "\(fx.name): \(t)") }
            }
        }
    }
}
