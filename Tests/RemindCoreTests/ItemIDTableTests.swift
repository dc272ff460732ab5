import Foundation
import Testing
@testable import RemindCore

/// `Config.item(_:)` through the compact id table.
@Suite struct ItemIDTableTests {
    static func items(_ n: Int, prefix: String = "i") -> [Item] {
        (0..<n).map { Item(id: "\(prefix)\($0)", title: "T\($0)", owner: "p") }
    }

    @Test func findsEveryItemAndNothingElse() {
        for n in [0, 1, 2, 5, 6, 7, 100, 12_289, 40_000] {
            let items = Self.items(n)
            let table = ItemIDTable(items)
            for (i, item) in items.enumerated() {
                #expect(table.position(of: item.id, in: items) == i)
            }
            for missing in ["", "i\(n)", "i-1", "x0", "I0", "i0 ", "i00"] {
                #expect(table.position(of: missing, in: items) == nil)
            }
            #expect(table.count == n)
            if n > 0 {
                #expect(table.capacity >= n * 5 / 4 && table.capacity.nonzeroBitCount == 1)
            }
        }
    }

    @Test func longAndNonASCIIIdsCompareAsStrings() {
        let ids = ["a-rather-long-item-identifier-beyond-fifteen-bytes", "é", "e\u{301}x", "ß", "🙂", "a.b_c"]
        let items = ids.map { Item(id: $0, title: $0, owner: "p") }
        let table = ItemIDTable(items)
        for (i, id) in ids.enumerated() { #expect(table.position(of: id, in: items) == i) }
        // Canonically equal strings are equal ids, as they were as dictionary keys.
        #expect(table.position(of: "\u{e9}x", in: items) == 2)
        #expect(table.position(of: "a-rather-long-item-identifier-beyond-fifteen", in: items) == nil)
    }

    @Test func theLastOfSharedIdsWinsAsBefore() {
        let items = Self.items(10) + [Item(id: "i3", title: "second", owner: "q")]
        let table = ItemIDTable(items)
        #expect(table.position(of: "i3", in: items) == 10)
        #expect(table.count == 10)
    }

    @Test func configLookupAfterAppendAndRebuild() throws {
        var c = try TestConfig.make(items: TestConfig.item("2023-10-02", id: "a") + TestConfig.item("2023-10-03", id: "b"))
        #expect(c.item("a")?.title == "Test item a")
        #expect(c.item("b")?.dueText == "2023-10-03")
        #expect(c.item("c") == nil)
        c.items.append(Item(id: "c", title: "Added", owner: "SJenV"))
        c.indexItems()
        #expect(c.item("c")?.title == "Added")
        #expect(c.items.map(\.id).allSatisfy { c.item($0)?.id == $0 })
        // Rebuilding again adds nothing twice.
        c.indexItems()
        c.indexItems()
        #expect(c.itemIDs.count == 3)
        #expect(c.position(of: "a") == 0 && c.position(of: "b") == 1 && c.position(of: "c") == 2)
    }

    @Test func aStaleTableNeverAnswersWithAnotherItem() throws {
        var c = try TestConfig.make(items: TestConfig.item("2023-10-02", id: "a") + TestConfig.item("2023-10-03", id: "b"))
        c.items.removeFirst()
        #expect(c.item("a") == nil)
        #expect(c.item("b") == nil || c.item("b")?.id == "b")
        c.items = []
        #expect(c.item("a") == nil && c.item("b") == nil)
        c.indexItems()
        #expect(c.itemIDs.count == 0 && c.item("a") == nil)
    }

    @Test func loadedConfigsKeepItemsInExactlySizedArrays() throws {
        let items = (0..<300).map { TestConfig.item("2023-10-02", id: "x\($0)") }.joined()
        let c = try TestConfig.make(items: items)
        #expect(c.items.count == 300)
        #expect(c.items.capacity < 300 + 300 / 8)
        for i in 0..<300 { #expect(c.position(of: "x\(i)") == i) }
    }
}
