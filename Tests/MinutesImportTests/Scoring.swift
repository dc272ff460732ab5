import Foundation
import RemindCore
@testable import MinutesImport

/// Recall, precision and field accuracy of the importer over a set of fixtures. Each
/// expected action can be claimed by one drafted item only, so an action drafted twice
/// (once from the body, once from the actions table) costs precision.
struct Score {
    var documents = 0
    var meetingDatesRight = 0
    var expected = 0
    var recalled = 0
    var drafted = 0
    var correct = 0
    var ownerChecked = 0, ownerRight = 0
    var withChecked = 0, withRight = 0
    var deadlineChecked = 0, deadlineRight = 0
    /// Human-readable misses, for the test log.
    var problems: [String] = []

    var recall: Double { Double(recalled) / Double(max(1, expected)) }
    var precision: Double { Double(correct) / Double(max(1, drafted)) }
    var ownerAccuracy: Double { Double(ownerRight) / Double(max(1, ownerChecked)) }
    var withAccuracy: Double { Double(withRight) / Double(max(1, withChecked)) }
    var deadlineAccuracy: Double { Double(deadlineRight) / Double(max(1, deadlineChecked)) }

    var summary: String {
        String(format: "recall %.2f (%d/%d), precision %.2f (%d/%d), owner %.2f (%d/%d), with %.2f (%d/%d), deadline %.2f (%d/%d), meeting date %d/%d",
               recall, recalled, expected, precision, correct, drafted, ownerAccuracy, ownerRight, ownerChecked,
               withAccuracy, withRight, withChecked, deadlineAccuracy, deadlineRight, deadlineChecked,
               meetingDatesRight, documents)
    }

    static func + (a: Score, b: Score) -> Score {
        var s = a
        s.documents += b.documents; s.meetingDatesRight += b.meetingDatesRight
        s.expected += b.expected; s.recalled += b.recalled; s.drafted += b.drafted; s.correct += b.correct
        s.ownerChecked += b.ownerChecked; s.ownerRight += b.ownerRight
        s.withChecked += b.withChecked; s.withRight += b.withRight
        s.deadlineChecked += b.deadlineChecked; s.deadlineRight += b.deadlineRight
        s.problems += b.problems
        return s
    }

    /// Owner names compare without case, accents or a leading article ("de voorzitter" is
    /// "Voorzitter").
    static func canonical(_ name: String?) -> String? {
        guard let name else { return nil }
        var words = Fold.string(name).split(separator: " ").map(String.init)
        if words.count > 1, ["de", "het", "the"].contains(words[0]) { words.removeFirst() }
        return words.joined(separator: " ")
    }

    static func score(_ fx: FixtureCase) -> Score {
        score(fx, options: ImportOptions())
    }

    static func score(_ fx: FixtureCase, options: ImportOptions) -> Score {
        let r = MinutesImporter.extract(fx.text, options: options)
        var s = Score()
        let tag = fx.name
        s.documents = 1
        if r.meetingDate?.description == fx.meetingDate { s.meetingDatesRight = 1 }
        else { s.problems.append("\(tag): meeting date \(r.meetingDate?.description ?? "none"), expected \(fx.meetingDate ?? "none")") }
        let optional = r.items.filter { item in fx.optional.contains { matches(item, $0) } && !fx.items.contains { matches(item, $0) } }
        let counted = r.items.filter { item in !optional.contains(item) }
        s.expected = fx.items.count
        s.drafted = counted.count
        var claimed = Set<Int>()
        for e in fx.items {
            guard let k = counted.indices.first(where: { !claimed.contains($0) && matches(counted[$0], e) }) else {
                s.problems.append("\(tag): missed \"\(e.key)\"")
                continue
            }
            claimed.insert(k)
            s.recalled += 1
            let item = counted[k]
            if let owners = e.owners {
                s.ownerChecked += 1
                if owners.contains(where: { canonical($0) == canonical(item.owner) }) { s.ownerRight += 1 }
                else { s.problems.append("\(tag) \"\(e.key)\": owner \(item.owner ?? "null"), expected \(owners.map { $0 ?? "null" })") }
            }
            if let with = e.fields["with"] as? [String] {
                s.withChecked += 1
                if Set(with.compactMap { canonical($0) }) == Set(item.with.compactMap { canonical($0) }) { s.withRight += 1 }
                else { s.problems.append("\(tag) \"\(e.key)\": with \(item.with), expected \(with)") }
            }
            let hasDue = e.fields.keys.contains("due"), hasDeadline = e.fields["deadline"] != nil
            let afterEvent = e.fields["after_event"] as? Bool == true
            if hasDue || hasDeadline || afterEvent {
                s.deadlineChecked += 1
                var ok = true
                if hasDue { ok = ok && item.due == e.fields["due"] as? String }
                if hasDeadline { ok = ok && item.deadline?.description == e.fields["deadline"] as? String }
                if afterEvent {
                    ok = ok && item.afterEvent != nil
                    if let w = e.fields["expected"] as? String { ok = ok && item.expected?.description == w }
                }
                if ok { s.deadlineRight += 1 }
                else {
                    s.problems.append("\(tag) \"\(e.key)\": due \(item.due ?? "null") / \(item.deadline?.description ?? "null")"
                        + "\(item.expected.map { " expected \($0)" } ?? ""), expected \(e.fields["due"].map { "\($0)" } ?? "-") / \(e.fields["deadline"].map { "\($0)" } ?? "-")"
                        + "\((e.fields["expected"] as? String).map { " window \($0)" } ?? "")")
                }
            }
        }
        s.correct = claimed.count
        for (k, item) in counted.enumerated() where !claimed.contains(k) {
            let what = fx.items.contains { matches(item, $0) } ? "duplicate" : (fx.not.contains { matches(item, $0) } ? "negative" : "extra")
            s.problems.append("\(tag): \(what) item line \(item.line): \(item.quote.prefix(90))")
        }
        return s
    }

    static func score(_ cases: [FixtureCase]) -> Score {
        cases.map(score).reduce(Score(), +)
    }
}
