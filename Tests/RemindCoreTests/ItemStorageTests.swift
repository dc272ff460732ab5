import Foundation
import Testing
@testable import RemindCore

/// `Item` keeps its policy by reference and its rarely set fields in a box; what callers
/// see must stay plain values.
@Suite struct ItemStorageTests {
    @Test func itemsWithTheSamePolicyShareIt() throws {
        let c = try TestConfig.make(items: [
            TestConfig.item("2023-10-02", id: "a"),
            TestConfig.item("2023-10-02", id: "b"),
            TestConfig.item("2023-10-02", id: "c", extra: "policy: { on_due: false }"),
            TestConfig.item("2023-10-02", id: "d", extra: "policy: { on_due: false }"),
            TestConfig.item("2023-10-02", id: "e", extra: "policy: { before: [2d] }"),
        ].joined())
        let items = c.items
        #expect(items[0].sharedPolicy === items[1].sharedPolicy)
        #expect(items[2].sharedPolicy === items[3].sharedPolicy)
        #expect(items[0].sharedPolicy !== items[2].sharedPolicy)
        #expect(items[4].sharedPolicy !== items[0].sharedPolicy && items[4].sharedPolicy !== items[2].sharedPolicy)
        #expect(items[0].policy == c.defaultPolicy)
        #expect(items[2].policy.onDue == false && items[2].policy.before == c.defaultPolicy.before)
        #expect(items[4].policy.before == [DurationSpec(2, .days)])
    }

    @Test func policyAndRareFieldsHaveValueSemantics() {
        let a = Item(id: "a", title: "A", owner: "p")
        var b = a
        b.policy.onDue = false
        b.policy.before.append(DurationSpec(3, .hours))
        #expect(a.policy == Policy())
        #expect(b.policy.onDue == false && b.policy.before.count == 3)
        #expect(a != b)

        var c = a
        c.channels = ["mail"]
        c.notes = "n"
        c.remindAt = [Date(timeIntervalSince1970: 1)]
        #expect(a.channels == nil && a.notes == nil && a.remindAt.isEmpty)
        #expect(c.channels == ["mail"] && c.notes == "n" && c.remindAt == [Date(timeIntervalSince1970: 1)])
        var d = c
        d.remindAt.append(Date(timeIntervalSince1970: 2))
        #expect(c.remindAt.count == 1 && d.remindAt.count == 2)
        #expect(d.channels == ["mail"] && d.notes == "n")

        // Back to the defaults: equal to (and hashing like) an item that never had them.
        c.channels = nil
        c.notes = nil
        c.remindAt = []
        b.policy = Policy()
        #expect(c == a && b == a)
        #expect(Set([a, b, c]).count == 1)
    }

    @Test func equalItemsHashEqualWhateverTheirBoxes() {
        let p = Policy(before: [DurationSpec(2, .workdays)], onDue: false)
        let x = Item(id: "x", title: "X", owner: "p", policy: p, channels: ["c"], notes: "n")
        let y = Item(id: "x", title: "X", owner: "p", policy: p, channels: ["c"], notes: "n")
        #expect(x.sharedPolicy !== y.sharedPolicy)
        #expect(x == y && x.hashValue == y.hashValue)
        #expect(Item(id: "x", title: "X", owner: "p").sharedPolicy === SharedPolicy.standard)
    }

    @Test func itemsWithTheSameCoOwnersShareTheList() throws {
        let c = try TestConfig.make(items: [
            TestConfig.item("2023-10-02", id: "a", extra: "with: [MBZK, JenV]"),
            TestConfig.item("2023-10-02", id: "b", extra: "with: [MBZK, JenV]"),
            TestConfig.item("2023-10-02", id: "c", extra: "with: [JenV, MBZK]"),
            TestConfig.item("2023-10-02", id: "d"),
        ].joined())
        func storage(_ i: Int) -> UnsafePointer<String>? { c.items[i].with.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(c.items[0].with == ["MBZK", "JenV"] && c.items[2].with == ["JenV", "MBZK"] && c.items[3].with.isEmpty)
        #expect(storage(0) == storage(1))
        #expect(storage(0) != storage(2))
        var changed = c.items[1]
        changed.with.append("LRT")
        #expect(c.items[0].with == ["MBZK", "JenV"] && changed.with == ["MBZK", "JenV", "LRT"])
    }

    @Test func loadedItemsKeepTheirTextsInOneArena() throws {
        let yaml = TestConfig.yaml(items: [
            TestConfig.item("2023-10-02", r: "lrt@2023-09-25", id: "a"),
            TestConfig.item("2023-10-02", r: "lrt@2023-10-23", id: "b"),
        ].joined() + """
          - { id: c, title: "Ünïcode — ☃ and e\\u0301 and a title well beyond fifteen bytes", owner: SJenV, agreed: 2023-09-25 }
        """)
        let c = try TestConfig.load(yaml)
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let idLines = ["- id: a", "- id: b", "- { id: c"].map { id in lines.firstIndex { $0.contains(id) }! + 1 }
        #expect(c.items.map(\.title) == ["Test item a", "Test item b",
                                         "Ünïcode — ☃ and e\u{301} and a title well beyond fifteen bytes"])
        #expect(c.items.allSatisfy { $0.location?.file == "/nonexistent/remindd-test.yaml" })
        #expect(c.items.map { $0.location?.line ?? 0 } == idLines)
        #expect(c.items.map { $0.location?.column ?? 0 } == [9, 9, 11])
        #expect(c.items.map(\.dueText) == ["2023-10-02", "2023-10-02", nil])
        #expect(c.items.map(\.meeting) == [MeetingRef(series: "lrt", date: LocalDate(year: 2023, month: 9, day: 25)),
                                           MeetingRef(series: "lrt", date: LocalDate(year: 2023, month: 10, day: 23)), nil])
        #expect(c.items.map(\.referenceDate) == [LocalDate("2023-09-25"), LocalDate("2023-10-23"), LocalDate("2023-09-25")])
        #expect(c.items.map(\.owner) == ["SJenV", "SJenV", "SJenV"])
        // Owners, due texts, series and file names are in the arena once, whatever the number of items.
        #expect(c.items.allSatisfy { $0.texts === c.items[0].texts })
        let arena = c.items[0].texts
        let expected = ["Test item a", "SJenV", "lrt", "2023-10-02", "/nonexistent/remindd-test.yaml", "Test item b",
                        c.items[2].title].reduce(0) { $0 + $1.utf8.count }
        #expect(arena.byteCount == expected)
    }

    @Test func titleAndLocationHaveValueSemantics() throws {
        let c = try TestConfig.make(items: TestConfig.item("2023-10-02", id: "a") + TestConfig.item("2023-10-03", id: "b"))
        var a = c.items[0]
        a.title = "Renamed"
        #expect(a.title == "Renamed" && c.items[0].title == "Test item a" && c.items[1].title == "Test item b")
        #expect(a.location == c.items[0].location)
        a.location = SourceLocation(file: "/elsewhere.yaml", line: 3, column: 5)
        #expect(a.location?.description == "/elsewhere.yaml:3:5" && a.title == "Renamed")
        #expect(c.items[0].location?.file == "/nonexistent/remindd-test.yaml")
        a.location = nil
        #expect(a.location == nil && a.title == "Renamed")
        var b = Item(id: "b", title: "T", owner: "o", location: SourceLocation(file: "f", line: 1, column: 2))
        b.title = "U"
        #expect(b.location == SourceLocation(file: "f", line: 1, column: 2))

        var o = c.items[0]
        o.owner = "MBZK"
        #expect(o.owner == "MBZK" && c.items[0].owner == "SJenV" && o.title == "Test item a" && o.dueText == "2023-10-02")
        #expect(o != c.items[0])
        o.owner = "SJenV"
        #expect(o == c.items[0])

        var d = c.items[1]
        d.dueText = "in 1 week"
        d.meeting = MeetingRef(series: "board", date: LocalDate(year: 2024, month: 1, day: 8))
        #expect(d.dueText == "in 1 week" && d.meeting?.series == "board" && d.referenceDate == LocalDate("2024-01-08"))
        #expect(d.title == "Test item b" && d.location == c.items[1].location)
        #expect(c.items[1].dueText == "2023-10-03" && c.items[1].meeting == nil && c.items[0].dueText == "2023-10-02")
        d.meeting = nil
        d.dueText = nil
        #expect(d.meeting == nil && d.dueText == nil && d.referenceDate == c.items[1].agreed)
        d.agreed = nil
        #expect(d.referenceDate == nil)
        d.dueText = "2023-10-03"
        d.agreed = c.items[1].agreed
        #expect(d == c.items[1] && d.hashValue == c.items[1].hashValue)
    }

    @Test func titlesCompareAsStrings() {
        let precomposed = Item(id: "x", title: "caf\u{e9}", owner: "p")
        let decomposed = Item(id: "x", title: "cafe\u{301}", owner: "p")
        #expect(precomposed.title == decomposed.title)
        #expect(precomposed == decomposed && precomposed.hashValue == decomposed.hashValue)
        #expect(Item(id: "x", title: "", owner: "p") == Item(id: "x", title: "", owner: "p"))
        #expect(Item(id: "x", title: "a", owner: "p") != Item(id: "x", title: "b", owner: "p"))
        let located = Item(id: "x", title: "a", owner: "p", location: SourceLocation(file: "f", line: 1, column: 1))
        #expect(located != Item(id: "x", title: "a", owner: "p"))
        #expect(located != Item(id: "x", title: "a", owner: "p", location: SourceLocation(file: "g", line: 1, column: 1)))
        #expect(located == Item(id: "x", title: "a", owner: "p", location: SourceLocation(file: "f", line: 1, column: 1)))
        let r = MeetingRef(series: "lrt", date: LocalDate(year: 2023, month: 9, day: 25))
        #expect(Item(id: "x", title: "a", owner: "p", meeting: r) == Item(id: "x", title: "a", owner: "p", meeting: r))
        #expect(Item(id: "x", title: "a", owner: "p", meeting: r) != Item(id: "x", title: "a", owner: "p"))
        #expect(Item(id: "x", title: "a", owner: "p", meeting: r)
            != Item(id: "x", title: "a", owner: "p", meeting: MeetingRef(series: "lrt", date: LocalDate(year: 2023, month: 9, day: 26))))
        #expect(Item(id: "x", title: "a", owner: "p", meeting: r)
            != Item(id: "x", title: "a", owner: "p", meeting: MeetingRef(series: "lrx", date: r.date)))
        #expect(Item(id: "x", title: "a", owner: "p", dueText: "") != Item(id: "x", title: "a", owner: "p"))
        #expect(Item(id: "x", title: "a", owner: "p", dueText: "") == Item(id: "x", title: "a", owner: "p", dueText: ""))
        #expect(Item(id: "x", title: "a", owner: "p", dueText: "").dueText == "")
    }

    @Test func textArenaReadsBackWhatWasAppended() {
        let arena = TextArena()
        let texts = ["", "a", "fifteen bytes!!", "sixteen bytes!!!", "Ünïcode ☃ 🙂", "e\u{301}", ""]
        let spans = texts.map(arena.append)
        arena.shrinkToFit()
        #expect(spans.map(arena.string) == texts)
        #expect(arena.byteCount == texts.reduce(0) { $0 + $1.utf8.count })
        #expect(spans.allSatisfy { $0 != .none })
        let other = TextArena()
        let again = other.append("sixteen bytes!!!")
        #expect(arena.sameBytes(spans[3], other, again) && !arena.sameBytes(spans[2], other, again))
        #expect(arena.sameBytes(spans[0], other, other.append("")))
        #expect(arena.sameBytes(spans[0], arena, spans[6]))
        #expect(!arena.sameBytes(spans[5], other, other.append("\u{e9}")))
    }
}
