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
}
